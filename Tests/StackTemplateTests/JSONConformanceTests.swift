import Foundation
import XCTest
@testable import StackTemplate

/// The JSON reader against Foundation's `JSONSerialization`, on small documents modelled on JSONTestSuite
/// (`y_` must be accepted, `n_` must be rejected, `i_` either): both readers must agree, except for the
/// deliberate differences listed below, each with its reason.
final class JSONConformanceTests: XCTestCase {
    enum Expect { case accept, reject }

    /// JSONTestSuite names; the expectation is for our reader.
    static let documents: [(name: String, text: String, expect: Expect)] = [
        ("y_object_empty", "{}", .accept),
        ("y_array_empty", "[]", .accept),
        ("y_object_simple", #"{"a":"b"}"#, .accept),
        ("y_object_nested", #"{"a":{"b":[1,{"c":null}]}}"#, .accept),
        ("y_array_heterogeneous", #"[null, 1, "1", {}, [], true, false]"#, .accept),
        ("y_array_with_whitespace", " [ 1 , 2 ] ", .accept),
        ("y_structure_whitespace_all", "\t\r\n [\t\r\n1\t\r\n]\t\r\n", .accept),
        ("y_number_0", "[0]", .accept),
        ("y_number_negative_zero", "[-0]", .accept),
        ("y_number_negative_int", "[-123]", .accept),
        ("y_number_real_exponent", "[123e45]", .accept),
        ("y_number_real_capital_e_pos_exp", "[1E+2]", .accept),
        ("y_number_real_neg_exp", "[1e-2]", .accept),
        ("y_number_real_fraction_exponent", "[123.456e78]", .accept),
        ("y_number_simple_real", "[123.456789]", .accept),
        ("y_number_int_max", "[9223372036854775807]", .accept),
        ("y_number_int_min", "[-9223372036854775808]", .accept),
        ("y_number_double_close_to_zero", "[-0.000000000000000000000000000000000000000000000000000000000000000000000001]", .reject),
        ("y_string_empty", #"[""]"#, .accept),
        ("y_string_simple_escapes", #"["\"\\\/\b\f\n\r\t"]"#, .accept),
        ("y_string_unicode_escape", #"["\u00e9\u4e2d"]"#, .accept),
        ("y_string_surrogate_pair", #"["\ud83d\ude00"]"#, .accept),
        ("y_string_escaped_nul", #"["a\u0000b"]"#, .accept),
        ("y_string_utf8_raw", "[\"é中😀\"]", .accept),
        ("y_string_del_raw", "[\"\u{7F}\"]", .accept),
        ("y_string_in_array_with_leading_space", #"[ "asd"]"#, .accept),
        ("y_string_u+2028_line_sep", "[\"\u{2028}\"]", .accept),
        ("y_object_key_with_escape", #"{"\u0061":1}"#, .accept),
        ("y_object_empty_key", #"{"":0}"#, .accept),
        ("y_structure_lonely_true", "true", .accept),
        ("y_structure_lonely_null", "null", .accept),
        ("y_structure_lonely_int", "42", .accept),
        ("y_structure_lonely_string", #""asd""#, .accept),
        ("y_structure_nested_100", String(repeating: "[", count: 100) + String(repeating: "]", count: 100), .accept),
        ("n_structure_empty", "", .reject),
        ("n_structure_only_whitespace", "  \n ", .reject),
        ("n_array_trailing_comma", "[1,]", .reject),
        ("n_array_double_comma", "[1,,2]", .reject),
        ("n_array_leading_comma", "[,1]", .reject),
        ("n_array_unclosed", "[1", .reject),
        ("n_array_extra_close", "[1]]", .reject),
        ("n_array_colon_instead_of_comma", #"["": 1]"#, .reject),
        ("n_object_trailing_comma", #"{"a":1,}"#, .reject),
        ("n_object_unquoted_key", "{a:1}", .reject),
        ("n_object_single_quote", "{'a':1}", .reject),
        ("n_object_missing_colon", #"{"a" 1}"#, .reject),
        ("n_object_missing_value", #"{"a":}"#, .reject),
        ("n_object_non_string_key", "{1:1}", .reject),
        ("n_object_unclosed", #"{"a":1"#, .reject),
        ("n_object_comment", #"{"a":1 /* c */}"#, .reject),
        ("n_structure_two_values", "[1] [2]", .reject),
        ("n_structure_trailing_garbage", "{} x", .reject),
        ("n_number_leading_zero", "[012]", .reject),
        ("n_number_plus", "[+1]", .reject),
        ("n_number_dot_only", "[.5]", .reject),
        ("n_number_trailing_dot", "[1.]", .reject),
        ("n_number_exponent_without_digits", "[1e]", .reject),
        ("n_number_hex", "[0x1F]", .reject),
        ("n_number_nan", "[NaN]", .reject),
        ("n_number_infinity", "[Infinity]", .reject),
        ("n_number_minus_only", "[-]", .reject),
        ("n_number_minus_space", "[- 1]", .reject),
        ("n_string_single_quotes", "['a']", .reject),
        ("n_string_unterminated", #"["abc"#, .reject),
        ("n_string_raw_newline", "[\"a\nb\"]", .reject),
        ("n_string_raw_tab", "[\"a\tb\"]", .reject),
        ("n_string_raw_nul", "[\"a\u{0}b\"]", .reject),
        ("n_string_invalid_escape", #"["\x41"]"#, .reject),
        ("n_string_short_unicode_escape", #"["\u12"]"#, .reject),
        ("n_string_invalid_hex_escape", #"["\uZZZZ"]"#, .reject),
        ("n_string_escape_at_end", #"["\"#, .reject),
        ("n_literal_capital_true", "[True]", .reject),
        ("n_literal_truncated_null", "[nul]", .reject),
        ("n_structure_nul_after_value", "[1]\u{0}", .reject),
        ("i_string_lone_high_surrogate", #"["\ud800"]"#, .reject),
        ("i_string_lone_low_surrogate", #"["\udc00"]"#, .reject),
        ("i_string_inverted_surrogates", #"["\udc00\ud800"]"#, .reject),
        ("i_number_huge_exponent", "[1e999]", .reject),
        ("i_number_neg_huge_exponent", "[-1e999]", .reject),
        ("i_number_tiny_exponent", "[1e-999]", .accept),
        ("i_number_too_big_int", "[123456789012345678901234567890]", .reject),
        ("i_number_too_small_int", "[-9223372036854775809]", .reject),
        ("i_number_long_literal", "[1." + String(repeating: "1", count: 100) + "]", .reject),
        ("i_structure_bom", "\u{FEFF}{}", .reject),
        ("i_object_duplicate_key", #"{"a":1,"a":2}"#, .reject),
        ("i_object_duplicate_key_same_value", #"{"a":1,"a":1}"#, .reject),
        ("i_structure_nested_200", String(repeating: "[", count: 200) + String(repeating: "]", count: 200), .reject),
        ("i_string_long", "[\"" + String(repeating: "x", count: TemplateReaderLimits.maxStringBytes + 1) + "\"]", .reject),
    ]

    /// Where we differ from `JSONSerialization` on purpose.
    static let deliberateDifferences: [String: String] = [
        "n_array_trailing_comma": "RFC 8259 has no trailing commas and CloudFormation refuses them; JSONSerialization (Linux) takes them",
        "n_object_trailing_comma": "as n_array_trailing_comma",
        "i_object_duplicate_key": "which value would CloudFormation use? cfn-lint reports it; JSONSerialization keeps the last silently",
        "i_object_duplicate_key_same_value": "as i_object_duplicate_key: refused however harmless, like cfn-lint",
        "i_number_too_big_int": "integers stay Int (1 is not 1.0 in a template); one outside 64 bits is an error, not a rounded double",
        "i_number_too_small_int": "as i_number_too_big_int",
        "i_number_long_literal": "over TemplateReaderLimits.maxNumberLength (64 characters)",
        "y_number_double_close_to_zero": "a valid number, but 75 characters: over TemplateReaderLimits.maxNumberLength",
        "i_structure_bom": "the JSON reader takes UTF-8 text as given; TemplateParser sends text with a BOM to the YAML reader, which skips it",
        "i_structure_nested_200": "over TemplateReaderLimits.maxDepth (128)",
        "i_string_long": "over TemplateReaderLimits.maxStringBytes",
    ]

    func testOurReaderAgreesWithJSONSerializationExceptWhereDocumented() {
        var disagreements: [String] = []
        for (name, text, expect) in Self.documents {
            let ours = (try? JSONSourceReader.read(text)) != nil
            XCTAssertEqual(ours, expect == .accept, "\(name): our reader")
            let foundation = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
            if ours != foundation && Self.deliberateDifferences[name] == nil {
                disagreements.append("\(name): we \(ours ? "accept" : "reject"), JSONSerialization \(foundation ? "accepts" : "rejects")")
            }
            if ours == foundation && Self.deliberateDifferences[name] != nil {
                disagreements.append("\(name) is listed as a difference but both readers agree")
            }
        }
        XCTAssertEqual(disagreements, [])
        XCTAssertGreaterThanOrEqual(Self.documents.count, 60)
    }

    func testEveryRejectionIsATemplateParseErrorWithAPlace() {
        for (name, text, expect) in Self.documents where expect == .reject {
            do {
                _ = try JSONSourceReader.read(text)
            } catch let error as TemplateParseError {
                XCTAssertNotNil(error.line, "\(name): \(error)")
                XCTAssertNotNil(error.column, "\(name): \(error)")
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }

    /// Accepted numbers keep their kind: `1` an int, `1.0` and `1e2` doubles (JSONSerialization's
    /// NSNumber blurs them, one reason the reader is our own).
    func testAcceptedValuesAreReadExactly() throws {
        let value = try ValueDecoder.value(try JSONSourceReader.read(#"[1, 1.0, 1e2, -0, "\ud83d\ude00", "a\u0000b"]"#))
        XCTAssertEqual(value, .list([.int(1), .double(1), .double(100), .int(0), .string("😀"), .string("a\u{0}b")]))
        // i_structure_bom through the parser the CLI uses: the YAML reader skips the mark.
        XCTAssertEqual(try TemplateParser.parseValue("\u{FEFF}{\"a\": 1}")["a"], .int(1))
    }
}
