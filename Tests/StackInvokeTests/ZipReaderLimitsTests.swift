import Foundation
import StackDeploy
import TestSupport
import XCTest

/// Damaged and hostile zips: every one ends in the entry or a `ZipError`, quickly, and nothing
/// allocates what a header merely declares.
final class ZipReaderLimitsTests: XCTestCase {
    static let bootstrap = Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 * 7 % 251) } + Array("#!/bin/sh\necho hi\n".utf8))

    static func zip(_ compression: DeterministicZip.Compression = .deflate) throws -> [UInt8] {
        [UInt8](try DeterministicZip.archive([
            ZipEntry(name: "README", data: Data("hello".utf8)),
            ZipEntry(name: "bootstrap", data: bootstrap, mode: 0o755),
        ], compression: compression))
    }

    /// Byte offsets of the central directory entry of `bootstrap` and of the end record.
    static func offsets(_ zip: [UInt8]) -> (entry: Int, end: Int) {
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(zip[at + $1]) << (8 * UInt32($1)) } }
        let end = (0...(zip.count - 22)).last { u32($0) == 0x0605_4b50 }!
        let entries = (0..<end).filter { u32($0) == 0x0201_4b50 }
        let entry = entries.first { String(decoding: zip[($0 + 46)..<($0 + 46 + 9)], as: UTF8.self) == "bootstrap" }!
        return (entry, end)
    }

    static func patched(_ zip: [UInt8], at offset: Int, u32 value: UInt32) -> [UInt8] {
        var out = zip
        for i in 0..<4 { out[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
        return out
    }

    static func patched(_ zip: [UInt8], at offset: Int, u16 value: UInt16) -> [UInt8] {
        var out = zip
        out[offset] = UInt8(value & 0xFF)
        out[offset + 1] = UInt8(value >> 8)
        return out
    }

    static func hostileCases(_ zip: [UInt8]) -> [(InputMutation, expected: String)] {
        let (entry, end) = offsets(zip)
        let compressed = Int(zip[entry + 20]) | Int(zip[entry + 21]) << 8 | Int(zip[entry + 22]) << 16
        return [
            (.custom(name: "a declared size of 4 GB", bytes: patched(zip, at: entry + 24, u32: 0xFFFF_FFFF)), "limit maxEntryBytes"),
            (.custom(name: "a ratio past deflate's", bytes: patched(zip, at: entry + 24, u32: UInt32(compressed * 2_000))), "limit maxCompressionRatio"),
            (.custom(name: "a declared size just above the real one", bytes: patched(zip, at: entry + 24, u32: UInt32(bootstrap.count + 1))), "mismatch"),
            (.custom(name: "a declared size below the real one", bytes: patched(zip, at: entry + 24, u32: UInt32(bootstrap.count - 1))), "inflates to more than"),
            (.custom(name: "a compressed size past the end", bytes: patched(zip, at: entry + 20, u32: 0x7FFF_FFFF)), "truncated data"),
            (.custom(name: "a local header offset past the end", bytes: patched(zip, at: entry + 42, u32: 0xFFFF_FFF0)), "truncated zip"),
            (.custom(name: "65,535 entries declared", bytes: patched(zip, at: end + 10, u16: 0xFFFF)), "more than fit before it"),
            (.custom(name: "a central directory offset past the end", bytes: patched(zip, at: end + 16, u32: 0xFFFF_FF00)), "more than fit before it"),
            (.custom(name: "a name length past the end", bytes: patched(zip, at: entry + 28, u16: 0xFFFF)), "truncated zip (the name of the entry at byte \(entry))"),
            (.custom(name: "a bad CRC-32", bytes: patched(zip, at: entry + 16, u32: 0)), "CRC-32"),
            (.custom(name: "an unknown method", bytes: patched(zip, at: entry + 10, u16: 99)), "compression method 99"),
            (.custom(name: "empty", bytes: []), "not a zip"),
            (.custom(name: "only an end record", bytes: Array(zip[end...])), "more than fit before it"),
        ]
    }

    func testEveryMutationEndsInTheEntryOrAnError() throws {
        let started = Date()
        for compression in [DeterministicZip.Compression.deflate, .stored] {
            let zip = try Self.zip(compression)
            var read = 0, failed = 0
            for mutation in InputMutation.cases(of: zip, count: 1_500, seed: 0x5A49_5031) {
                do {
                    let entry = try ZipReader.entry(named: "bootstrap", in: Data(mutation.apply(to: zip)))
                    XCTAssertEqual(entry.data, Self.bootstrap, "\(mutation): a damaged entry must not read back as data")
                    read += 1
                } catch {
                    XCTAssertTrue(error is ZipError, "\(mutation): \(error)")
                    failed += 1
                }
            }
            XCTAssertGreaterThan(read, 0, "damage outside the entry leaves it readable")
            XCTAssertGreaterThan(failed, 0)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the whole run takes seconds")
    }

    func testHostileHeadersAreErrorsNamingTheLimitOrTheOffset() throws {
        let zip = try Self.zip()
        XCTAssertEqual(try ZipReader.entry(named: "bootstrap", in: Data(zip)).data, Self.bootstrap)
        for (mutation, expected) in Self.hostileCases(zip) {
            XCTAssertThrowsError(try ZipReader.entry(named: "bootstrap", in: Data(mutation.apply(to: zip))), "\(mutation)") {
                XCTAssertTrue($0 is ZipError, "\(mutation): \($0)")
                XCTAssertTrue("\($0)".contains(expected), "\(mutation): \($0)")
            }
        }
        let (entry, _) = Self.offsets(zip)
        XCTAssertThrowsError(try ZipReader.entry(named: "bootstrap", in: Data(Self.patched(zip, at: entry + 24, u32: 0xFFFF_FFFF)))) {
            XCTAssertEqual("\($0)", "'bootstrap' (central directory entry at byte \(entry)) declares 4294967295 bytes, more than 262144000 "
                           + "(limit maxEntryBytes: Lambda's 250 MB unzipped)")
        }
    }

    func testAStoredEntryMustDeclareItsOwnSize() throws {
        let zip = try Self.zip(.stored)
        let (entry, _) = Self.offsets(zip)
        XCTAssertThrowsError(try ZipReader.entry(named: "bootstrap", in: Data(Self.patched(zip, at: entry + 24, u32: 100)))) {
            XCTAssertTrue("\($0)".contains("is stored but declares 100 bytes for \(Self.bootstrap.count) stored ones"), "\($0)")
        }
    }
}
