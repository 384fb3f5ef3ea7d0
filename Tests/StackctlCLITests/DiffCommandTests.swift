import Foundation
import StackTemplate
import TestSupport
import XCTest

/// `stackctl diff` through the CLI: baselines, formats, --fail-on and exit codes, bad input. The
/// engine's answers are covered by StackDiffTests; these check the command around it.
final class DiffCommandTests: XCTestCase {
    /// A `synth --out` folder of the bundled estate, to diff against (pinned asset hashes).
    private func baseFolder(_ env: String = "dev", extra: [String] = []) throws -> URL {
        let out = try temporaryFolder(self).appendingPathComponent("base")
        let run = runCLI(["synth", "--env", env, "--out", out.path, "--quiet"] + extra, assets: pinnedAssets)
        XCTAssertEqual(run.status, 0, run.stderr)
        return out
    }

    private func diff(_ arguments: [String]) -> CLIRun {
        runCLI(["diff", "--color", "never"] + arguments, assets: pinnedAssets)
    }

    private func edit(_ file: URL, _ old: String, _ new: String, file f: StaticString = #filePath, line: UInt = #line) throws {
        let text = try read(file)
        XCTAssertTrue(text.contains(old), "\(old) not in \(file.lastPathComponent)", file: f, line: line)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }

