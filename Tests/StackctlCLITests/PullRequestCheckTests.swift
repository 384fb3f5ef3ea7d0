import Foundation
import StackDiff
import TestSupport
import XCTest

/// `scripts/pr-diff.sh`, the logic of the pull-request check (.github/workflows/diff.yml), run by bash as
/// CI runs it: in a temporary clone of this repository with two commits, the second changing (or
/// breaking) environment files, and `origin/main` at the first. Everything is real — the script, git,
/// the built stackctl, `diff --base` with its worktree at the base revision, the synth there — except
/// that the base's build is stood in by a copy of the stackctl this test run built (`swiftStandIn`):
/// the stacks do not change between the commits, so the copy is what the base would build, and a real
/// build of the base is minutes (DiffRevisionTests builds it for real under STACKCTL_DIFF_REAL_BUILD=1).
final class PullRequestCheckTests: XCTestCase {
    private var clone: URL!
    private var swift: URL!
    private let script = repositoryRoot.appendingPathComponent("scripts/pr-diff.sh")
    private let example = repositoryRoot.appendingPathComponent("docs/pr-comment-example.md")
    private let marker = MarkdownRenderer.marker

    override func setUpWithError() throws {
        clone = try temporaryFolder(self).appendingPathComponent("clone")
        try git(["clone", "--quiet", repositoryRoot.path, clone.path], in: repositoryRoot)
        try git(["update-ref", "refs/remotes/origin/main", "HEAD"], in: clone)  // the base, named as in CI
        swift = try swiftStandIn(self)
    }

    // MARK: - the exit status and the body

    func testNoChangesExitZeroEvenWhenAnyChangeWouldBlock() throws {
        try commit("docs only", edits: ["README.md": ("# stackctl\n", "# stackctl\n\nA line the estate never sees.\n")])

        let run = try check(failOn: "any")
        XCTAssertEqual(run.status, 0, run.stderr)
        try assertOneMarkerAndASectionPerEnvironment(run.stdout)
        for env in try environments() {
            XCTAssertTrue(section(env, of: run.stdout).contains("**No changes in 2 stacks.**"), run.stdout)
        }
        XCTAssertTrue(run.stdout.hasSuffix("<sub>Blocks on: any (the policy at the top of scripts/pr-diff.sh).</sub>\n"), run.stdout)
    }

    func testChangesReportOnlyByDefaultAndExitTwoWhenThePolicySelectsThem() throws {
        try commit("dev keeps its logs longer", edits: ["environments/dev.yaml": ("logRetentionDays: 14\n", "logRetentionDays: 30\n")])

        let reportOnly = try check(failOn: nil)
        XCTAssertEqual(reportOnly.status, 0, reportOnly.stderr)
        try assertOneMarkerAndASectionPerEnvironment(reportOnly.stdout)
        let dev = section("dev", of: reportOnly.stdout)
        XCTAssertTrue(dev.contains("**2 of 2 stacks changed.**"), dev)
        XCTAssertTrue(dev.contains("| ~ | `ProcessorLogGroup` | `TickAlerts/Processor/LogGroup` | `AWS::Logs::LogGroup` | update |  |"), dev)
        XCTAssertTrue(dev.contains("!   ~ Properties.RetentionInDays: 14 → 30"), dev)
        for env in try environments() where env != "dev" {
            XCTAssertTrue(section(env, of: reportOnly.stdout).contains("**No changes in 2 stacks.**"), reportOnly.stdout)
        }
        XCTAssertTrue(reportOnly.stdout.hasSuffix("<sub>Reports only, never blocks (the policy at the top of scripts/pr-diff.sh).</sub>\n"))
        // Progress goes to stderr, never into the comment.
        XCTAssertTrue(reportOnly.stderr.contains("diff: synthesizing dev at origin/main"), reportOnly.stderr)
        XCTAssertFalse(reportOnly.stdout.contains("diff: "), reportOnly.stdout)

        // An update is neither data loss nor broadening: the check passes and still reports it.
        let risksOnly = try check(failOn: "data-loss broadening")
        XCTAssertEqual(risksOnly.status, 0, risksOnly.stderr)
        XCTAssertEqual(risksOnly.stdout.components(separatedBy: "\n<sub>")[0], reportOnly.stdout.components(separatedBy: "\n<sub>")[0])
        XCTAssertTrue(risksOnly.stdout.hasSuffix("<sub>Blocks on: data-loss, broadening (the policy at the top of scripts/pr-diff.sh).</sub>\n"))

        // Every rule counts, not just the first.
        let anyChange = try check(failOn: "data-loss any")
        XCTAssertEqual(anyChange.status, 2, anyChange.stderr)
        try assertOneMarkerAndASectionPerEnvironment(anyChange.stdout)
    }

