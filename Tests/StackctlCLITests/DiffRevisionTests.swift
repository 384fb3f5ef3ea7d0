import Foundation
import StackDeploy
@testable import StackctlCLI
import TestSupport
import XCTest

/// `stackctl diff --base REV` in a temporary clone of this repository: the revision is checked out in a
/// worktree, synthesized there, diffed, and the worktree removed (also when the base does not build).
///
/// A cold build of the base revision compiles the whole package (swift-crypto, Yams...) and takes many
/// minutes on CI's 2 cores, so by default `swift` is replaced by a stand-in that "builds" by copying the
/// stackctl this test run already built. Everything else is real: git, the worktree at the revision, its
/// environment files and functions, the synth there, the diff, the cleanup. Set
/// `STACKCTL_DIFF_REAL_BUILD=1` to build the base revision for real (its scratch path persists in the
/// clone's `.build/diff-base`, so only the first run is slow).
final class DiffRevisionTests: XCTestCase {
    private var clone: URL!

    override func setUpWithError() throws {
        clone = try temporaryFolder(self).appendingPathComponent("clone")
        try git(["clone", "--quiet", repositoryRoot.path, clone.path], in: repositoryRoot)
    }

    override func tearDown() {
        unsetenv("STACKCTL_SWIFT")
        super.tearDown()
    }

    @discardableResult
    private func git(_ arguments: [String], in directory: URL) throws -> String {
        let result = Subprocess.run(["git"] + arguments, in: directory)
        guard result.status == 0 else { throw GitFailed(output: result.output) }
        return result.output
    }

    struct GitFailed: Error { var output: String }

    private func useSwift(_ failing: Bool = false) throws {
        if ProcessInfo.processInfo.environment["STACKCTL_DIFF_REAL_BUILD"] == "1" && !failing { return }
        setenv("STACKCTL_SWIFT", try swiftStandIn(self, failing: failing).path, 1)
    }

    private func worktrees() throws -> [String] {
        try git(["worktree", "list", "--porcelain"], in: clone).split(separator: "\n").filter { $0.hasPrefix("worktree ") }.map(String.init)
    }

    func testDiffAgainstHEADShowsTheUncommittedChangeAndRemovesTheWorktree() throws {
        try useSwift()
        let env = clone.appendingPathComponent("environments/dev.yaml")
        let text = try read(env)
        XCTAssertTrue(text.contains("logRetentionDays: 14\n"))
        try Data(text.replacingOccurrences(of: "logRetentionDays: 14\n", with: "logRetentionDays: 30\n").utf8).write(to: env)

        let run = runCLI(["diff", "--env", "dev", "--base", "HEAD", "--color", "never", "--fail-on", "any"], root: clone)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("stackctl diff (dev) against HEAD"), run.stdout)
        XCTAssertTrue(run.stdout.contains("~ ProcessorLogGroup (TickAlerts/Processor/LogGroup) AWS::Logs::LogGroup  [update]\n    ~ Properties.RetentionInDays: 14 → 30"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Stack MarketStream: 2 to update\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Stack TickAlerts: 1 to update\n"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("2 of 2 stacks changed."), run.stdout)
        XCTAssertTrue(run.stderr.contains("diff: checking out HEAD ("), run.stderr)
        XCTAssertTrue(run.stderr.contains("diff: synthesizing dev at HEAD"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: clone.appendingPathComponent(".build/diff-base/worktree").path))
        XCTAssertEqual(try worktrees().count, 1, "the temporary worktree is gone")

        // Nothing changed since HEAD~0 once the change is committed: exit 0.
        try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-am", "retention"], in: clone)
        let clean = runCLI(["diff", "--env", "dev", "--base", "HEAD", "--format", "json"], root: clone)
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertTrue(clean.stdout.contains("\"hasChanges\": false"), clean.stdout)
    }

    func testABaseThatDoesNotBuildIsAClearErrorAndTheWorktreeIsRemoved() throws {
        try useSwift(true)
        let run = runCLI(["diff", "--base", "HEAD"], root: clone)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("error: --base HEAD: stackctl does not build at that revision:\nerror: no such module StackCore\n  hint: "), run.stderr)
        XCTAssertEqual(try worktrees().count, 1)
    }
}
