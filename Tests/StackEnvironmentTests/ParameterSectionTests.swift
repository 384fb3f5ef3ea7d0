import Foundation
import StackEnvironment
import StackTemplate
import XCTest

/// The `parameters:` section: decoded as written (with positions), then checked against what the
/// stacks declare — unknown stacks and parameters (with the nearest name), missing values, wrong types,
/// constraints — every problem at its key, a NoEcho value never shown.
final class ParameterSectionTests: XCTestCase {
    let file = "environments/dev.yaml"

    func environment(_ parameters: String) throws -> EnvironmentConfig<EmptyConfig> {
        try EnvironmentLoader.parse(EmptyConfig.self, name: "dev", yaml: """
            account: "123456789012"
            region: us-east-2
            namePrefix: mkt-dev
            \(parameters)
            """, file: file)
    }

    let declared = [
        ParameterCheck.Declared(stack: "MarketStream", parameters: [
            "AlertEmail": Parameter(type: "String", allowedPattern: "[^@ ]+@[^@ ]+"),
            "ApiToken": Parameter(type: "String", noEcho: true, minLength: 8),
            "Shards": Parameter(type: "Number", defaultValue: "1", minValue: 1, maxValue: 4),
            "Stage": Parameter(type: "String", defaultValue: "dev", allowedValues: ["dev", "prod"]),
            "Subnets": Parameter(type: "List<AWS::EC2::Subnet::Id>", defaultValue: ""),
            "Weights": Parameter(type: "List<Number>", defaultValue: "1"),
        ]),
        ParameterCheck.Declared(stack: "TickAlerts", parameters: ["Threshold": Parameter(type: "Number")]),
    ]

    func resolve(_ parameters: String) throws -> [String: [String: String]] {
        try ParameterCheck.resolve(try environment(parameters).parameters, file: file, declared: declared)
    }

    func failure(_ parameters: String, line: UInt = #line) -> String {
        do {
            let values = try resolve(parameters)
            XCTFail("expected an error, got \(values)", line: line)
            return ""
        } catch {
            XCTAssertFalse(ConfigError.all(in: error).isEmpty, "not a ConfigError: \(error)", line: line)
            return "\(error)"
        }
    }

    func testValuesAreTypedAndPassedAsCloudFormationTakesThem() throws {
        let values = try resolve("""
            parameters:
              MarketStream:
                AlertEmail: ops@example.com
                ApiToken: "s3cr3t-token"
                Shards: 2
                Subnets: [subnet-1, subnet-2]
                Weights: [1, 2.5]
              TickAlerts:
                Threshold: 1200
            """)
        XCTAssertEqual(values, [
            "MarketStream": ["AlertEmail": "ops@example.com", "ApiToken": "s3cr3t-token", "Shards": "2",
                             "Subnets": "subnet-1,subnet-2", "Weights": "1,2.5"],
            "TickAlerts": ["Threshold": "1200"],
        ])
    }

    func testUnknownStackAndParameterSuggestTheNearestName() {
        XCTAssertEqual(failure("""
            parameters:
              MarketStreams:
                AlertEmail: ops@example.com
              TickAlerts:
                Treshold: 5
                AlertEmail: ops@example.com
            """), """
            environments/dev.yaml:4:1: parameters.MarketStream.AlertEmail: MarketStream declares the parameter `AlertEmail` (String) \
            without a Default, and it has no value here [missing-parameter]
              hint: add it to the environment file: parameters: → MarketStream: → AlertEmail: VALUE
            environments/dev.yaml:4:1: parameters.MarketStream.ApiToken: MarketStream declares the parameter `ApiToken` (String) \
            without a Default, and it has no value here [missing-parameter]
              hint: add it to the environment file: parameters: → MarketStream: → ApiToken: VALUE
            environments/dev.yaml:5:3: parameters.MarketStreams: no stack `MarketStreams` in the estate [unknown-stack]
              hint: did you mean `MarketStream`? stacks: MarketStream, TickAlerts
            environments/dev.yaml:7:3: parameters.TickAlerts.Threshold: TickAlerts declares the parameter `Threshold` (Number) \
            without a Default, and it has no value here [missing-parameter]
              hint: add it to the environment file: parameters: → TickAlerts: → Threshold: VALUE
            environments/dev.yaml:8:5: parameters.TickAlerts.Treshold: no stack declares the parameter `Treshold` [unknown-parameter]
              hint: did you mean `Threshold`? TickAlerts declares: Threshold
            environments/dev.yaml:9:5: parameters.TickAlerts.AlertEmail: no stack declares the parameter `AlertEmail` in TickAlerts \
            [unknown-parameter]
              hint: MarketStream declares it: move it under parameters.MarketStream
            """.replacingOccurrences(of: "\\\n", with: ""))
    }

