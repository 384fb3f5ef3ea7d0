import AWSClient
import Estate
import Foundation
import StackCore
import StackDeploy
import StackctlCLI
import TestSupport
import XCTest

/// One exit code (6) for every AWS command when there are no credentials, or AWS refuses them:
/// bootstrap, deploy, destroy and diff against the deployed stacks (invoke: StackInvokeTests).
/// The message says where stackctl looked; no secret is ever printed.
final class CredentialExitTests: XCTestCase {
    let secret = "do-not-print-me"
    let commands = [["bootstrap", "--env", "dev"], ["deploy", "--env", "dev"], ["destroy", "--env", "dev", "--yes"],
                    ["diff", "--env", "dev"]]

    func run(_ arguments: [String], environment: [String: String], home: String?, transport: ScriptedTransport,
             root: URL) -> CLIRun {
        runScriptedCLI(arguments, transport: transport, root: root, environment: environment, home: home)
    }

    func stsError(_ code: String, _ message: String) -> HTTPResponse {
        HTTPResponse(status: 403, body: Data("""
            <ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error></ErrorResponse>
            """.utf8))
    }

    func testNoCredentialsAnywhereExitsSixNamingEveryPlaceLookedAt() async throws {
        let root = try scratchRoot(self)
        let home = try temporaryFolder(self)  // an empty home: no ~/.aws at all
        for arguments in commands {
            let transport = ScriptedTransport()
            let result = run(arguments, environment: [:], home: home.path, transport: transport, root: root)
            XCTAssertEqual(result.status, 6, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("error: no AWS credentials for the dev environment; tried:\n"), result.stderr)
            XCTAssertTrue(result.stderr.contains("  - environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"), result.stderr)
            XCTAssertTrue(result.stderr.contains("  - shared credentials file \(home.path)/.aws/credentials: not readable"), result.stderr)
            XCTAssertTrue(result.stderr.contains("  - shared config file \(home.path)/.aws/config: not readable"), result.stderr)
            XCTAssertTrue(result.stderr.contains("hint: set AWS_PROFILE to a profile for account 111111111111"), result.stderr)
            XCTAssertTrue(result.stderr.contains("profile 'default' (AWS_PROFILE) in \(home.path)/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE) "
                                                 + "and in \(home.path)/.aws/config (AWS_CONFIG_FILE)"), result.stderr)
            let requests = await transport.requests
            XCTAssertEqual(requests.count, 0, "\(arguments): nothing is sent without credentials")
        }
    }

    func testAProfileTheFilesDoNotHaveIsNamedWithTheOverriddenPaths() throws {
        let root = try scratchRoot(self)
        let folder = try temporaryFolder(self)
        let credentials = folder.appendingPathComponent("creds"), config = folder.appendingPathComponent("conf")
        try Data("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = \(secret)\n".utf8).write(to: credentials)
        try Data("[profile other]\nregion = eu-west-1\n".utf8).write(to: config)
        let environment = ["AWS_PROFILE": "ci", "AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_CONFIG_FILE": config.path]
        let result = run(["deploy", "--env", "dev"], environment: environment, home: nil, transport: ScriptedTransport(), root: root)
        XCTAssertEqual(result.status, 6, result.stderr)
        XCTAssertTrue(result.stderr.contains("  - shared credentials file \(credentials.path): no [ci] section"), result.stderr)
        XCTAssertTrue(result.stderr.contains("  - shared config file \(config.path): no [profile ci] section"), result.stderr)
        XCTAssertTrue(result.stderr.contains("profile 'ci' (AWS_PROFILE) in \(credentials.path) (AWS_SHARED_CREDENTIALS_FILE)"), result.stderr)
        XCTAssertFalse(result.stderr.contains(secret))
    }

    func testRefusedOrExpiredCredentialsExitSixForEveryAWSCommand() async throws {
        let root = try scratchRoot(self)
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": "token-\(secret)"]
        let answers = [
            ("InvalidClientTokenId", "The security token included in the request is invalid.",
             "AWS refused the credentials (InvalidClientTokenId: The security token included in the request is invalid.); nothing was changed"),
            ("ExpiredToken", "The security token included in the request is expired",
             "the AWS credentials have expired (ExpiredToken); nothing was changed"),
        ]
        for (code, message, expected) in answers {
            for arguments in commands {
                let transport = ScriptedTransport()
                await transport.respond(stsError(code, message), method: "POST", path: "/")
                let result = run(arguments, environment: environment, home: nil, transport: transport, root: root)
                XCTAssertEqual(result.status, 6, "\(arguments) \(code): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("error: \(expected)"), result.stderr)
                XCTAssertTrue(result.stderr.contains("stackctl reads \(CredentialChain.lookupSummary)"), result.stderr)
                XCTAssertFalse((result.stdout + result.stderr).contains(secret), "a secret was printed")
                let requests = await transport.requests
                XCTAssertEqual(requests.count, 1, "\(arguments): only STS was asked")
                XCTAssertTrue(requests.first?.url.host?.hasPrefix("sts.") == true)
            }
        }
    }

    func testCredentialsRefusedAfterTheAccountCheckAlsoExitSix() async throws {
        let root = try scratchRoot(self)
        let transport = ScriptedTransport()
        await transport.respond(HTTPResponse(status: 200, body: Data("""
            <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user/ci</Arn>
            <UserId>AIDA</UserId><Account>111111111111</Account></GetCallerIdentityResult></GetCallerIdentityResponse>
            """.utf8)))
        for _ in 0..<4 { await transport.respond(stsError("ExpiredToken", "The security token included in the request is expired")) }
        let result = run(["destroy", "--env", "dev", "--yes"],
                         environment: ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": secret],
                         home: nil, transport: transport, root: root)
        XCTAssertEqual(result.status, 6, result.stderr)
        XCTAssertTrue(result.stderr.contains("error: AWS refused the credentials partway (ExpiredToken: The security token included in the request is expired)"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("hint: refresh the credentials and run the command again"), result.stderr)
        XCTAssertFalse(result.stderr.contains(secret))
    }

    /// The built binary as a user runs it: HOME an empty folder, every AWS variable cleared.
    func testTheBinaryWithAnEmptyHomeExitsSix() throws {
        let root = try scratchRoot(self)
        let home = try temporaryFolder(self)
        var environment = ["HOME": home.path, "STACKCTL_ROOT": root.path]
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                     "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_ENDPOINT_URL"] {
            environment[name] = ""  // empty counts as unset, as in the AWS CLI
        }
        let result = try runProcess(["diff", "--env", "dev"], environment: environment, cwd: root)
        XCTAssertEqual(result.status, 6, result.stderr)
        XCTAssertTrue(result.stderr.contains("shared credentials file \(home.path)/.aws/credentials: not readable"), result.stderr)
        XCTAssertEqual(result.stdout, "", "no report without a baseline")
    }
}
