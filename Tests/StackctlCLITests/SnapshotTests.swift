import Foundation
import StackctlCLI
import TestSupport
import XCTest

/// Golden templates of the bundled estate per environment, with pinned asset hashes (code changes are
/// covered by SynthCommandTests). They change only on purpose (`GoldenFile`):
/// `STACKCTL_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`, then review the diff.
final class SnapshotTests: XCTestCase {
    static let snapshots = repositoryRoot.appendingPathComponent("Tests/StackctlCLITests/Snapshots")

    func testDevTemplatesMatchGoldenFiles() throws { try check(environment: "dev") }
    func testProdTemplatesMatchGoldenFiles() throws { try check(environment: "prod") }

    private func check(environment: String) throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        let run = runCLI(["synth", "--env", environment, "--out", out.path, "--quiet"], assets: pinnedAssets)
        XCTAssertEqual(run.status, 0, run.stderr)
        let golden = Self.snapshots.appendingPathComponent(environment)
        let produced = files(in: out)
        XCTAssertEqual(produced, ["MarketStream.template.yaml", "TickAlerts.template.yaml", "manifest.json"])
        if !GoldenFile.recording {
            XCTAssertEqual(files(in: golden), produced, "golden files differ in name; re-record with STACKCTL_RECORD_SNAPSHOTS=1")
        }
        for name in produced {
            GoldenFile.check(golden.appendingPathComponent(name), try read(out.appendingPathComponent(name)))
        }
    }
}
