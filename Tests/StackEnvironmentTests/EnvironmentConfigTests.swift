import Foundation
import StackEnvironment
import XCTest

struct TestConfig: Decodable, Sendable, Equatable {
    enum Tier: String, Decodable, CaseIterable, Sendable { case standard, premium }
    var alertEmail: String
    var threshold: Double
    var symbols: [String]?
    var tier: Tier?
}

final class EnvironmentConfigTests: XCTestCase {
    let file = "environments/dev.yaml"

    /// A valid file; tests derive broken variants by replacing a line.
    let valid = """
        account: "123456789012"
        region: us-east-2
        namePrefix: mkt-dev
        retainData: true
        pointInTimeRecovery: true
        terminationProtection: true
        logRetentionDays: 90
        tags:
          team: markets
          cost-center: "4711"
        endpoint: http://localhost:4566
        config:
          alertEmail: ops@example.com
          threshold: 2.5
          symbols: [AAPL, MSFT]
          tier: premium
        """

    func parse(_ yaml: String, name: String = "dev") throws -> EnvironmentConfig<TestConfig> {
        try EnvironmentLoader.parse(TestConfig.self, name: name, yaml: yaml, file: file)
    }

    /// The rendered error(s) thrown for `yaml`; fails the test when nothing, or no ConfigError, is thrown.
    func failure(_ yaml: String, line: UInt = #line) -> String {
        do {
            let env = try parse(yaml)
            XCTFail("expected an error, decoded \(env)", line: line)
            return ""
        } catch {
            XCTAssertFalse(ConfigError.all(in: error).isEmpty, "not a ConfigError: \(error)", line: line)
            return "\(error)"
        }
    }

    /// `valid` with `old` replaced; fails the test if the fixture does not contain `old`.
    func replacing(_ old: String, with new: String, line: UInt = #line) -> String {
        XCTAssertTrue(valid.contains(old), "the fixture has no \(old)", line: line)
        return valid.replacingOccurrences(of: old, with: new)
    }

    // MARK: Valid files

    func testValidFileDecodesAllFields() throws {
        let env = try parse(valid)
        XCTAssertEqual(env, EnvironmentConfig(
            name: "dev", account: "123456789012", region: "us-east-2", namePrefix: "mkt-dev",
            retainData: true, pointInTimeRecovery: true, terminationProtection: true, logRetentionDays: 90,
            tags: ["team": "markets", "cost-center": "4711"], endpoint: "http://localhost:4566",
            config: TestConfig(alertEmail: "ops@example.com", threshold: 2.5, symbols: ["AAPL", "MSFT"],
                               tier: .premium)))
    }

    func testOptionalKeysTakeTheirDefaults() throws {
        let env = try parse("""
            account: "012345678901"
            region: eu-west-1
            namePrefix: mkt-prod
            config:
              alertEmail: a@b.c
              threshold: 3
            """)
        XCTAssertEqual(env.account, "012345678901")
        XCTAssertFalse(env.retainData)
        XCTAssertFalse(env.pointInTimeRecovery)
        XCTAssertFalse(env.terminationProtection)
        XCTAssertEqual(env.logRetentionDays, 30)
        XCTAssertEqual(env.tags, [:])
        XCTAssertNil(env.endpoint)
        XCTAssertEqual(env.config, TestConfig(alertEmail: "a@b.c", threshold: 3, symbols: nil, tier: nil))
    }

    func testEmptyConfigAcceptsMissingAndEmptyConfigButNoKeys() throws {
        let base = "account: \"123456789012\"\nregion: us-gov-west-1\nnamePrefix: gov\n"
        for yaml in [base, base + "config:\n", base + "config: {}\n"] {
            let env = try EnvironmentLoader.parse(EmptyConfig.self, name: "gov", yaml: yaml, file: "gov.yaml")
            XCTAssertEqual(env.config, EmptyConfig())
            XCTAssertEqual(env.region, "us-gov-west-1")
        }
        XCTAssertThrowsError(try EnvironmentLoader.parse(EmptyConfig.self, name: "gov",
                                                         yaml: base + "config:\n  x: 1\n", file: "gov.yaml")) {
            XCTAssertEqual("\($0)", """
                gov.yaml:5:3: config.x: unknown key `x` [unknown-key]
                  hint: this mapping takes no keys
                """)
        }
    }

    // MARK: Unknown keys

    func testUnknownTopLevelKeySuggestsTheClosestKey() {
        XCTAssertEqual(failure(replacing("logRetentionDays: 90", with: "logRetentionDay: 90")), """
            environments/dev.yaml:7:1: logRetentionDay: unknown key `logRetentionDay` [unknown-key]
              hint: did you mean `logRetentionDays`?
            """)
    }

