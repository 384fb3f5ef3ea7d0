import Foundation
import StackDeploy
import XCTest

final class ZipReaderTests: XCTestCase {
    func testReadsBackWhatDeterministicZipWrote() throws {
        let binary = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7 % 251) })
        for compression in [DeterministicZip.Compression.deflate, .stored] {
            let zip = try DeterministicZip.archive([
                ZipEntry(name: "README", data: Data("hello".utf8)),
                ZipEntry(name: "bootstrap", data: binary, mode: 0o755),
            ], compression: compression)
            let entry = try ZipReader.entry(named: "bootstrap", in: zip)
            XCTAssertEqual(entry.data, binary)
            XCTAssertEqual(entry.mode, 0o755)
            XCTAssertEqual(try ZipReader.entry(named: "README", in: zip).data, Data("hello".utf8))
        }
    }

    func testMissingEntryAndDamageAreErrors() throws {
        let zip = try DeterministicZip.archive([ZipEntry(name: "bootstrap", data: Data(repeating: 65, count: 5000), mode: 0o755)])
        XCTAssertThrowsError(try ZipReader.entry(named: "other", in: zip)) {
            XCTAssertEqual("\($0)", "no entry 'other' in the zip")
        }
        XCTAssertThrowsError(try ZipReader.entry(named: "bootstrap", in: Data("not a zip at all, just some text".utf8))) {
            XCTAssertTrue("\($0)".contains("not a zip"), "\($0)")
        }
        // Flip a byte of the compressed data: inflate or the CRC-32 catches it.
        var damaged = zip
        damaged[40] ^= 0xFF
        XCTAssertThrowsError(try ZipReader.entry(named: "bootstrap", in: damaged))
    }
}
