import Foundation
import StackDeploy
import XCTest

final class DeterministicZipTests: XCTestCase {
    func testCRC32MatchesTheStandardCheckValue() {
        XCTAssertEqual(CRC32.checksum(Data("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum(Data()), 0)
        XCTAssertEqual(CRC32.checksum(Data("The quick brown fox jumps over the lazy dog".utf8)), 0x414F_A339)
    }

    func testSameEntriesGiveTheSameBytesWhateverTheirOrder() throws {
        let a = ZipEntry(name: "bootstrap", data: Data(repeating: 7, count: 10_000), mode: 0o755)
        let b = ZipEntry(name: "config/settings.json", data: Data("{\"a\": 1}".utf8))
        let first = try DeterministicZip.archive([a, b])
        let second = try DeterministicZip.archive([b, a])
        XCTAssertEqual(first, second)
        XCTAssertEqual(try DeterministicZip.archive([a], compression: .stored),
                       try DeterministicZip.archive([a], compression: .stored))
        XCTAssertNotEqual(first, try DeterministicZip.archive([a]))
    }

    func testDuplicateNamesAreRejected() {
        let entry = ZipEntry(name: "bootstrap", data: Data([1]))
        XCTAssertThrowsError(try DeterministicZip.archive([entry, entry]))
    }

    func testPythonReadsItBackWithTheExecutableModeAndTheEpochTimestamp() throws {
        let folder = try temporaryFolder()
        let binary = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) })
        for compression in [DeterministicZip.Compression.stored, .deflate] {
            let zip = folder.appendingPathComponent("asset-\(compression).zip")
            try DeterministicZip.archive([
                ZipEntry(name: "bootstrap", data: binary, mode: 0o755),
                ZipEntry(name: "empty.txt", data: Data()),
                ZipEntry(name: "a.txt", data: Data("hello\n".utf8)),
            ], compression: compression).write(to: zip)

            let listing = try python(["-m", "zipfile", "-t", zip.path])
            XCTAssertEqual(listing.status, 0, listing.output)
            let info = try python(["-c", """
                import sys, zipfile
                z = zipfile.ZipFile(sys.argv[1])
                for i in z.infolist():
                    print(i.filename, oct(i.external_attr >> 16), i.create_system, i.date_time, i.compress_type, len(i.extra))
                """, zip.path])
            XCTAssertEqual(info.status, 0, info.output)
            let method = compression == .stored ? 0 : 8
            XCTAssertEqual(info.output.split(separator: "\n").map(String.init), [
                "a.txt 0o100644 3 (1980, 1, 1, 0, 0, 0) 0 0",  // tiny: stored even when deflating
                "bootstrap 0o100755 3 (1980, 1, 1, 0, 0, 0) \(method) 0",
                "empty.txt 0o100644 3 (1980, 1, 1, 0, 0, 0) 0 0",
            ])

            let extracted = folder.appendingPathComponent("x-\(compression)")
            let extract = try python(["-m", "zipfile", "-e", zip.path, extracted.path])
            XCTAssertEqual(extract.status, 0, extract.output)
            XCTAssertEqual(try Data(contentsOf: extracted.appendingPathComponent("bootstrap")), binary)
            XCTAssertEqual(try String(contentsOf: extracted.appendingPathComponent("a.txt"), encoding: .utf8), "hello\n")

            // unzip (Info-ZIP) restores the Unix mode, as Lambda's unpacking does.
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
                let target = folder.appendingPathComponent("u-\(compression)")
                let unzip = try runTool("/usr/bin/unzip", ["-q", zip.path, "-d", target.path])
                XCTAssertEqual(unzip.status, 0, unzip.output)
                XCTAssertTrue(FileManager.default.isExecutableFile(atPath: target.appendingPathComponent("bootstrap").path))
                XCTAssertFalse(FileManager.default.isExecutableFile(atPath: target.appendingPathComponent("a.txt").path))
            }
        }
    }

    func testDeflateShrinksCompressibleData() throws {
        let data = Data(String(repeating: "tick,price,volume\n", count: 10_000).utf8)
        let deflated = try DeterministicZip.archive([ZipEntry(name: "bootstrap", data: data, mode: 0o755)])
        let stored = try DeterministicZip.archive([ZipEntry(name: "bootstrap", data: data, mode: 0o755)], compression: .stored)
        XCTAssertLessThan(deflated.count, stored.count / 10)
        XCTAssertEqual(stored.count, data.count + 30 + 9 + 46 + 9 + 22)  // headers + name twice + end record
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stackdeploy-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try runTool("/usr/bin/env", ["python3"] + arguments)
}

func runTool(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}
