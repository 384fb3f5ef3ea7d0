import AWSClient
import Estate
import Foundation
import StackCore
import StackDeploy
import StackctlCLI
import TestSupport
import XCTest

/// The deploy commands' own behaviour without an emulator: flags, folders, and the account check,
/// which comes before any build.
final class DeployCommandTests: XCTestCase {
    func run(_ arguments: [String], transport: ScriptedTransport = ScriptedTransport(), root: URL,
             environment: [String: String] = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "do-not-print-me"]) -> CLIRun {
        runScriptedCLI(arguments, transport: transport, root: root, environment: environment)
    }

    func identity(_ account: String) -> HTTPResponse {
        HTTPResponse(status: 200, body: Data("""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
            <Arn>arn:aws:iam::\(account):user/ci</Arn><UserId>AIDA</UserId><Account>\(account)</Account>
            </GetCallerIdentityResult></GetCallerIdentityResponse>
            """.utf8))
    }

    func testWrongAccountIsRefusedBeforeBuildingAnything() async throws {
        let root = try scratchRoot(self)
        let transport = ScriptedTransport()
        await transport.respond(identity("999999999999"), method: "POST", path: "/")
        var environment = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "do-not-print-me"]
        environment["AWS_REGION"] = "eu-west-1"
        let result = run(["deploy", "--env", "prod"], transport: transport, root: root, environment: environment)
        XCTAssertEqual(result.status, 5, result.stderr)
        XCTAssertTrue(result.stderr.contains("error: the credentials belong to account 999999999999 (arn:aws:iam::999999999999:user/ci), but the prod environment is account"), result.stderr)
        XCTAssertTrue(result.stderr.contains("hint: use credentials for account"), result.stderr)
        XCTAssertTrue(result.stderr.contains("note: AWS_REGION=eu-west-1 is ignored: the prod environment is in"), result.stderr)
        XCTAssertFalse(result.stdout.contains("building"), "nothing is built for the wrong account")
        XCTAssertFalse((result.stdout + result.stderr).contains("do-not-print-me"))
        let requests = await transport.requests
        XCTAssertEqual(requests.count, 1)
        XCTAssertTrue(requests[0].url.host?.hasPrefix("sts.") == true, requests[0].url.absoluteString)
    }

    func testExpiredCredentialsExitSix() async throws {
        let root = try scratchRoot(self)
        let transport = ScriptedTransport()
        await transport.respond(HTTPResponse(status: 403, body: Data("""
            <ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></ErrorResponse>
            """.utf8)))
        let result = run(["destroy", "--env", "dev", "--yes"], transport: transport, root: root)
        XCTAssertEqual(result.status, 6, result.stderr)
        XCTAssertTrue(result.stderr.contains("the AWS credentials have expired (ExpiredToken); nothing was changed"), result.stderr)
    }

    /// A hostile endpoint: an answer nested past the XML reader's limit is a failed API call, with where.
    func testAnAnswerPastAReaderLimitIsAFailedCall() async throws {
        let root = try scratchRoot(self)
        let transport = ScriptedTransport()
        await transport.respond(HTTPResponse(status: 200, headers: ["x-amzn-RequestId": "req-deep"],
                                             body: Data(String(repeating: "<GetCallerIdentityResponse>", count: 100_000).utf8)))
        let result = run(["destroy", "--env", "dev", "--yes"], transport: transport, root: root)
        XCTAssertEqual(result.status, 4, result.stderr)
        XCTAssertTrue(result.stderr.contains("AWS answered ResponseLimitExceeded (HTTP 200): the answer is too large or too deep to read: "
                                             + "GetCallerIdentity: elements nest deeper than 64 (limit maxDepth) at byte 1728"), result.stderr)
        XCTAssertTrue(result.stderr.contains("[request id req-deep]"), result.stderr)
    }

    func testBadFlagsAreUsageErrors() throws {
        let root = try scratchRoot(self)
        let approval = run(["deploy", "--env", "dev", "--require-approval", "sometimes"], root: root)
        XCTAssertEqual(approval.status, 2)
        XCTAssertTrue(approval.stderr.contains("sometimes"), approval.stderr)
        let concurrency = run(["deploy", "--env", "dev", "--concurrency", "0"], root: root)
        XCTAssertEqual(concurrency.status, 2)
        XCTAssertTrue(concurrency.stderr.contains("--concurrency must be at least 1"), concurrency.stderr)
        let stack = run(["destroy", "--env", "dev", "Nope"], root: root)
        XCTAssertEqual(stack.status, 2)
        XCTAssertTrue(stack.stderr.contains("no stack named 'Nope'"), stack.stderr)
    }

    func testFolderForAnotherEnvironmentIsRefused() throws {
        let root = try scratchRoot(self)
        let folder = root.appendingPathComponent("dev-out")
        XCTAssertEqual(run(["synth", "--env", "dev", "--out", folder.path, "--quiet"], root: root).status, 0)
        let result = run(["deploy", "--env", "prod", "--from", folder.path], root: root)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("was synthesized for dev, not prod (--env)"), result.stderr)
        let missing = run(["deploy", "--from", root.appendingPathComponent("nowhere").path], root: root)
        XCTAssertEqual(missing.status, 3)
        XCTAssertTrue(missing.stderr.contains("manifest.json (from --from)"), missing.stderr)
    }

    func testATemplateWithAnAliasInTheFolderIsRefusedWithItsPlace() throws {
        let root = try scratchRoot(self)
        let folder = root.appendingPathComponent("dev-out")
        XCTAssertEqual(run(["synth", "--env", "dev", "--out", folder.path, "--quiet"], root: root).status, 0)
        let file = folder.appendingPathComponent("TickAlerts.template.yaml")
        try Data("Resources:\n  A: &a {Type: AWS::SQS::Queue}\n  B: *a\n".utf8).write(to: file)
        let result = run(["deploy", "--env", "dev", "--from", folder.path], root: root)
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("""
            error: cannot read the template of stack TickAlerts: \(file.path):3:6: Template error: YAML aliases are not allowed in CloudFormation templates
            """), result.stderr)
    }

    func testHelpNamesTheCommandsAndExitCodes() throws {
        let help = run(["deploy", "--help"], root: repositoryRoot)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--require-approval"), help.stdout)
        XCTAssertTrue(help.stdout.contains("5 refused"), help.stdout)
        let overview = run(["--help"], root: repositoryRoot)
        for command in ["bootstrap", "deploy", "destroy"] { XCTAssertTrue(overview.stdout.contains(command), overview.stdout) }
    }
}
