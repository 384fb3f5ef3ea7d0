import Foundation
import XCTest
@testable import StackTemplate

/// Hostile templates: aliases are refused before anything is expanded, and every limit of
/// `TemplateReaderLimits` is a `TemplateParseError` naming the limit and the place, in JSON and YAML.
final class TemplateReaderLimitsTests: XCTestCase {
    /// Ten levels of nine aliases: 9^9 copies of the first list if anything expanded it.
    static func billionLaughs() -> String {
        var lines = ["AWSTemplateFormatVersion: \"2010-09-09\"", "Metadata:",
                     "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<10 {
            let refs = Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("  l\(level): &l\(level) [\(refs)]")
        }
        lines += ["Resources:", "  Queue:", "    Type: AWS::SQS::Queue", "    Properties:", "      Tags: *l9"]
        return lines.joined(separator: "\n") + "\n"
    }

    func testBillionLaughsIsRefusedAtTheFirstAliasWithCloudFormationsMessage() {
        let started = Date()
        let error = parseError(Self.billionLaughs())
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "refused before expanding")
        XCTAssertEqual(error, TemplateParseError(
            line: 4, column: 12, message: "Template error: YAML aliases are not allowed in CloudFormation templates"))
    }

    func testAnAliasAsAMapKeyIsRefusedBeforeYamsHashesIt() {
        // Yams' duplicate-key check hashes keys: an alias of a huge list as a key would hang there.
        let text = Self.billionLaughs() + "Outputs:\n  ? *l9\n  : 1\n  ? *l8\n  : 2\n"
        XCTAssertEqual(parseError(text)?.line, 4)
    }

    func testAMergeKeyWithAnAliasGetsTheAliasMessage() {
        let text = "Resources:\n  A: &a {Type: AWS::SQS::Queue}\n  B:\n    <<: *a\n"
        let error = parseError(text)
        XCTAssertEqual(error?.message, YAMLSourceReader.aliasMessage)
        XCTAssertEqual(error?.line, 4)
        XCTAssertEqual(error?.column, 9)
    }

    func testFlowStyleYAMLWithAnAliasGetsTheAliasMessageNotAJSONError() {
        let error = parseError("{Resources: {A: &a {Type: AWS::SQS::Queue}, B: *a}}")
        XCTAssertEqual(error, TemplateParseError(line: 1, column: 48, message: YAMLSourceReader.aliasMessage))
    }

    func testAnAnchorWithoutAliasIsHarmlessAndReadAsWritten() throws {
        let template = try TemplateParser.parse("Resources:\n  A: &a\n    Type: AWS::SQS::Queue\n")
        XCTAssertEqual(template.resources.map(\.key), ["A"])
    }

    func testNestingPastTheLimitIsAnErrorAtTheCollectionThatCrossesIt() throws {
        let limit = TemplateReaderLimits.maxDepth
        // Resources (1) > A (2) > Properties (3) > then lists up to the limit: fine; one more is not.
        func json(lists: Int) -> String {
            "{\"Resources\": {\"A\": {\"Type\": \"X::Y::Z\", \"Properties\": {\"P\": "
                + String(repeating: "[", count: lists) + String(repeating: "]", count: lists) + "}}}}"
        }
        XCTAssertNoThrow(try TemplateParser.parse(json(lists: limit - 4)))
        let deep = json(lists: limit - 3)
        let error = parseError(deep)
        XCTAssertEqual(error?.message, "nesting deeper than \(limit) levels (the template readers' limit)")
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.column, 60 + limit - 3, "the first bracket over the limit")

        let yaml = "Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n      P: "
            + String(repeating: "[", count: limit - 3) + String(repeating: "]", count: limit - 3) + "\n"
        XCTAssertEqual(parseError(yaml)?.message, error?.message)
        XCTAssertEqual(parseError(yaml)?.line, 5)
    }

    func testAHundredThousandLevelsEndInAnErrorNotACrash() {
        for text in [String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000),
                     String(repeating: "- ", count: 100_000) + "x", "a: " + String(repeating: "{b: ", count: 100_000)] {
            XCTAssertNotNil(parseError(text))
        }
    }

    func testAStringOverTheLimitIsNamedWithItsPlace() {
        let long = String(repeating: "x", count: TemplateReaderLimits.maxStringBytes + 1)
        let json = "{\"Description\": \"ok\",\n \"Metadata\": {\"Note\": \"\(long)\"}}"
        let error = parseError(json)
        XCTAssertEqual(error, TemplateParseError(
            line: 2, column: 23,
            message: "a string of \(long.utf8.count) bytes, over the template readers' limit of \(TemplateReaderLimits.maxStringBytes) bytes per string"))
        let yaml = "Description: ok\nMetadata:\n  Note: \(long)\n"
        XCTAssertEqual(parseError(yaml), TemplateParseError(line: 3, column: 9, message: error!.message))
        // At the limit it is read.
        let atLimit = String(repeating: "x", count: TemplateReaderLimits.maxStringBytes)
        XCTAssertEqual(try TemplateParser.parseValue("{\"a\": \"\(atLimit)\"}")["a"], .string(atLimit))
    }

    func testANumberLiteralOverTheLimitIsAnError() {
        let digits = "1" + String(repeating: "0", count: TemplateReaderLimits.maxNumberLength - 3) + ".5"  // at the limit
        XCTAssertEqual(try TemplateParser.parseValue("{\"a\": \(digits)}")["a"], .double(Double(digits)!))
        let long = "1" + String(repeating: "0", count: TemplateReaderLimits.maxNumberLength) + ".5"
        let message = "a number literal of \(long.count) characters, over the template readers' limit of \(TemplateReaderLimits.maxNumberLength)"
        XCTAssertEqual(parseError("{\"Metadata\": {\"N\": \(long)}}"), TemplateParseError(line: 1, column: 20, message: message))
        XCTAssertEqual(parseError("Metadata:\n  N: \(long)\n"), TemplateParseError(line: 2, column: 6, message: message))
        // An integer too large to hold is named by the limit, not echoed whole.
        let huge = String(repeating: "9", count: 5_000)
        XCTAssertEqual(parseError("Metadata:\n  N: \(huge)\n")?.message,
                       "a number literal of 5000 characters, over the template readers' limit of \(TemplateReaderLimits.maxNumberLength)")
        // A long string that only starts like a number is a string, not a number.
        let text = "1" + String(repeating: "a", count: 100)
        XCTAssertEqual(try TemplateParser.parseValue("N: \(text)")["N"], .string(text))
    }

    func testADocumentOverTheSizeLimitIsRefusedBeforeReading() {
        let padding = String(repeating: " ", count: TemplateReaderLimits.maxDocumentBytes)
        let error = parseError("{\"Resources\": {}}" + padding)
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.message, "the template is \(TemplateReaderLimits.maxDocumentBytes + 17) bytes, over the readers' limit of \(TemplateReaderLimits.maxDocumentBytes) bytes (CloudFormation itself takes at most 1,000,000)")
    }

    func testLocatedNamesFileLineAndColumn() {
        let error = TemplateParseError(line: 4, column: 8, message: "m")
        XCTAssertEqual(error.located(in: "base/A.template.yaml"), "base/A.template.yaml:4:8: m")
        XCTAssertEqual(TemplateParseError(line: nil, column: nil, message: "m").located(in: "f"), "f: m")
    }
}
