import Foundation
import TestSupport
import XCTest

/// The comment job of .github/workflows/diff.yml: its github-script, taken from the workflow as it is,
/// run by node against a stand-in for the GitHub API. A pull request from a fork gets a read-only token:
/// the job must then say why in the job summary and pass, not fail the check.
final class PullRequestCommentTests: XCTestCase {
    private let workflow = repositoryRoot.appendingPathComponent(".github/workflows/diff.yml")

    func testANewPullRequestGetsOneCommentAndALaterPushUpdatesIt() throws {
        let first = try runScript(scenario: ["comments": [], "fork": false, "fail": 0])
        XCTAssertEqual(first.outcome, "ok")
        XCTAssertEqual(first.calls.map(\.first), ["list", "create"])
        XCTAssertEqual(first.calls.last?.last, "<!-- stackctl-diff -->\nbody")

        // Someone else's comment that starts with the marker is not ours to update.
        let later = try runScript(scenario: ["comments": [
            ["id": 1, "login": "alice", "body": "<!-- stackctl-diff -->\nquoted"],
            ["id": 42, "login": "github-actions[bot]", "body": "<!-- stackctl-diff -->\nold"],
        ], "fork": false, "fail": 0])
        XCTAssertEqual(later.outcome, "ok")
        XCTAssertEqual(later.calls.map(\.first), ["list", "update"])
        XCTAssertEqual(later.calls.last, ["update", "42", "<!-- stackctl-diff -->\nbody"])
    }

    func testACutBodySaysWhereTheWholeDiffIs() throws {
        let run = try runScript(scenario: ["comments": [], "fork": false, "fail": 0], truncated: true)
        XCTAssertEqual(run.calls.last?.last,
                       "<!-- stackctl-diff -->\nbody\n\n_Cut at 65,000 bytes, the most a comment holds: the whole diff is in the job summary of this run._")
    }

    func testAForkWithAReadOnlyTokenReportsWhyInTheSummaryAndPasses() throws {
        let run = try runScript(scenario: ["comments": [], "fork": true, "fail": 403])
        XCTAssertEqual(run.outcome, "ok", "a read-only token must not fail the check")
        let summary = try XCTUnwrap(run.calls.first { $0.first == "summary" }?.last)
        XCTAssertTrue(summary.hasPrefix("### stackctl diff: no pull-request comment\n"), summary)
        XCTAssertTrue(summary.contains("this pull request comes from a fork (someone/stackctl), and GitHub runs workflows for forks with a read-only token"), summary)
        XCTAssertTrue(summary.contains("(GitHub said: Resource not accessible by integration)"), summary)
        XCTAssertTrue(summary.contains("The diff is in the summary of the \"Diff every environment\" job of this run."), summary)
        XCTAssertTrue(run.calls.contains { $0.first == "warning" }, "\(run.calls)")

        // Same repository, still read-only (Dependabot): the same report, with that reason.
        let dependabot = try runScript(scenario: ["comments": [], "fork": false, "fail": 403])
        XCTAssertEqual(dependabot.outcome, "ok")
        XCTAssertTrue(dependabot.calls.first { $0.first == "summary" }?.last?.contains("the workflow token is read-only here") ?? false, "\(dependabot.calls)")
    }

    func testAnyOtherAPIFailureFailsTheJob() throws {
        let run = try runScript(scenario: ["comments": [], "fork": false, "fail": 500])
        XCTAssertEqual(run.outcome, "threw 500")
        XCTAssertFalse(run.calls.contains { $0.first == "summary" })
    }

    // MARK: - helpers

    /// The `script: |` block of the workflow's github-script step, de-indented.
    private func commentScript() throws -> String {
        let lines = try read(workflow).components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "script: |" }, "no script: | in diff.yml")
        let body = lines[(start + 1)...].prefix { $0.isEmpty || $0.hasPrefix(String(repeating: " ", count: 12)) }
        let script = body.map { String($0.dropFirst(min(12, $0.count))) }.joined(separator: "\n")
        XCTAssertTrue(script.contains("createComment"), script)
        return script
    }

    private struct Outcome { var outcome: String; var calls: [[String]] }

    /// Runs the script as github-script would (an async function of github, context, core) with `BODY`
    /// and `TRUNCATED` in the environment, against fakes that record every call.
    private func runScript(scenario: [String: Any], truncated: Bool = false) throws -> Outcome {
        let folder = try temporaryFolder(self)
        try Data(commentScript().utf8).write(to: folder.appendingPathComponent("comment.js"))
        try JSONSerialization.data(withJSONObject: scenario).write(to: folder.appendingPathComponent("scenario.json"))
        try Data(harness.utf8).write(to: folder.appendingPathComponent("harness.js"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", "harness.js"]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["BODY": "<!-- stackctl-diff -->\nbody", "TRUNCATED": truncated ? "true" : "false"]) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "node must run the harness (scripts/test.sh installs nodejs)")
        let result = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], String(decoding: data, as: UTF8.self))
        return Outcome(outcome: result["outcome"] as? String ?? "", calls: result["calls"] as? [[String]] ?? [])
    }

    private let harness = """
        const fs = require('fs');
        const scenario = JSON.parse(fs.readFileSync('scenario.json', 'utf8'));
        const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
        const script = new AsyncFunction('github', 'context', 'core', fs.readFileSync('comment.js', 'utf8'));
        const calls = [];
        const github = {
          paginate: async (method, args) => {
            calls.push(['list', String(args.issue_number)]);
            return scenario.comments.map(c => ({ id: c.id, user: { login: c.login }, body: c.body }));
          },
          rest: { issues: {
            listComments: () => {},
            createComment: async (args) => {
              calls.push(['create', args.body]);
              if (scenario.fail) {
                const error = new Error('Resource not accessible by integration');
                error.status = scenario.fail;
                throw error;
              }
            },
            updateComment: async (args) => { calls.push(['update', String(args.comment_id), args.body]); },
          } },
        };
        const parts = [];
        const summary = {
          addHeading(text, level) { parts.push('#'.repeat(level) + ' ' + text + '\\n'); return this; },
          addRaw(text, eol) { parts.push(text + (eol ? '\\n' : '')); return this; },
          async write() { calls.push(['summary', parts.join('')]); return this; },
        };
        const core = { summary, warning: (message) => calls.push(['warning', message]) };
        const pullRequest = {
          head: { repo: { full_name: scenario.fork ? 'someone/stackctl' : 'owner/stackctl' } },
          base: { repo: { full_name: 'owner/stackctl' } },
        };
        const context = { repo: { owner: 'owner', repo: 'stackctl' }, issue: { number: 7 }, payload: { pull_request: pullRequest } };
        script(github, context, core)
          .then(() => console.log(JSON.stringify({ outcome: 'ok', calls })))
          .catch((error) => console.log(JSON.stringify({ outcome: 'threw ' + error.status, calls })));
        """
}
