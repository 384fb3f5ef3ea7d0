import StackTemplate
import XCTest

final class YAML11ScalarTests: XCTestCase {
    func testClassifiesPlainScalarsAsPyYAMLDoes() {
        let cases: [(String, YAML11Scalar)] = [
            ("", .null), ("~", .null), ("null", .null), ("NULL", .null),
            ("yes", .bool(true)), ("Off", .bool(false)), ("true", .bool(true)),
            ("12", .int), ("-0x1F", .int), ("017", .int), ("1_000", .int), ("1:30", .int), ("0b101", .int),
            ("1.5", .float), ("1.0e+3", .float), (".inf", .float), ("-.INF", .float), (".nan", .float),
            // Strings to PyYAML (some are numbers to YAML 1.2 readers, which the environment decoder handles).
            ("090", .string), ("1e3", .string), ("2026-11-23", .string), ("us-east-1", .string), ("y", .string),
            ("nulls", .string), ("0x", .string),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(YAML11Scalar.classify(text), expected, text)
        }
    }
}