    func testUnknownKeyFarFromAnyKnownKeyListsTheAllowedKeys() {
        XCTAssertEqual(failure(valid + "\nowner: me"), """
            environments/dev.yaml:17:1: owner: unknown key `owner` [unknown-key]
              hint: allowed keys: account, region, namePrefix, retainData, pointInTimeRecovery, customerManagedKey, \
            accessLogs, terminationProtection, logRetentionDays, tags, endpoint, parameters, config
            """)
    }

    func testUnknownNestedKeyInsideConfig() {
        XCTAssertEqual(failure(replacing("  tier: premium", with: "  tier: premium\n  alertEmial: x@y.z")), """
            environments/dev.yaml:17:3: config.alertEmial: unknown key `alertEmial` [unknown-key]
              hint: did you mean `alertEmail`?
            """)
    }

    func testAllUnknownKeysAreReportedTogether() {
        let yaml = replacing("retainData: true", with: "retainDate: true")
            .replacingOccurrences(of: "  threshold: 2.5", with: "  threshold: 2.5\n  treshold: 3")
        XCTAssertEqual(failure(yaml), """
            environments/dev.yaml:4:1: retainDate: unknown key `retainDate` [unknown-key]
              hint: did you mean `retainData`?
            environments/dev.yaml:15:3: config.treshold: unknown key `treshold` [unknown-key]
              hint: did you mean `threshold`?
            """)
    }

    func testNameIsNotAKey() {
        XCTAssertEqual(failure("name: dev\n" + valid), """
            environments/dev.yaml:1:1: name: unknown key `name` [unknown-key]
              hint: the environment name comes from the file name (dev.yaml → dev); remove this key
            """)
    }

    // MARK: Types

    func testUnquotedAccountNumberAsksForQuotes() {
        XCTAssertEqual(failure(replacing("account: \"123456789012\"", with: "account: 012345678901")), """
            environments/dev.yaml:1:10: account: expected a string, found the number 012345678901 [type-mismatch]
              hint: quote it: "012345678901" (unquoted, YAML reads it as a number, and a leading zero can make \
            it octal)
            """)
    }

    func testStringForABool() {
        XCTAssertEqual(failure(replacing("retainData: true", with: "retainData: always")), """
            environments/dev.yaml:4:13: retainData: expected true or false, found a string [type-mismatch]
            """)
    }

    func testQuotedBoolSuggestsRemovingTheQuotes() {
        XCTAssertEqual(failure(replacing("retainData: true", with: "retainData: \"true\"")), """
            environments/dev.yaml:4:13: retainData: expected true or false, found a string [type-mismatch]
              hint: remove the quotes: true
            """)
    }

    func testMappingForAString() {
        XCTAssertEqual(failure(replacing("  team: markets", with: "  team:\n    name: markets")), """
            environments/dev.yaml:10:5: tags.team: expected a string, found a mapping [type-mismatch]
            """)
    }

    func testYesIsNotABool() {
        XCTAssertEqual(failure(replacing("pointInTimeRecovery: true", with: "pointInTimeRecovery: yes")), """
            environments/dev.yaml:5:22: pointInTimeRecovery: expected true or false, found `yes` [type-mismatch]
              hint: only `true` and `false` are booleans; YAML 1.1 spellings such as yes/no/on/off are not accepted
            """)
    }

    func testYAML11BooleanWhereAStringIsExpectedMustBeQuoted() {
        XCTAssertEqual(failure(replacing("[AAPL, MSFT]", with: "[AAPL, ON]")), """
            environments/dev.yaml:15:19: config.symbols[1]: expected a string, found `ON`, which YAML 1.1 reads \
            as a boolean [ambiguous-value]
              hint: quote it: "ON"
            """)
    }

    func testFractionForAnInt() {
        XCTAssertEqual(failure(replacing("logRetentionDays: 90", with: "logRetentionDays: 12.5")), """
            environments/dev.yaml:7:19: logRetentionDays: expected an integer, found the number 12.5 [type-mismatch]
            """)
    }

    func testQuotedIntAndLeadingZeroInt() {
        XCTAssertEqual(failure(replacing("logRetentionDays: 90", with: "logRetentionDays: \"90\"")), """
            environments/dev.yaml:7:19: logRetentionDays: expected an integer, found a string [type-mismatch]
              hint: remove the quotes: 90
            """)
        XCTAssertEqual(failure(replacing("logRetentionDays: 90", with: "logRetentionDays: 090")), """
            environments/dev.yaml:7:19: logRetentionDays: expected an integer, found `090` with a leading zero \
            [ambiguous-value]
              hint: YAML 1.1 reads leading zeros as octal; write 90
            """)
    }

