import Foundation
import TestSupport
import XCTest

/// The built `stackctl` binary, run as a user runs it.
final class ProcessTests: XCTestCase {
    func testHelpListsCommandsAndExitCodes() throws {
        let run = try runProcess(["--help"])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("synth"), run.stdout)
        XCTAssertTrue(run.stdout.contains("list"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Exit codes: 0 success"), run.stdout)
    }

    func testEveryCommandHasHelp() throws {
        for command in ["synth", "list", "build"] {
            let run = try runProcess([command, "--help"])
            XCTAssertEqual(run.status, 0, command)
            XCTAssertTrue(run.stdout.contains("--env"), "\(command): \(run.stdout)")
        }
    }

    func testSynthFromASubfolderFindsTheRepositoryAndWritesWhereAsked() throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        let run = try runProcess(["synth", "--env", "local", "--out", out.path], cwd: repositoryRoot.appendingPathComponent("stacks"))
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(files(in: out), ["MarketStream.template.yaml", "TickAlerts.template.yaml", "manifest.json"])
    }

    func testErrorsGoToStderrWithDocumentedExitCodes() throws {
        let usage = try runProcess(["synth", "--format", "xml"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertEqual(usage.stdout, "")
        XCTAssertTrue(usage.stderr.contains("xml"), usage.stderr)

        let root = try scratchRoot(self)
        try Data("account: 12\n".utf8).write(to: root.appendingPathComponent("environments/dev.yaml"))
        let invalid = try runProcess(["synth"], environment: ["STACKCTL_ROOT": root.path])
        XCTAssertEqual(invalid.status, 1)
        XCTAssertEqual(invalid.stdout, "")
        XCTAssertTrue(invalid.stderr.hasPrefix("error: environments/dev.yaml:1:10: account: "), invalid.stderr)
        XCTAssertFalse(invalid.stderr.contains("Fatal error"), invalid.stderr)
    }
}
