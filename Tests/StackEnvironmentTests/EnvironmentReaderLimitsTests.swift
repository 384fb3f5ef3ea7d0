import Foundation
import StackEnvironment
import XCTest

/// Hostile environment files: aliases are refused before anything is composed, and every limit of
/// `StrictYAMLLimits` is a `ConfigError` with `file:line:column`, the code `limit-exceeded` and a hint.
final class EnvironmentReaderLimitsTests: XCTestCase {
    let file = "environments/dev.yaml"
    let head = "account: \"123456789012\"\nregion: us-east-2\nnamePrefix: mkt-dev\n"

    private func error(_ yaml: String, line: UInt = #line) -> ConfigError? {
        do {
            _ = try EnvironmentLoader.parse(TestConfig.self, name: "dev", yaml: yaml, file: file)
            XCTFail("parsed, expected an error", line: line)
        } catch let error as ConfigError {
            return error
        } catch {
            XCTFail("not one ConfigError: \(error)", line: line)
        }
        return nil
    }

    func testBillionLaughsIsRefusedAtTheFirstAlias() throws {
        var yaml = head + "tags:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<10 {
            yaml += "  l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", "))]\n"
        }
        yaml += "config: *l9\n"
        let started = Date()
        let found = error(yaml)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertEqual(found?.description, """
            environments/dev.yaml:6:12: YAML aliases are not allowed in environment files: *l0 (its anchor &l0 is on line 5) [alias-not-allowed]
              hint: write the value out where it is used and remove the &anchor
            """)
    }

    func testASimpleAliasIsRefusedToo() {
        let yaml = head + "tags: &t {team: a}\nconfig:\n  alertEmail: a@example.com\n  threshold: 1\n  symbols: *t\n"
        XCTAssertEqual(error(yaml)?.code, "alias-not-allowed")
        XCTAssertEqual(error(yaml)?.line, 8)
    }

    func testNestingPastTheLimit() {
        let depth = StrictYAMLLimits.maxDepth
        let yaml = head + "tags: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let found = error(yaml)
        XCTAssertEqual(found?.code, "limit-exceeded")
        XCTAssertEqual(found?.message, "nesting deeper than \(depth) levels")
        XCTAssertEqual(found?.line, 4)
        XCTAssertEqual(found?.column, 7 + depth - 1, "the root mapping is the first level")
        XCTAssertNotNil(found?.hint)
        XCTAssertEqual(error(head + "tags: " + String(repeating: "[", count: 200_000))?.code, "limit-exceeded")
    }

    func testAScalarOverTheLimit() {
        let long = String(repeating: "x", count: StrictYAMLLimits.maxScalarBytes + 1)
        let found = error(head + "tags:\n  team: \(long)\n")
        XCTAssertEqual(found?.code, "limit-exceeded")
        XCTAssertEqual(found?.message, "a value of \(long.utf8.count) bytes, over the limit of \(StrictYAMLLimits.maxScalarBytes) bytes per scalar")
        XCTAssertEqual(found?.line, 5)
        XCTAssertEqual(found?.column, 9)
    }

    func testANumberLiteralOverTheLimit() {
        let long = "1" + String(repeating: "0", count: StrictYAMLLimits.maxNumberLength)
        let yaml = head + "config:\n  alertEmail: a@example.com\n  threshold: \(long)\n"
        let found = error(yaml)
        XCTAssertEqual(found?.description, """
            environments/dev.yaml:6:14: config.threshold: a number literal of \(long.count) characters, over the limit of \(StrictYAMLLimits.maxNumberLength) [limit-exceeded]
              hint: write the number in plain decimal digits
            """)
    }

    func testAFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("env-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = head + "# " + String(repeating: "x", count: StrictYAMLLimits.maxDocumentBytes) + "\n"
        try Data(big.utf8).write(to: folder.appendingPathComponent("dev.yaml"))
        XCTAssertThrowsError(try EnvironmentLoader.load(TestConfig.self, name: "dev", directory: folder)) { error in
            let found = error as? ConfigError
            XCTAssertEqual(found?.code, "limit-exceeded")
            XCTAssertEqual(found?.message, "the file is \(big.utf8.count) bytes, over the limit of \(StrictYAMLLimits.maxDocumentBytes) bytes")
        }
        // The same text given directly is refused by the decoder's own check.
        XCTAssertEqual(error(big)?.code, "limit-exceeded")
    }
}
