import AWSClient
import Foundation
import StackAWS
import StackCore
import StackEnvironment
import StackctlCLI
import TestSupport
import XCTest

/// `stackctl secret put` against moto: the value goes from stdin or a file through PutSecretValue and
/// reads back through our client's GetSecretValue; it is never printed, never taken from the command
/// line; unknown secrets, empty values, a terminal on stdin and another account are refused.
/// moto's CloudFormation skips `AWS::SecretsManager::Secret`, so the secret a deploy would create (with
/// its placeholder) is created through the Secrets Manager API instead.
final class SecretMotoTests: ClassMotoTestCase {
    struct SecretEstate: Estate {
        static let defaultEnvironment = "slocal"
        static func stacks(settings: StackSettings, config: EmptyConfig) -> [any StackDefinition] {
            [AdHocStack("Tweets", [Secret("ApiKeys", description: "the scraper's API keys")])]
        }
    }

    static let secretName = "slocal-tweets-api-keys"
    var secretName: String { Self.secretName }

    func writeEnvironment(_ root: URL, account: String = "123456789012") throws {
        let yaml = """
            account: "\(account)"
            region: us-east-1
            namePrefix: slocal
            endpoint: http://127.0.0.1:5000

            """
        try yaml.write(to: root.appendingPathComponent("environments/slocal.yaml"), atomically: true, encoding: .utf8)
    }

    func testPutFromStdinAndFileReadsBackAndTheValueIsNeverPrinted() throws {
        let root = try scratchRoot(self)
        try writeEnvironment(root)
        let probe = AWSProbe(endpoint: endpoint)
        let secrets = SecretsManagerClient(context: probe.context)
        var everything = ""
        func cli(_ arguments: [String], stdin: Data? = nil) -> CLIRun {
            let run = runDeployCLI(["secret", "put", "--env", "slocal"] + arguments, endpoint: endpoint, root: root,
                                   assets: pinnedAssets, estate: AnyEstate(SecretEstate.self), stdin: stdin)
            everything += run.stdout + run.stderr
            return run
        }
        let fromStdin = "stdin-token-Zq81", fromFile = "file-token-Pw27", inArgv = "argv-token-Lk55"

        // Not deployed yet: AWS says so, and so do we.
        var run = cli(["Tweets/ApiKeys"], stdin: Data("\(fromStdin)\n".utf8))
        XCTAssertEqual(run.status, 4, run.stderr)
        XCTAssertTrue(run.stderr.contains("the secret \(secretName) (Tweets/ApiKeys) does not exist in slocal; nothing was stored"), run.stderr)
        XCTAssertTrue(run.stderr.contains("hint: deploy its stack first: stackctl deploy --env slocal Tweets"), run.stderr)

        try blocking { try await probe.createSecret(Self.secretName) }

        // From stdin: one trailing newline dropped.
        run = cli(["Tweets/ApiKeys"], stdin: Data("\(fromStdin)\n".utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("slocal: account 123456789012, region us-east-1"), run.stdout)
        XCTAssertTrue(run.stdout.contains("stored a new value in Tweets/ApiKeys (\(secretName)): version "), run.stdout)
        var stored = try blocking { try await secrets.getSecretValue(secretId: Self.secretName) }
        XCTAssertEqual(stored.string, fromStdin)
        XCTAssertTrue(run.stdout.contains("version \(stored.versionId) is now AWSCURRENT"), run.stdout)

        // From a file (stdin ignored).
        let file = root.appendingPathComponent("token.txt")
        try Data("\(fromFile)\r\n".utf8).write(to: file)
        run = cli(["Tweets/ApiKeys", "--file", file.path], stdin: Data("ignored".utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        stored = try blocking { try await secrets.getSecretValue(secretId: Self.secretName) }
        XCTAssertEqual(stored.string, fromFile)
        XCTAssertEqual("\(stored)".contains(fromFile), false, "a SecretValue prints as ****")

        // A value given as an argument: refused before anything, and not echoed.
        run = cli(["Tweets/ApiKeys", inArgv])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("the secret value is never taken from the command line"), run.stderr)
        XCTAssertTrue(run.stderr.contains("hint: pipe it in (stackctl secret put --env ENV STACK/SECRET < value.txt), or pass --file FILE"),
                      run.stderr)
        // ...nor when it stands where the path should be.
        run = cli([inArgv], stdin: Data("x".utf8))
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("is not a STACK/SECRET construct path"), run.stderr)

        // An unknown secret, with the nearest path.
        run = cli(["Tweets/ApiKey"], stdin: Data("x".utf8))
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("no secret 'Tweets/ApiKey' in the slocal environment; did you mean 'Tweets/ApiKeys'?"), run.stderr)
        XCTAssertTrue(run.stderr.contains("hint: secrets in this environment: Tweets/ApiKeys"), run.stderr)

        // Empty values, a missing file and a terminal on stdin.
        run = cli(["Tweets/ApiKeys"], stdin: Data("\n".utf8))
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("the secret value on stdin is empty; nothing was stored"), run.stderr)
        try Data().write(to: file)
        run = cli(["Tweets/ApiKeys", "--file", file.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("the secret value in \(file.path) is empty"), run.stderr)
        run = cli(["Tweets/ApiKeys", "--file", root.appendingPathComponent("missing.txt").path])
        XCTAssertEqual(run.status, 3, run.stderr)
        XCTAssertTrue(run.stderr.contains("no such file"), run.stderr)
        run = cli(["Tweets/ApiKeys"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("stdin is a terminal"), run.stderr)

        // Credentials for another account: refused before the value is sent.
        try writeEnvironment(root, account: "210987654321")
        run = cli(["Tweets/ApiKeys"], stdin: Data("other-account-value".utf8))
        XCTAssertEqual(run.status, 5, run.stderr)
        XCTAssertTrue(run.stderr.contains("the credentials belong to account 123456789012"), run.stderr)

        stored = try blocking { try await secrets.getSecretValue(secretId: Self.secretName) }
        XCTAssertEqual(stored.string, fromFile, "no refused command changed the value")
        for value in [fromStdin, fromFile, inArgv, "other-account-value"] {
            XCTAssertFalse(everything.contains(value), "the value \(value) was printed")
        }
    }
}
