import XCTest
@testable import StackTemplate

/// Strings that YAML would read as something else, or that need escapes, must come back unchanged.
final class QuotingTests: XCTestCase {
    static let tricky: [String] = [
        "", " ", "  ", " leading", "trailing ", "true", "True", "TRUE", "false", "yes", "Yes", "no", "NO", "on", "On",
        "off", "OFF", "y", "n", "Y", "N", "null", "Null", "NULL", "~", "10", "-10", "+10", "0", "00", "1e3", "1E3",
        "1.5", ".5", "5.", "1.0e+3", "0x1F", "0o17", "0b101", "012", "08", "1_000", "1:30", "190:20:30.15",
        "2010-09-09", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", ".inf", "-.inf", "+.inf", ".Inf",
        ".nan", ".NaN", "-", "--", "---", "...", "....", "- item", "-x", "?", "? x", "?x", ":", "::", "a:", "a: b", "a:b",
        "a #b", "a#b", "#comment", "&anchor", "*alias", "!tag", "!Ref X", "|", "|-", ">", "'quoted'", "\"dq\"",
        "%percent", "@at", "`tick", "[list]", "{map}", "{a: 1}", ",comma", "a, b", "it's", "say \"hi\"",
        "back\\slash", "\\n", "tab\there", "\ttab", "tab\t", "line\nbreak", "trailing newline\n",
        "two trailing\n\n", "three\n\n\n", "\nleading newline", "\n", "\n\n", "  indented\nblock",
        "block\n  with indent", "block\n\twith tab", "trailing space \nline", "line\ntrailing space ", "cr\r\nlf",
        "nul\u{0}", "bell\u{7}", "esc\u{1B}", "del\u{7F}", "nel\u{85}", "c1\u{9F}", "ls\u{2028}", "ps\u{2029}",
        "bom\u{FEFF}", "nonchar\u{FFFE}", "nbsp\u{A0}", "emoji 🚀", "ünïcødé", "日本語", "<<", "=",
        "Ref", "Fn::GetAtt", "Condition", "${AWS::Region}", "arn:aws:s3:::bucket/*", "10.0.0.0/16", "a\n---\nb",
        "---\nx", "a\n...\nb", "x\n#not comment", "end with colon:", "key: value\nsecond: line", "-1.5", "1,000",
        "=x", "%YAML", "a\u{2028}b\nc", "1 day", "1st",
    ]

    func testTrickyStringsRoundTripAsValuesKeysAndItems() throws {
        for (index, s) in Self.tricky.enumerated() {
            let t = Template(resources: ["R\(index)": Resource(
                type: "T::T",
                properties: [
                    "Value": .string(s),
                    // Two keys: a one-key map keyed `Ref` or `Fn::*` would read back as an intrinsic.
                    "Map": .map([s: .string(s), s + "2": 1]),
                    "List": [.string(s), [.string(s)], ["k": .string(s), "l": [.string(s)]]],
                ])])
            let yaml = try YAMLRenderer.render(t)
            XCTAssertEqual(try TemplateParser.parse(yaml), t, "YAML for \(s.debugDescription):\n\(yaml)")
            let json = try JSONRenderer.render(t)
            XCTAssertEqual(try TemplateParser.parse(json), t, "JSON for \(s.debugDescription):\n\(json)")
        }
    }

    /// Yams decodes scalars with Foundation, which drops a leading byte order mark, so a string that
    /// starts with U+FEFF cannot come back from YAML (JSON keeps it). The renderer still escapes it.
    func testLeadingByteOrderMarkSurvivesJSON() throws {
        let t = Template(resources: ["R": Resource(type: "T::T", properties: ["P": "\u{FEFF}x"])])
        XCTAssertEqual(try TemplateParser.parse(JSONRenderer.render(t)), t)
        XCTAssertEqual(try YAMLRenderer.render(.string("\u{FEFF}x")), "\"\\ufeffx\"\n")
    }

    func testTrickyStringsRoundTripAsTheWholeDocument() throws {
        for s in Self.tricky {
            let yaml = try YAMLRenderer.render(.string(s))
            XCTAssertEqual(try YAMLSourceReader.read(yaml).kind.scalarValue, .string(s), yaml)
        }
    }

    func testChosenStyles() throws {
        let expected: [(String, String)] = [
            ("hello world", "hello world"),
            ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/*"),
            ("10.0.0.0/16", "10.0.0.0/16"),
            ("${AWS::StackName}-x", "${AWS::StackName}-x"),
            ("ünïcødé 🚀", "ünïcødé 🚀"),
            ("true", "'true'"),
            ("No", "'No'"),
            ("~", "'~'"),
            ("10", "'10'"),
            ("1e3", "'1e3'"),
            ("0x1F", "'0x1F'"),
            ("012", "'012'"),
            ("2010-09-09", "'2010-09-09'"),
            ("", "''"),
            (" x", "' x'"),
            ("x ", "'x '"),
            ("a: b", "'a: b'"),
            ("a #b", "'a #b'"),
            ("*x", "'*x'"),
            ("it's", "it's"),
            ("'q'", "'''q'''"),
            ("tab\tx", "'tab\tx'"),
            ("nul\u{0}", #""nul\x00""#),
            ("nel\u{85}", #""nel\x85""#),
            ("ls\u{2028}", #""ls\u2028""#),
            ("cr\r\n", #""cr\r\n""#),
            ("\nx", #""\nx""#),
            ("a\nb", "|-\n  a\n  b"),
        ]
        for (input, rendered) in expected {
            XCTAssertEqual(try YAMLRenderer.render(.string(input)), rendered + "\n", input.debugDescription)
        }
    }

    func testKeysNeverUseBlocks() throws {
        XCTAssertEqual(try YAMLRenderer.render(["a\nb": 1, "true": 2, "": 3]), "'': 3\n\"a\\nb\": 1\n'true': 2\n")
    }
}

extension SourceNode.Kind {
    var scalarValue: TemplateValue? {
        if case .scalar(let value) = self { return value }
        return nil
    }
}
