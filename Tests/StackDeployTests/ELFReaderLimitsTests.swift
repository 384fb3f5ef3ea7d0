import Foundation
import StackDeploy
import TestSupport
import XCTest

/// Damaged and hostile ELF files: every one ends in the version needs or an `ELFError`, quickly —
/// offsets and sizes out of the file, section counts, string tables without terminators, endless chains.
final class ELFReaderLimitsTests: XCTestCase {
    /// A minimal Elf64 little-endian file: a string table and a `.gnu.version_r` section with one library
    /// needing `names`, each vernaux `auxNext` apart, the last one's `next` `lastNext` (0 ends the chain).
    static func elf(strings: [UInt8]? = nil, names: [String] = ["GLIBC_2.2.5", "GLIBC_2.34"], auxNext: UInt32 = 16,
                    lastNext: UInt32 = 0, count: UInt16? = nil, shnum: UInt16 = 3, stringTableSize: UInt64? = nil) -> [UInt8] {
        var table: [UInt8] = [0] + Array("libc.so.6".utf8) + [0]
        var nameOffsets: [UInt32] = []
        for name in names {
            nameOffsets.append(UInt32(table.count))
            table += Array(name.utf8) + [0]
        }
        let strtab = strings ?? table
        var out = [UInt8](repeating: 0, count: 64)
        func put(_ value: UInt64, _ size: Int, at offset: Int) {
            for i in 0..<size { out[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        }
        out.replaceSubrange(0..<6, with: [0x7f, 0x45, 0x4c, 0x46, 2, 1])
        let strtabOffset = out.count
        out += strtab
        let verneedOffset = out.count
        // Elf64_Verneed, then the vernaux entries.
        out += [UInt8](repeating: 0, count: 16 + 16 * max(names.count, 1))
        put(1, 2, at: verneedOffset)
        put(UInt64(count ?? UInt16(names.count)), 2, at: verneedOffset + 2)
        put(1, 4, at: verneedOffset + 4)  // "libc.so.6"
        put(16, 4, at: verneedOffset + 8)
        for (i, offset) in nameOffsets.enumerated() {
            let aux = verneedOffset + 16 + 16 * i
            put(UInt64(offset), 4, at: aux + 8)
            put(UInt64(i == names.count - 1 ? lastNext : auxNext), 4, at: aux + 12)
        }
        let verneedSize = out.count - verneedOffset
        let shoff = out.count
        out += [UInt8](repeating: 0, count: 64 * 3)
        put(UInt64(shoff), 8, at: 0x28)
        put(64, 2, at: 0x3a)
        put(UInt64(shnum), 2, at: 0x3c)
        func section(_ index: Int, type: UInt32, offset: Int, size: UInt64, link: UInt32 = 0, info: UInt32 = 0) {
            let base = shoff + 64 * index
            put(UInt64(type), 4, at: base + 4)
            put(UInt64(offset), 8, at: base + 0x18)
            put(size, 8, at: base + 0x20)
            put(UInt64(link), 4, at: base + 0x28)
            put(UInt64(info), 4, at: base + 0x2c)
        }
        section(1, type: 3, offset: strtabOffset, size: stringTableSize ?? UInt64(strtab.count))
        section(2, type: 0x6fff_fffe, offset: verneedOffset, size: UInt64(verneedSize), link: 1, info: 1)
        return out
    }

    func testTheSyntheticFileReadsLikeARealOne() throws {
        XCTAssertEqual(try ELFVersionNeeds.parse(Data(Self.elf())), [
            NeededVersion(library: "libc.so.6", name: "GLIBC_2.2.5"), NeededVersion(library: "libc.so.6", name: "GLIBC_2.34"),
        ])
    }

    func testEveryMutationEndsInNeedsOrAnError() throws {
        let started = Date()
        var inputs = [(name: "synthetic", bytes: Self.elf(), count: 3_000)]
        if let ls = FileManager.default.contents(atPath: "/bin/ls") { inputs.append(("/bin/ls", [UInt8](ls), 400)) }
        for (name, bytes, count) in inputs {
            var read = 0, failed = 0
            for mutation in InputMutation.cases(of: bytes, count: count, seed: 0x454C_4631) {
                do {
                    _ = try ELFVersionNeeds.parse(Data(mutation.apply(to: bytes)))
                    read += 1
                } catch {
                    XCTAssertTrue(error is ELFError, "\(name), \(mutation): \(error)")
                    failed += 1
                }
            }
            XCTAssertGreaterThan(read, 0, name)
            XCTAssertGreaterThan(failed, 0, name)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the whole run takes seconds")
    }

    func testHostileStructuresAreErrorsNamingWhere() throws {
        let unterminated = [UInt8](repeating: 0x41, count: 40)
        let cases: [(InputMutation, String)] = [
            (.custom(name: "a string table without terminators", bytes: Self.elf(strings: [0] + unterminated)), "unterminated string at"),
            (.custom(name: "a string table past the end", bytes: Self.elf(stringTableSize: 1 << 40)), "beyond the end of the file"),
            (.custom(name: "a name past maxNameBytes", bytes: Self.elf(names: [String(repeating: "G", count: 5_000)])), "limit maxNameBytes"),
            (.custom(name: "65,535 section headers", bytes: Self.elf(shnum: 0xFFFF)), "run past the end of the file"),
            (.custom(name: "a chain stepping into the middle of an entry", bytes: Self.elf(names: ["A", "B"], auxNext: 1, count: 0xFFFF)), "outside the string table"),
            (.custom(name: "more entries than maxVersionNeeds", bytes: Self.elf(names: (0..<10_001).map { "V\($0)" })), "limit maxVersionNeeds"),
            (.custom(name: "an entry count past the section", bytes: Self.elf(lastNext: 16, count: 0xFFFF)), "outside its section"),
        ]
        for (mutation, expected) in cases {
            XCTAssertThrowsError(try ELFVersionNeeds.parse(Data(mutation.apply(to: []))), "\(mutation)") {
                XCTAssertTrue("\($0)".contains(expected), "\(mutation): \($0)")
            }
        }
    }

    func testAFileErrorNamesTheFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("elf-\(UUID().uuidString)")
        try Data(Self.elf(strings: [0] + [UInt8](repeating: 0x41, count: 40))).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try ELFVersionNeeds.read(url)) {
            XCTAssertTrue("\($0)".hasPrefix("\(url.path): unterminated string at 65 (the string table ends at byte 105)"), "\($0)")
        }
    }
}