    func testMissingWithoutAnySection() {
        let text = failure("")
        XCTAssertTrue(text.hasPrefix("environments/dev.yaml: parameters.MarketStream.AlertEmail: MarketStream declares the parameter"), text)
        XCTAssertTrue(text.contains("parameters.TickAlerts.Threshold"), text)
    }

    func testWrongTypesSayWhatTheTypeTakes() {
        let text = failure("""
            parameters:
              MarketStream:
                AlertEmail: 42
                ApiToken: [a, b]
                Shards: "two"
                Subnets: subnet-1
                Weights: [1, x]
              TickAlerts:
                Threshold: true
            """)
        XCTAssertEqual(text.split(separator: "\n").filter { !$0.hasPrefix("  hint") }, [
            "environments/dev.yaml:6:5: parameters.MarketStream.AlertEmail: expected a string (Type String), found the number 42 [type-mismatch]",
            "environments/dev.yaml:7:5: parameters.MarketStream.ApiToken: expected a single value (Type String), found a list [type-mismatch]",
            "environments/dev.yaml:8:5: parameters.MarketStream.Shards: expected a number (Type Number), found the string `two` [type-mismatch]",
            "environments/dev.yaml:9:5: parameters.MarketStream.Subnets: expected a list (Type List<AWS::EC2::Subnet::Id>), found a single value [type-mismatch]",
            "environments/dev.yaml:10:5: parameters.MarketStream.Weights: expected a number (Type List<Number>), found the string `x` in the list [type-mismatch]",
            "environments/dev.yaml:12:5: parameters.TickAlerts.Threshold: expected a number (Type Number), found the boolean true [type-mismatch]",
        ])
        XCTAssertTrue(text.contains("hint: quote it: \"42\""), text)
    }

    func testConstraintsAreCheckedAndNoEchoValuesNeverShown() {
        let text = failure("""
            parameters:
              MarketStream:
                AlertEmail: not-an-email
                ApiToken: "hunter2"
                Shards: 9
                Stage: test
              TickAlerts:
                Threshold: 1
            """)
        XCTAssertEqual(text.split(separator: "\n").filter { !$0.hasPrefix("  hint") }, [
            "environments/dev.yaml:6:5: parameters.MarketStream.AlertEmail: `not-an-email` does not match AllowedPattern `[^@ ]+@[^@ ]+` [invalid-parameter-value]",
            "environments/dev.yaml:7:5: parameters.MarketStream.ApiToken: **** is 7 characters, below MinLength 8 [invalid-parameter-value]",
            "environments/dev.yaml:8:5: parameters.MarketStream.Shards: `9` is above MaxValue 4 [invalid-parameter-value]",
            "environments/dev.yaml:9:5: parameters.MarketStream.Stage: `test` is not one of the AllowedValues (`dev`, `prod`) [invalid-parameter-value]",
        ])
        XCTAssertFalse(text.contains("hunter2"), text)
        let typed = failure("""
            parameters:
              MarketStream: { AlertEmail: a@b, ApiToken: 12345678 }
              TickAlerts: { Threshold: 1 }
            """)
        XCTAssertTrue(typed.contains("found the number ****"), typed)
        XCTAssertFalse(typed.contains("12345678"), typed)
    }

    func testMalformedSectionsAreDecodeErrors() {
        XCTAssertThrowsError(try environment("parameters: [a]")) { error in
            XCTAssertEqual("\(error)", """
                environments/dev.yaml:4:13: parameters: expected a mapping of stack names to their parameters, found a list [type-mismatch]
                """)
        }
        XCTAssertThrowsError(try environment("parameters:\n  MarketStream:\n    AlertEmail: { a: 1 }")) { error in
            XCTAssertTrue("\(error)".contains("parameters.MarketStream.AlertEmail: expected a string, a number or a list, found a mapping"), "\(error)")
        }
        XCTAssertThrowsError(try environment("parameters:\n  MarketStream:\n    Flag: yes")) { error in
            XCTAssertTrue("\(error)".contains("[ambiguous-value]"), "\(error)")
        }
        XCTAssertThrowsError(try environment("parameters:\n  MarketStream:\n    A: 1\n    A: 2")) { error in
            XCTAssertTrue("\(error)".contains("duplicate-key"), "\(error)")
        }
    }
}
