import Foundation
import XCTest

/// Golden files, compared byte for byte. They change only on purpose: run the tests with
/// `STACKCTL_RECORD_SNAPSHOTS=1`, review the diff, commit. A recording run writes the files and fails,
/// so it can never pass silently (in CI or anywhere else).
public enum GoldenFile {
    public static let recording = ProcessInfo.processInfo.environment["STACKCTL_RECORD_SNAPSHOTS"] == "1"

    public enum Outcome: Equatable {
        case matches
        /// Written anew: a failure too, so that recording is never a green run.
        case recorded
        case failed(String)
    }

    /// Compares `actual` with the golden file at `url` (or records it); anything but `.matches` fails the test.
    public static func check(_ url: URL, _ actual: String, file: StaticString = #filePath, line: UInt = #line) {
        switch compare(url, actual, recording: recording) {
        case .matches: break
        case .recorded:
            XCTFail("recorded \(url.lastPathComponent): review the diff, then run again without STACKCTL_RECORD_SNAPSHOTS",
                    file: file, line: line)
        case .failed(let message): XCTFail(message, file: file, line: line)
        }
    }

    public static func compare(_ url: URL, _ actual: String, recording: Bool) -> Outcome {
        let name = url.lastPathComponent
        if recording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                return .recorded
            } catch {
                return .failed("cannot record \(name): \(error)")
            }
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return .failed("no golden file \(name); record it with STACKCTL_RECORD_SNAPSHOTS=1")
        }
        if expected != actual {
            return .failed("\(name) differs from its golden file:\n\(firstDifference(expected, actual))\n"
                           + "re-record on purpose with STACKCTL_RECORD_SNAPSHOTS=1 and review the diff")
        }
        return .matches
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) where i >= la.count || i >= lb.count || la[i] != lb[i] {
            return "line \(i + 1):\n  golden:   \(i < la.count ? String(la[i]) : "<end>")\n  produced: \(i < lb.count ? String(lb[i]) : "<end>")"
        }
        return "(no line differs)"
    }
}