    func testAnEnvironmentThatCannotBeDiffedShowsItsErrorAndTheOthersAreStillReported() throws {
        try commit("local breaks, dev changes", edits: [
            "environments/local.yaml": ("logRetentionDays: 1\n", "logRetentionDays: 2\n"),
            "environments/dev.yaml": ("logRetentionDays: 14\n", "logRetentionDays: 30\n"),
        ])

        // The error wins over "changes found": the check is incomplete.
        let run = try check(failOn: "any")
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stdout.components(separatedBy: marker).count - 1, 1, run.stdout)
        XCTAssertTrue(run.stdout.hasPrefix(marker + "\n"), run.stdout)
        XCTAssertEqual(headings(run.stdout), try environments().map { env in
            env == "local" ? "### stackctl diff `local` against `origin/main`: failed (exit 1)" : "### stackctl diff `\(env)` against `origin/main`"
        })
        let local = section("local", of: run.stdout)
        XCTAssertTrue(local.contains("The other environments are still reported."), local)
        XCTAssertTrue(local.contains("<pre>\nerror: environments/local.yaml:"), local)
        XCTAssertTrue(local.contains("[invalid-log-retention]"), local)
        XCTAssertTrue(section("dev", of: run.stdout).contains("!   ~ Properties.RetentionInDays: 14 → 30"), run.stdout)
        XCTAssertTrue(section("prod", of: run.stdout).contains("**No changes in 2 stacks.**"), run.stdout)
        XCTAssertTrue(run.stderr.contains("[invalid-log-retention]"), "the CI log shows the error too: \(run.stderr)")
    }

    func testABaseRevisionThatDoesNotExistFailsEveryEnvironmentInTheBody() throws {
        let run = try check(base: "origin/no-such-branch", failOn: nil)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stdout.components(separatedBy: marker).count - 1, 1, run.stdout)
        for env in try environments() {
            XCTAssertTrue(section(env, of: run.stdout).contains("error: --base origin/no-such-branch: unknown revision"), run.stdout)
        }
    }

    // MARK: - the README's example

    /// docs/pr-comment-example.md, which the README shows, is the script's real output for a sample pull
    /// request: prod gets a third shard, and dev's alerts go to a new address (a replacement).
    func testTheCommentExampleInDocsIsTheScriptsOutput() throws {
        try commit("prod: a third shard; dev: alerts to the team list", edits: [
            "environments/prod.yaml": ("    shards: 2\n", "    shards: 3\n"),
            "environments/dev.yaml": ("alertEmail: alerts-dev@example.com\n    shards", "alertEmail: market-team@example.com\n    shards"),
        ])
        let run = try check(failOn: nil)
        XCTAssertEqual(run.status, 0, run.stderr)
        try assertOneMarkerAndASectionPerEnvironment(run.stdout)

        let regenerate = "STACKCTL_RECORD_SNAPSHOTS=1 swift test --filter PullRequestCheckTests/testTheCommentExampleInDocsIsTheScriptsOutput"
        switch GoldenFile.compare(example, run.stdout, recording: GoldenFile.recording) {
        case .matches: break
        case .recorded: XCTFail("wrote docs/pr-comment-example.md: review the diff, then run again without STACKCTL_RECORD_SNAPSHOTS")
        case .failed(let message): XCTFail("docs/pr-comment-example.md is stale: \(message)\nregenerate it with: \(regenerate)")
        }
    }

    // MARK: - helpers

    /// Runs the script in the clone against `base`, with `STACKCTL_DIFF_FAIL_ON` set to `failOn` (nil: the script's default).
    private func check(base: String = "origin/main", failOn: String?) throws -> CLIRun {
        var environment = ProcessInfo.processInfo.environment
        environment["STACKCTL"] = try stackctlBinary().path
        environment["STACKCTL_SWIFT"] = swift.path
        environment["STACKCTL_DIFF_FAIL_ON"] = failOn
        environment["STACKCTL_ROOT"] = nil
        return try run(["bash", script.path, base], environment: environment)
    }

    private func assertOneMarkerAndASectionPerEnvironment(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(body.hasPrefix(marker + "\n"), body, file: file, line: line)
        XCTAssertEqual(body.components(separatedBy: marker).count - 1, 1, "one marker: \(body)", file: file, line: line)
        let expected = try environments().map { "### stackctl diff `\($0)` against `origin/main`" }
        XCTAssertEqual(headings(body), expected, file: file, line: line)
    }

    /// The environments of the clone, in the order the script takes them; at least two, so that "the
    /// others are still reported" means something.
    private func environments() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: clone.appendingPathComponent("environments").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 2)
        return names
    }

    private func headings(_ body: String) -> [String] {
        body.split(separator: "\n").filter { $0.hasPrefix("### stackctl diff ") }.map(String.init)
    }

    /// One environment's section: from its heading to the next environment's (or the policy line).
    private func section(_ env: String, of body: String) -> String {
        guard let start = body.range(of: "### stackctl diff `\(env)` against ") else { return "" }
        let rest = body[start.lowerBound...]
        let end = rest.dropFirst().range(of: "\n### stackctl diff ")?.lowerBound ?? rest.range(of: "\n<sub>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// Commits `edits` (file: (old, new), each old text present) in the clone.
    private func commit(_ message: String, edits: [String: (String, String)]) throws {
        for (path, (old, new)) in edits {
            let url = clone.appendingPathComponent(path)
            let text = try read(url)
            XCTAssertTrue(text.contains(old), "\(path) no longer contains \(old.debugDescription)")
            try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
        }
        try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                 "commit", "--quiet", "--no-verify", "-am", message], in: clone)
    }

    @discardableResult
    private func git(_ arguments: [String], in directory: URL) throws -> String {
        let result = try run(["git"] + arguments, in: directory)
        guard result.status == 0 else { throw Failed(command: "git \(arguments.joined(separator: " "))", output: result.stderr) }
        return result.stdout
    }

    /// Runs a command with stdout and stderr kept apart (through files: no pipe can fill up).
    private func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> CLIRun {
        let folder = try temporaryFolder(self)
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer { try? outHandle.close(); try? errHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? clone
        process.environment = environment ?? ProcessInfo.processInfo.environment
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: try read(out), stderr: try read(err))
    }

    struct Failed: Error { var command: String; var output: String }
}
