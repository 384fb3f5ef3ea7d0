import XCTest
@testable import StackTemplate

final class JSONRendererTests: XCTestCase {
    func testPrettyLayoutLikePythonIndent2() throws {
        let t = Template(
            parameters: ["Env": Parameter(defaultValue: "dev", noEcho: true)],
            resources: ["Fn": Resource(
                type: "AWS::Lambda::Function",
                properties: ["Role": .getAtt("Role", "Arn"), "Tags": [], "Env": [:], "Layers": [.ref("L")]],
                dependsOn: ["Role"])],
            outputs: ["Arn": Output(value: .getAtt("Fn", "Arn"), exportName: .sub("${AWS::StackName}-Arn", [:]))])
        XCTAssertEqual(try JSONRenderer.render(t), """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Parameters": {
                "Env": {
                  "Type": "String",
                  "Default": "dev",
                  "NoEcho": true
                }
              },
              "Resources": {
                "Fn": {
                  "Type": "AWS::Lambda::Function",
                  "DependsOn": [
                    "Role"
                  ],
                  "Properties": {
                    "Env": {},
                    "Layers": [
                      {
                        "Ref": "L"
                      }
                    ],
                    "Role": {
                      "Fn::GetAtt": [
                        "Role",
                        "Arn"
                      ]
                    },
                    "Tags": []
                  }
                }
              },
              "Outputs": {
                "Arn": {
                  "Value": {
                    "Fn::GetAtt": [
                      "Fn",
                      "Arn"
                    ]
                  },
                  "Export": {
                    "Name": {
                      "Fn::Sub": "${AWS::StackName}-Arn"
                    }
                  }
                }
              }
            }

            """)
    }

    func testCompactHasNoWhitespace() throws {
        let t = Template(
            description: "a b",
            resources: ["R": Resource(type: "T::T", properties: ["P": [1, "x", [:], []], "Q": .sub("${A}", ["A": 1])])])
        XCTAssertEqual(
            try JSONRenderer.render(t, pretty: false),
            #"{"AWSTemplateFormatVersion":"2010-09-09","Description":"a b","Resources":{"R":{"Type":"T::T","Properties":{"#
                + #""P":[1,"x",{},[]],"Q":{"Fn::Sub":["${A}",{"A":1}]}}}}}"#)
    }

    func testEveryIntrinsicInLongForm() throws {
        let cases: [(TemplateValue, String)] = [
            (.ref("X"), #"{"Ref":"X"}"#),
            (.getAtt("A", "B.C"), #"{"Fn::GetAtt":["A","B.C"]}"#),
            (.sub("s", [:]), #"{"Fn::Sub":"s"}"#),
            (.sub("s", ["v": "w"]), #"{"Fn::Sub":["s",{"v":"w"}]}"#),
            (.join("-", ["a", .ref("B")]), #"{"Fn::Join":["-",["a",{"Ref":"B"}]]}"#),
            (.select(2, .ref("L")), #"{"Fn::Select":[2,{"Ref":"L"}]}"#),
            (.split(",", "a,b"), #"{"Fn::Split":[",","a,b"]}"#),
            (.if("C", 1, .noValue), #"{"Fn::If":["C",1,{"Ref":"AWS::NoValue"}]}"#),
            (.equals("a", "b"), #"{"Fn::Equals":["a","b"]}"#),
            (.and([.condition("A"), .condition("B")]), #"{"Fn::And":[{"Condition":"A"},{"Condition":"B"}]}"#),
            (.or([.condition("A"), .condition("B")]), #"{"Fn::Or":[{"Condition":"A"},{"Condition":"B"}]}"#),
            (.not(.condition("A")), #"{"Fn::Not":[{"Condition":"A"}]}"#),
            (.condition("A"), #"{"Condition":"A"}"#),
            (.importValue("E"), #"{"Fn::ImportValue":"E"}"#),
            (.base64("x"), #"{"Fn::Base64":"x"}"#),
            (.getAZs(""), #"{"Fn::GetAZs":""}"#),
            (.findInMap("M", "a", "b"), #"{"Fn::FindInMap":["M","a","b"]}"#),
            (.cidr("10.0.0.0/16", 2, 8), #"{"Fn::Cidr":["10.0.0.0/16",2,8]}"#),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(try JSONRenderer.render(value, pretty: false), expected)
            // Pretty output reads back as the same value; a lone `Condition` map is an intrinsic only
            // in condition context, so outside one it reads back as a map.
            let expectedBack: TemplateValue = value == .condition("A") ? ["Condition": "A"] : value
            XCTAssertEqual(try TemplateParser.parseValue(JSONRenderer.render(value)), expectedBack)
        }
    }

    func testStringEscaping() throws {
        let text = "q\" b\\ n\n r\r t\t bs\u{8} ff\u{C} nul\u{0} us\u{1F} del\u{7F} é ✓ 🚀 \u{2028} /"
        XCTAssertEqual(
            try JSONRenderer.render(.string(text), pretty: false),
            #""q\" b\\ n\n r\r t\t bs\b ff\f nul\u0000 us\u001f del"# + "\u{7F} é ✓ 🚀 \u{2028} /\"")
        XCTAssertEqual(try TemplateParser.parseValue("{\"k\": " + JSONRenderer.render(.string(text)) + "}"), ["k": .string(text)])
    }

    func testNumbers() throws {
        let cases: [(TemplateValue, String)] = [
            (0, "0"), (-7, "-7"), (.int(Int.max), "9223372036854775807"), (.int(Int.min), "-9223372036854775808"),
            (1.0, "1.0"), (-0.0, "-0.0"), (0.1, "0.1"), (1e21, "1.0e+21"), (1.5e-7, "1.5e-07"),
            (123456.789, "123456.789"), (.double(Double.greatestFiniteMagnitude), "1.7976931348623157e+308"),
            (.double(.leastNonzeroMagnitude), "5.0e-324"), (true, "true"), (false, "false"), (.null, "null"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(try JSONRenderer.render(value, pretty: false), expected)
            XCTAssertEqual(try TemplateParser.parseValue("[" + expected + "]"), [value], expected)
        }
    }

    func testBytesMatchString() throws {
        let bytes = try JSONRenderer.renderBytes(Fixtures.rich, pretty: false)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), try JSONRenderer.render(Fixtures.rich, pretty: false))
        XCTAssertEqual(bytes.last, UInt8(ascii: "}"))
        XCTAssertEqual(try JSONRenderer.renderBytes(Fixtures.rich).last, UInt8(ascii: "\n"))
    }
}
