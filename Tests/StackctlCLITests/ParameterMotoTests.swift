import AWSClient
import Foundation
import StackAWS
import StackCore
import StackEnvironment
import StackctlCLI
import TestSupport
import XCTest

/// An estate whose stack declares two parameters (one NoEcho), an environment file that gives their
/// values, and the CLI deploying and diffing it against moto: the values reach CloudFormation, and the
/// NoEcho one never appears in any output.
final class ParameterMotoTests: ClassMotoTestCase {
    struct ParameterEstate: Estate {
        static let defaultEnvironment = "plocal"
        static func stacks(settings: StackSettings, config: EmptyConfig) -> [any StackDefinition] {
            let email = StackParameter("AlertEmail", allowedPattern: "[^@ ]+@[^@ ]+")
            let token = StackParameter("ApiToken", noEcho: true, minLength: 8)
            return [AdHocStack("Params", [
                email, token,
                RawResource("Email", type: "AWS::SSM::Parameter", properties: ["Name": "/plocal/email", "Type": "String", "Value": email.value]),
                RawResource("Token", type: "AWS::SSM::Parameter", properties: ["Name": "/plocal/token", "Type": "String", "Value": token.value]),
            ])]
        }
    }

    let secret = "s3cr3t-token-value"

    func writeEnvironment(_ root: URL, email: String = "ops@example.com", token: String? = "s3cr3t-token-value") throws {
        let yaml = """
            account: "123456789012"
            region: us-east-1
            namePrefix: plocal
            endpoint: http://127.0.0.1:5000
            parameters:
              Params:
                AlertEmail: \(email)
            """ + (token.map { "\n    ApiToken: \"\($0)\"" } ?? "") + "\n"
        try yaml.write(to: root.appendingPathComponent("environments/plocal.yaml"), atomically: true, encoding: .utf8)
    }

    func testDeployPassesTheValuesAndNoEchoIsNeverPrinted() throws {
        let root = try scratchRoot(self)
        let probe = AWSProbe(endpoint: endpoint)
        var everything = ""
        func cli(_ arguments: [String]) -> CLIRun {
            let run = runDeployCLI(arguments, endpoint: endpoint, root: root, assets: pinnedAssets, estate: AnyEstate(ParameterEstate.self))
            everything += run.stdout + run.stderr
            return run
        }
        try writeEnvironment(root)
        var run = cli(["synth", "--env", "plocal", "--format", "json", "--out", root.appendingPathComponent("out").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let template = try String(contentsOf: root.appendingPathComponent("out/Params.template.json"), encoding: .utf8)
        XCTAssertTrue(template.contains("\"NoEcho\": true"), template)
        XCTAssertFalse(template.contains(secret), "values are not in the template")

        // From the reviewed folder: the values come from the environment file, checked against its templates.
        run = cli(["deploy", "--env", "plocal", "--from", root.appendingPathComponent("out").path, "--require-approval", "never"])
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("Params parameters: AlertEmail = ops@example.com, ApiToken = ****"), run.stdout)
        let deployed = try blocking { try await probe.cloudFormation.describeStack("plocal-Params")?.parameters }
        XCTAssertEqual(deployed?["AlertEmail"], "ops@example.com")
        XCTAssertEqual(deployed?["ApiToken"], secret, "moto does not mask NoEcho; AWS would answer ****")

        run = cli(["deploy", "--env", "plocal"])
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("Params (plocal-Params): no changes"), run.stdout)

        // A new value is a change for diff and deploy, though the template is the same.
        try writeEnvironment(root, email: "oncall@example.com", token: "another-token-value")
        run = cli(["diff", "--env", "plocal", "--color", "never"])
        XCTAssertEqual(run.status, 2, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("ParameterValues:\n    ~ AlertEmail: ops@example.com → oncall@example.com\n"
                                          + "    ~ ApiToken (NoEcho): **** → ****"), run.stdout)
        run = cli(["diff", "--env", "plocal", "--format", "json"])
        XCTAssertTrue(run.stdout.contains("\"section\": \"ParameterValues\""), run.stdout)
        run = cli(["diff", "--env", "plocal", "--format", "markdown"])
        XCTAssertTrue(run.stdout.contains("AlertEmail"), run.stdout)
        run = cli(["deploy", "--env", "plocal", "--require-approval", "never"])
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("deployed plocal: 0 created, 1 updated"), run.stdout)
        let updated = try blocking { try await probe.cloudFormation.describeStack("plocal-Params")?.parameters }
        XCTAssertEqual(updated?["AlertEmail"], "oncall@example.com")

        // A missing value stops before AWS is asked anything, at the file's line.
        try writeEnvironment(root, token: nil)
        run = cli(["deploy", "--env", "plocal", "--require-approval", "never"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("environments/plocal.yaml:6:3: parameters.Params.ApiToken: Params declares the parameter "
                                          + "`ApiToken` (String) without a Default, and it has no value here [missing-parameter]"), run.stderr)
        try writeEnvironment(root, token: "short")
        run = cli(["deploy", "--env", "plocal", "--require-approval", "never"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("parameters.Params.ApiToken: **** is 5 characters, below MinLength 8 [invalid-parameter-value]"), run.stderr)

        for value in [secret, "another-token-value", "short"] {
            XCTAssertFalse(everything.contains(value), "the NoEcho value \(value) was printed")
        }
    }
}