    func testNoChangesAgainstItsOwnSynthesisExitsZero() throws {
        let base = try baseFolder()
        let run = diff(["--base-dir", base.path, "--env", "dev"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertTrue(run.stdout.contains("Stack MarketStream: no changes"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("No changes in 2 stacks."), run.stdout)
    }

    func testJSONTemplatesInTheBaseFolderCompareEqualToo() throws {
        let base = try baseFolder("prod", extra: ["--format", "json"])
        let run = diff(["--base-dir", base.path, "--env", "prod", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try TemplateParser.parseValue(run.stdout)
        XCTAssertEqual(report["schemaVersion"], 1)
        XCTAssertEqual(report["summary"]?["hasChanges"], false)
    }

    func testAnUpdateExitsTwoUnlessFailOnAsksForWorse() throws {
        let base = try baseFolder()
        // The base had another batch size: the current estate changes it back (an update, nothing else).
        try edit(base.appendingPathComponent("TickAlerts.template.yaml"), "BatchSize: 10\n", "BatchSize: 5\n")
        let run = diff(["--base-dir", base.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stdout.contains("~ Properties.BatchSize: 5 → 10"), run.stdout)
        XCTAssertTrue(run.stdout.contains("ProcessorStockQueueSource (TickAlerts/Processor/StockQueueSource)"), run.stdout)
        for (rule, status) in [("any", 2), ("replacement", 0), ("data-loss", 0), ("broadening", 0)] {
            XCTAssertEqual(diff(["--base-dir", base.path, "--fail-on", rule]).status, Int32(status), rule)
        }
    }

    func testAReplacedQueueIsReplacementAndDataLossButNotBroadening() throws {
        let base = try baseFolder()
        try edit(base.appendingPathComponent("TickAlerts.template.yaml"),
                 "QueueName: mkt-dev-tick-alerts-stock-queue\n", "QueueName: mkt-dev-old-queue\n")
        for (rule, status) in [("replacement", 2), ("data-loss", 2), ("broadening", 0)] {
            XCTAssertEqual(diff(["--base-dir", base.path, "--fail-on", rule]).status, Int32(status), rule)
        }
        let md = diff(["--base-dir", base.path, "--format", "markdown", "TickAlerts"])
        XCTAssertEqual(md.status, 2)
        XCTAssertTrue(md.stdout.hasPrefix("<!-- stackctl-diff -->\n### stackctl diff `dev` against `"), md.stdout)
        XCTAssertTrue(md.stdout.contains("#### Risks\n- 🛑 **data-loss** — TickAlerts / `StockQueue` (`TickAlerts/StockQueue`)"), md.stdout)
        XCTAssertTrue(md.stdout.contains("| ± | `StockQueue` | `TickAlerts/StockQueue` | `AWS::SQS::Queue` | replace | data-loss |"), md.stdout)
        XCTAssertTrue(md.stdout.contains("<details><summary>Details of TickAlerts</summary>"), md.stdout)
        XCTAssertFalse(md.stdout.contains("MarketStream"), "only the stack asked for: \(md.stdout)")
    }

    func testStacksOnlyOneSideHasAreWholeStackAddsAndRemoves() throws {
        let base = try baseFolder(extra: ["--stack", "TickAlerts"])
        // A stack the estate no longer has, with a bucket that is not retained.
        try Data("""
            Resources:
              Old:
                Type: AWS::S3::Bucket
                Metadata: {stackctl:path: Legacy/Old}
                Properties: {BucketName: legacy-old}
            """.utf8).write(to: base.appendingPathComponent("Legacy.template.yaml"))
        let manifest = base.appendingPathComponent("manifest.json")
        try edit(manifest, "\"stacks\": [", "\"stacks\": [{\"name\": \"Legacy\", \"template\": \"Legacy.template.yaml\"}, ")
        let run = diff(["--base-dir", base.path, "--format", "json"])
        XCTAssertEqual(run.status, 2, run.stderr)
        let report = try TemplateParser.parseValue(run.stdout)
        guard case .list(let stacks)? = report["stacks"] else { return XCTFail(run.stdout) }
        XCTAssertEqual(stacks.map { $0["name"] }, ["MarketStream", "TickAlerts", "Legacy"])
        XCTAssertEqual(stacks.map { $0["status"] }, ["added", "unchanged", "removed"])
        XCTAssertEqual(stacks[0]["counts"]?["add"], 22)
        XCTAssertEqual(stacks[2]["resources"], .list([[
            "logicalId": "Old", "constructPath": "Legacy/Old", "type": "AWS::S3::Bucket", "impact": "remove",
            "reasons": [], "changes": [],
            "risks": [["kind": "data-loss", "message": "AWS::S3::Bucket is deleted with its data (no DeletionPolicy: Retain)"]],
        ]]))
        XCTAssertEqual(report["summary"]?["hasDataLoss"], true)
    }

    func testColoursOnlyWhenAsked() throws {
        let base = try baseFolder()
        try edit(base.appendingPathComponent("TickAlerts.template.yaml"), "BatchSize: 10\n", "BatchSize: 5\n")
        let plain = diff(["--base-dir", base.path])
        XCTAssertFalse(plain.stdout.contains("\u{1B}["), plain.stdout)
        let coloured = runCLI(["diff", "--base-dir", base.path, "--color", "always"], assets: pinnedAssets)
        XCTAssertTrue(coloured.stdout.contains("\u{1B}[33m~ Properties.BatchSize: 5 → 10\u{1B}[0m"), coloured.stdout)
        // auto: the test's stdout is captured, not a terminal.
        let auto = runCLI(["diff", "--base-dir", base.path], assets: pinnedAssets)
        XCTAssertEqual(auto.stdout, plain.stdout)
    }

    func testBadInputIsAClearErrorWithAHint() throws {
        let missing = diff(["--base-dir", "/nonexistent/stackctl-base"])
        XCTAssertEqual(missing.status, 3)
        XCTAssertEqual(missing.stderr, """
            error: --base-dir /nonexistent/stackctl-base: no such folder
              hint: write one with `stackctl synth --env ENV --out /nonexistent/stackctl-base`
            """)

        let notOurs = try temporaryFolder(self)
        let foreign = diff(["--base-dir", notOurs.path])
        XCTAssertEqual(foreign.status, 1)
        XCTAssertTrue(foreign.stderr.hasPrefix("error: --base-dir \(notOurs.path) is not a stackctl output folder: it has no manifest.json\n  hint: "), foreign.stderr)

        let base = try baseFolder()
        let unknown = diff(["--base-dir", base.path, "NoSuchStack"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "error: no stack named 'NoSuchStack' in the estate or the baseline\n  hint: stacks: MarketStream, TickAlerts")

        try edit(base.appendingPathComponent("TickAlerts.template.yaml"), "Resources:\n", "Resources: [\n")
        let broken = diff(["--base-dir", base.path])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.hasPrefix("error: \(base.path)/TickAlerts.template.yaml:"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("hint: the baseline template of stack TickAlerts cannot be read"), broken.stderr)

        // No --base*: the deployed stacks, which need the environment's credentials.
        let none = diff([])
        XCTAssertEqual(none.status, 6, "no credentials: the code of every AWS command")
        XCTAssertTrue(none.stderr.hasPrefix("error: no AWS credentials for the dev environment; tried:\n"), none.stderr)
        XCTAssertTrue(none.stderr.contains("hint: set AWS_PROFILE to a profile for account 111111111111"), none.stderr)
        XCTAssertEqual(diff(["--base-dir", base.path, "--base", "HEAD"]).status, 1)

        // A bad flag value is an error (1), never "changes found" (2).
        let badFormat = diff(["--base-dir", base.path, "--format", "xml"])
        XCTAssertEqual(badFormat.status, 1)
        XCTAssertTrue(badFormat.stderr.contains("xml"), badFormat.stderr)
        XCTAssertEqual(diff(["--base-dir", base.path, "--fail-on", "everything"]).status, 1)

        for run in [missing, foreign, unknown, broken, none, badFormat] {
            XCTAssertEqual(run.stdout, "")
            XCTAssertFalse(run.stderr.contains("Fatal error"), run.stderr)
        }
    }

    /// Issue 12: ten levels of nine aliases grew past 7 GB before the aliases were refused.
    func testABillionLaughsBaselineTemplateIsRefusedAtOnceWithCloudFormationsMessage() throws {
        let base = try baseFolder()
        var lines = ["AWSTemplateFormatVersion: \"2010-09-09\"", "Metadata:",
                     "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<10 {
            lines.append("  l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", "))]")
        }
        lines += ["Resources:", "  Queue:", "    Type: AWS::SQS::Queue", "    Properties:", "      Tags: *l9"]
        let file = base.appendingPathComponent("TickAlerts.template.yaml")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)

        let started = Date()
        let run = diff(["--base-dir", base.path])
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "synthesis and a refusal, no expansion")
        XCTAssertEqual(run.status, 1, "an unreadable baseline template is an error, not \"changes found\"")
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, """
            error: \(file.path):4:12: Template error: YAML aliases are not allowed in CloudFormation templates
              hint: the baseline template of stack TickAlerts cannot be read
            """)
    }

    func testABaselineTemplateOverAReaderLimitNamesTheLimitAndThePlace() throws {
        let base = try baseFolder()
        let file = base.appendingPathComponent("MarketStream.template.yaml")
        try edit(file, "Resources:\n", "Metadata:\n  Deep: \(String(repeating: "[", count: 5_000))\nResources:\n")
        let run = diff(["--base-dir", base.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("error: \(file.path):"), run.stderr)
        XCTAssertTrue(run.stderr.contains(": nesting deeper than 128 levels (the template readers' limit)\n  hint: the baseline template of stack MarketStream cannot be read"), run.stderr)
    }

    func testUnknownRevisionAndNonRepositoryAreClearErrors() throws {
        let unknown = diff(["--base", "no-such-branch-\(UUID().uuidString.prefix(8))"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains(": unknown revision\n  hint: check the name"), unknown.stderr)

        let root = try scratchRoot(self)  // environments/ and functions/ but no git
        let run = runCLI(["diff", "--base", "HEAD"], root: root)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is not in a git repository\n  hint: "), run.stderr)
    }

    func testHelpDocumentsBaselinesFormatsAndExitCodes() {
        let run = runCLI(["diff", "--help"])
        XCTAssertEqual(run.status, 0)
        for text in ["--base-dir", "--base", "--format", "--fail-on", "data-loss", "Exit codes: 0 no changes", "2 changes found"] {
            XCTAssertTrue(run.stdout.contains(text), "\(text): \(run.stdout)")
        }
    }
}