    func testBadEnumValueListsTheAllowedValues() {
        XCTAssertEqual(failure(replacing("tier: premium", with: "tier: gold")), """
            environments/dev.yaml:16:9: config.tier: `gold` is not a valid value [invalid-value]
              hint: allowed values: standard, premium
            """)
        XCTAssertEqual(failure(replacing("tier: premium", with: "tier: premum")), """
            environments/dev.yaml:16:9: config.tier: `premum` is not a valid value [invalid-value]
              hint: did you mean `premium`? allowed values: standard, premium
            """)
    }

    // MARK: Structure

    func testDuplicateKeyNamesTheSecondOccurrenceAndItsPath() {
        XCTAssertEqual(failure(replacing("  cost-center: \"4711\"", with: "  cost-center: \"4711\"\n  team: data")),
                       """
            environments/dev.yaml:11:3: tags.team: duplicate key `team` (first at 9:3) [duplicate-key]
              hint: a key may appear only once in a mapping; remove one of them
            """)
        XCTAssertEqual(failure(valid + "\nregion: us-east-1\nregion: eu-west-1"), """
            environments/dev.yaml:17:1: region: duplicate key `region` (first at 2:1) [duplicate-key]
              hint: a key may appear only once in a mapping; remove one of them
            """)
        XCTAssertEqual(failure(replacing("  tier: premium", with: "  tier: premium\n  limits: {x: 1, x: 2}")), """
            environments/dev.yaml:17:18: config.limits.x: duplicate key `x` (first at 17:12) [duplicate-key]
              hint: a key may appear only once in a mapping; remove one of them
            """)
    }

    func testMissingRequiredKeyNamesTheKeyAndTheEnclosingMapping() {
        XCTAssertEqual(failure(replacing("region: us-east-2\n", with: "")), """
            environments/dev.yaml:1:1: region: missing required key `region` [missing-key]
              hint: add `region:` to this mapping
            """)
        XCTAssertEqual(failure(replacing("  threshold: 2.5\n", with: "")), """
            environments/dev.yaml:13:3: config.threshold: missing required key `threshold` [missing-key]
              hint: add `threshold:` to this mapping
            """)
    }

    func testMissingKeyPointsAtALikelyMisspelling() {
        XCTAssertEqual(failure(replacing("account:", with: "acount:")), """
            environments/dev.yaml:1:1: account: missing required key `account` [missing-key]
              hint: `acount` at 1:1 looks like a misspelling of `account`
            """)
    }

    func testSyntaxErrorAndEmptyFile() {
        XCTAssertEqual(failure("account: [\"1\""), """
            environments/dev.yaml:2:1: invalid YAML: did not find expected ',' or ']' \
            (while parsing a flow sequence at 1:10) [yaml-syntax]
            """)
        XCTAssertEqual(failure("# nothing yet\n"), """
            environments/dev.yaml: the environment file is empty [empty-file]
              hint: required keys: account, region, namePrefix, config
            """)
    }

    // MARK: Values

    func testBadRegion() {
        XCTAssertEqual(failure(replacing("region: us-east-2", with: "region: us-east")), """
            environments/dev.yaml:2:9: region: `us-east` is not an AWS region name [invalid-region]
              hint: write a region such as us-east-2, eu-west-1 or us-gov-west-1
            """)
    }

    func testBadRetentionValueNamesTheNearestAllowedValues() {
        XCTAssertEqual(failure(replacing("logRetentionDays: 90", with: "logRetentionDays: 45")), """
            environments/dev.yaml:7:19: logRetentionDays: CloudWatch Logs cannot keep logs for 45 days \
            [invalid-log-retention]
              hint: the nearest allowed values are 30 or 60; allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, \
            365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653
            """)
    }

    func testTagKeyWithReservedAWSPrefix() {
        XCTAssertEqual(failure(replacing("  team: markets", with: "  aws:team: markets")), """
            environments/dev.yaml:9:3: tags["aws:team"]: tag key `aws:team` uses the prefix `aws:`, which AWS \
            reserves [invalid-tag]
              hint: choose a key without the aws: prefix, e.g. `team`
            """)
    }

