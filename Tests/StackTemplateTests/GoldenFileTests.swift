import Foundation
import TestSupport
import XCTest

/// The golden-file helper every golden test uses: recording writes and counts as a failure.
final class GoldenFileTests: XCTestCase {
    func testRecordingWritesTheFileAndIsNeverAPass() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.txt")
        XCTAssertEqual(GoldenFile.compare(url, "one\n", recording: false), .failed("no golden file a.txt; record it with STACKCTL_RECORD_SNAPSHOTS=1"))
        XCTAssertEqual(GoldenFile.compare(url, "one\n", recording: true), .recorded)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "one\n")
        XCTAssertEqual(GoldenFile.compare(url, "one\n", recording: false), .matches)
        guard case .failed(let message) = GoldenFile.compare(url, "two\n", recording: false) else { return XCTFail("a difference passed") }
        XCTAssertTrue(message.contains("line 1:\n  golden:   one\n  produced: two"), message)
    }
}
