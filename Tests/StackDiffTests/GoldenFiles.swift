import Foundation
import XCTest

/// Golden outputs under Tests/StackDiffTests/Golden, compared byte for byte. They change only on
/// purpose: `STACKCTL_RECORD_SNAPSHOTS=1 swift test --filter StackDiffTests`, then review the diff.
enum GoldenFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["STACKCTL_RECORD_SNAPSHOTS"] == "1"

    static func check(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = folder.appendingPathComponent(name)
        let text = actual.hasSuffix("\n") ? actual : actual + "\n"
        if recording {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            XCTAssertNoThrow(try Data(text.utf8).write(to: url), file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail("no golden file \(name); record it with STACKCTL_RECORD_SNAPSHOTS=1", file: file, line: line)
        }
        if expected != text {
            XCTFail("\(name) differs from its golden file:\n\(firstDifference(expected, text))\n"
                    + "re-record on purpose with STACKCTL_RECORD_SNAPSHOTS=1 and review the diff", file: file, line: line)
        }
    }

    private static func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) where i >= la.count || i >= lb.count || la[i] != lb[i] {
            return "line \(i + 1):\n  golden:   \(i < la.count ? String(la[i]) : "<end>")\n  produced: \(i < lb.count ? String(lb[i]) : "<end>")"
        }
        return "(no line differs)"
    }
}