    func testTagKeyWithStackctlsReservedPrefix() {
        XCTAssertEqual(failure(replacing("  team: markets", with: "  stackctl:environment: prod")), """
            environments/dev.yaml:9:3: tags["stackctl:environment"]: tag key `stackctl:environment` uses the prefix \
            `stackctl:`, which stackctl reserves for its own marker [invalid-tag]
              hint: choose a key without the stackctl: prefix, e.g. `environment`
            """)
    }

    func testSeveralValueErrorsAreReportedTogetherInFileOrder() {
        let yaml = replacing("account: \"123456789012\"", with: "account: \"12345\"")
            .replacingOccurrences(of: "namePrefix: mkt-dev", with: "namePrefix: Mkt")
            .replacingOccurrences(of: "endpoint: http://localhost:4566", with: "endpoint: localhost:4566")
        XCTAssertEqual(failure(yaml), """
            environments/dev.yaml:1:10: account: an AWS account ID is exactly 12 digits, found `12345` \
            [invalid-account]
              hint: write the 12-digit ID in quotes, e.g. account: "123456789012"
            environments/dev.yaml:3:13: namePrefix: `Mkt` contains `M`; a name prefix has only lowercase letters, \
            digits and hyphens [invalid-name-prefix]
              hint: use 3 to 20 lowercase letters, digits and single hyphens, starting with a letter, e.g. mkt-dev
            environments/dev.yaml:11:11: endpoint: `localhost:4566` is not an http:// or https:// URL \
            [invalid-endpoint]
              hint: write the emulator's base URL, e.g. http://localhost:4566
            """)
    }

    func testInvalidEnvironmentName() {
        XCTAssertThrowsError(try parse(valid, name: "Prod")) {
            XCTAssertEqual("\($0)", """
                environments/dev.yaml: `Prod` is not a valid environment name [invalid-environment-name]
                  hint: use a lowercase letter followed by lowercase letters, digits and hyphens (at most 32), \
                e.g. dev, prod, load-test
                """)
        }
    }

    // MARK: Files

    func temporaryEnvironments(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stackctl-env-\(UUID().uuidString)/environments")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    func testLoadReadsTheFileAndTakesTheNameFromIt() throws {
        let directory = try temporaryEnvironments(["prod.yaml": valid, "dev.yaml": valid, "notes.txt": ""])
        XCTAssertEqual(EnvironmentLoader.available(in: directory), ["dev", "prod"])
        let env = try EnvironmentLoader.load(TestConfig.self, name: "prod", directory: directory)
        XCTAssertEqual(env.name, "prod")
        XCTAssertEqual(env.namePrefix, "mkt-dev")
    }

    func testMissingFileListsTheAvailableEnvironments() throws {
        let directory = try temporaryEnvironments(["prod.yaml": valid, "dev.yaml": valid, "qa.yml": valid])
        XCTAssertThrowsError(try EnvironmentLoader.load(TestConfig.self, name: "staging", directory: directory)) {
            XCTAssertEqual("\($0)", """
                \(directory.path)/staging.yaml: no environment `staging`: the file does not exist \
                [environment-not-found]
                  hint: available environments: dev, prod
                """)
        }
        XCTAssertThrowsError(try EnvironmentLoader.load(TestConfig.self, name: "prd", directory: directory)) {
            XCTAssertEqual(($0 as? ConfigError)?.hint, "did you mean `prod`? available environments: dev, prod")
        }
        XCTAssertThrowsError(try EnvironmentLoader.load(TestConfig.self, name: "qa", directory: directory)) {
            XCTAssertEqual(($0 as? ConfigError)?.hint,
                           "found qa.yml: environment files end in .yaml; available environments: dev, prod")
        }
    }

    func testErrorFieldsAreExposed() throws {
        let thrown = thrownError { try self.parse(self.replacing("  team: markets", with: "  team: [a]")) }
        let error = try XCTUnwrap(thrown as? ConfigError)
        XCTAssertEqual(error.file, "environments/dev.yaml")
        XCTAssertEqual(error.line, 9)
        XCTAssertEqual(error.column, 9)
        XCTAssertEqual(error.keyPath, "tags.team")
        XCTAssertEqual(error.code, "type-mismatch")
        XCTAssertEqual(error.message, "expected a string, found a list")
        XCTAssertNil(error.hint)
    }

    /// The error `body` throws; fails the test (and returns nil) when it throws nothing.
    func thrownError(_ body: () throws -> Any, line: UInt = #line) -> (any Error)? {
        do {
            let value = try body()
            XCTFail("expected an error, got \(value)", line: line)
            return nil
        } catch {
            return error
        }
    }
}
