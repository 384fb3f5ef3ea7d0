import Foundation
import StackctlCLI
import TestSupport
import XCTest

/// Golden templates of the bundled estate per environment, with pinned asset hashes (code changes are
/// covered by SynthCommandTests). They change only on purpose:
/// `STACKCTL_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`, then review the diff.
final class SnapshotTests: XCTestCase {
    static let snapshots = repositoryRoot.appendingPathComponent("Tests/StackctlCLITests/Snapshots")
    static let recording = ProcessInfo.processInfo.environment["STACKCTL_RECORD_SNAPSHOTS"] == "1"

    func testDevTemplatesMatchGoldenFiles() throws { try check(environment: "dev") }
    func testProdTemplatesMatchGoldenFiles() throws { try check(environment: "prod") }

    private func check(environment: String) throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        let run = runCLI(["synth", "--env", environment, "--out", out.path, "--quiet"], assets: pinnedAssets)
        XCTAssertEqual(run.status, 0, run.stderr)
        let golden = Self.snapshots.appendingPathComponent(environment)
        let produced = files(in: out)
        XCTAssertEqual(produced, ["MarketStream.template.yaml", "TickAlerts.template.yaml", "manifest.json"])

        if Self.recording {
            try? FileManager.default.removeItem(at: golden)
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            for name in produced {
                try FileManager.default.copyItem(at: out.appendingPathComponent(name), to: golden.appendingPathComponent(name))
            }
            return
        }
        XCTAssertEqual(files(in: golden), produced, "golden files differ in name; re-record with STACKCTL_RECORD_SNAPSHOTS=1")
        for name in produced {
            let expected = try read(golden.appendingPathComponent(name))
            let actual = try read(out.appendingPathComponent(name))
            if expected != actual {
                XCTFail("\(environment)/\(name) differs from its golden file:\n\(firstDifference(expected, actual))\n"
                        + "re-record on purpose with STACKCTL_RECORD_SNAPSHOTS=1 and review the diff")
            }
        }
    }

    private func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) where i >= la.count || i >= lb.count || la[i] != lb[i] {
            return "line \(i + 1):\n  golden:   \(i < la.count ? String(la[i]) : "<end>")\n  produced: \(i < lb.count ? String(lb[i]) : "<end>")"
        }
        return "(no line differs)"
    }
}
