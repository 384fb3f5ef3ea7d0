import XCTest
@testable import StackTemplate

final class ParserTests: XCTestCase {
    static let shortFormYAML = """
        AWSTemplateFormatVersion: 2010-09-09   # unquoted: a date to YAML 1.1, a string to us
        Description: >-
          Folded
          description
        Transform: [AWS::Serverless-2016-10-31]
        Parameters:
          Env:
            Type: String
            AllowedValues: [dev, prod]
            Default: dev
          Password:
            Type: String
            NoEcho: "true"
            MinLength: "8"
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd: !Not [!Condition IsProd]
          Any: !Or [!Condition IsProd, !Equals [!Ref "AWS::Region", eu-west-1]]
          All: !And
            - !Condition IsProd
            - Condition: NotProd
        Mappings:
          Sizes:
            dev: {Memory: 128}
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Condition: IsProd
            DependsOn: Topic
            DeletionPolicy: Retain
            Properties:
              QueueName: !Sub "${AWS::StackName}-queue"
              Policy: !Sub
                - "arn:${P}:sqs"
                - P: !Ref AWS::Partition
              Tags:
                - Key: Name
                  Value: !Join ["-", [!Ref AWS::StackName, q]]
              Zone: !Select [0, !GetAZs ""]
              Zone2: !Select ["1", !GetAZs {Ref: "AWS::Region"}]
              Parts: !Split [",", !ImportValue shared-list]
              Memory: !FindInMap [Sizes, !Ref Env, Memory]
              Data: !Base64 |
                #!/bin/sh
                echo hi
              Cidr: !Cidr [!GetAtt Vpc.CidrBlock, 6, 5]
              Endpoint: !GetAtt Db.Endpoint.Address
              Arn: !GetAtt [Topic, TopicArn]
              Maybe: !If [IsProd, 10, !Ref AWS::NoValue]
              Condition: NotAnIntrinsicHere
              Count: 012
              Big: 1_000
              Time: 1:30
              Ratio: 1.5
              Exp: 1.0e+3
              NoDot: 1e3
              Hex: 0x1F
              Yes: yes
              Off: off
              Nothing: ~
              Empty:
              Quoted: 'true'
              Str: !!str 10
          Topic:
            Type: AWS::SNS::Topic
        Outputs:
          QueueUrl:
            Value: !Ref Queue
            Export:
              Name: !Sub ${AWS::StackName}-QueueUrl
            Condition: IsProd
        """

    static let longFormJSON = """
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Description": "Folded description",
          "Transform": "AWS::Serverless-2016-10-31",
          "Parameters": {
            "Env": {"Type": "String", "AllowedValues": ["dev", "prod"], "Default": "dev"},
            "Password": {"Type": "String", "NoEcho": true, "MinLength": 8}
          },
          "Conditions": {
            "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
            "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
            "Any": {"Fn::Or": [{"Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]}]},
            "All": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "NotProd"}]}
          },
          "Mappings": {"Sizes": {"dev": {"Memory": 128}}},
          "Resources": {
            "Queue": {
              "Type": "AWS::SQS::Queue",
              "Condition": "IsProd",
              "DependsOn": ["Topic"],
              "DeletionPolicy": "Retain",
              "Properties": {
                "QueueName": {"Fn::Sub": "${AWS::StackName}-queue"},
                "Policy": {"Fn::Sub": ["arn:${P}:sqs", {"P": {"Ref": "AWS::Partition"}}]},
                "Tags": [{"Key": "Name", "Value": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "q"]]}}],
                "Zone": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
                "Zone2": {"Fn::Select": [1, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]},
                "Parts": {"Fn::Split": [",", {"Fn::ImportValue": "shared-list"}]},
                "Memory": {"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Memory"]},
                "Data": {"Fn::Base64": "#!/bin/sh\\necho hi\\n"},
                "Cidr": {"Fn::Cidr": [{"Fn::GetAtt": "Vpc.CidrBlock"}, 6, 5]},
                "Endpoint": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
                "Arn": {"Fn::GetAtt": ["Topic", "TopicArn"]},
                "Maybe": {"Fn::If": ["IsProd", 10, {"Ref": "AWS::NoValue"}]},
                "Condition": "NotAnIntrinsicHere",
                "Count": 10,
                "Big": 1000,
                "Time": 90,
                "Ratio": 1.5,
                "Exp": 1000.0,
                "NoDot": "1e3",
                "Hex": 31,
                "Yes": true,
                "Off": false,
                "Nothing": null,
                "Empty": null,
                "Quoted": "true",
                "Str": "10"
              }
            },
            "Topic": {"Type": "AWS::SNS::Topic"}
          },
          "Outputs": {
            "QueueUrl": {
              "Value": {"Ref": "Queue"},
              "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-QueueUrl"}},
              "Condition": "IsProd"
            }
          }
        }
        """

    func testShortFormYAMLEqualsLongFormJSON() throws {
        let fromYAML = try TemplateParser.parse(Self.shortFormYAML)
        let fromJSON = try TemplateParser.parse(Self.longFormJSON)
        XCTAssertEqual(fromYAML, fromJSON)
        // Spot checks, so that a reader bug shared by both paths still shows.
        let queue = try XCTUnwrap(fromYAML.resources["Queue"])
        XCTAssertEqual(queue.properties["Endpoint"], .getAtt("Db", "Endpoint.Address"))
        XCTAssertEqual(queue.properties["Cidr"], .cidr(.getAtt("Vpc", "CidrBlock"), 6, 5))
        XCTAssertEqual(queue.properties["Condition"], "NotAnIntrinsicHere")
        XCTAssertEqual(queue.condition, "IsProd")
        XCTAssertEqual(queue.dependsOn, ["Topic"])
        XCTAssertEqual(queue.properties["Count"], 10)
        XCTAssertEqual(queue.properties["Exp"], .double(1000))
        XCTAssertEqual(fromYAML.conditions["All"], .and([.condition("IsProd"), .condition("NotProd")]))
        XCTAssertEqual(fromYAML.parameters["Password"]?.noEcho, true)
        XCTAssertEqual(fromYAML.formatVersion, "2010-09-09")
        XCTAssertEqual(fromYAML.transforms, ["AWS::Serverless-2016-10-31"])
        XCTAssertEqual(fromYAML.outputs["QueueUrl"]?.exportName, .sub("${AWS::StackName}-QueueUrl", [:]))
    }

    func testConditionKeyIsAnIntrinsicOnlyInConditionContext() throws {
        let t = try TemplateParser.parse("""
            Conditions:
              A: {Condition: B}
              B: !Equals [1, 1]
            Resources:
              R:
                Type: T::T
                Properties:
                  Statement: {Condition: B}
                  Picked: !If [B, {Condition: B}, !Condition B]
            """)
        XCTAssertEqual(t.conditions["A"], .condition("B"))
        XCTAssertEqual(t.resources["R"]?.properties["Statement"], ["Condition": "B"])
        // An explicit !Condition tag is always the intrinsic.
        XCTAssertEqual(t.resources["R"]?.properties["Picked"], .if("B", ["Condition": "B"], .condition("B")))
    }

    func testUnknownFunctionsStayMaps() throws {
        let t = try TemplateParser.parse("""
            Resources:
              R:
                Type: T::T
                Properties:
                  A: !Length [1, 2]
                  B: {"Fn::ToJsonString": {x: 1}}
                  C: {Ref: X, Other: 1}
            """)
        XCTAssertEqual(t.resources["R"]?.properties["A"], ["Fn::Length": [1, 2]])
        XCTAssertEqual(t.resources["R"]?.properties["B"], ["Fn::ToJsonString": ["x": 1]])
        XCTAssertEqual(t.resources["R"]?.properties["C"], ["Ref": "X", "Other": 1])
    }

    func testYAMLFlowTemplateStartingWithBraceFallsBackToYAML() throws {
        let t = try TemplateParser.parse("{Resources: {R: {Type: 'T::T', Properties: {N: 012}}}}")
        XCTAssertEqual(t.resources["R"]?.properties["N"], 10)
        XCTAssertNil(t.formatVersion)
    }

    func testJSONDistinguishesNumbersAndBools() throws {
        let value = try TemplateParser.parseValue(#"{"a": [1, 1.0, -0, 1e2, true, false, null, "1", 12345678901234]}"#)
        XCTAssertEqual(value, ["a": [1, 1.0, 0, 100.0, true, false, .null, "1", 12_345_678_901_234]])
        guard case .map(let fields) = value, case .list(let items) = fields["a"] else { return XCTFail() }
        XCTAssertEqual(items[0], .int(1))
        XCTAssertEqual(items[1], .double(1))
        XCTAssertEqual(items[4], .bool(true))
    }

    func testPlainScalarResolutionFollowsPyYAML() throws {
        let cases: [(String, TemplateValue)] = [
            ("0", 0), ("-0", 0), ("+12", 12), ("1_000", 1000), ("017", 15), ("0o17", "0o17"), ("08", "08"),
            ("0x_1F", 31), ("-0x10", -16), ("0b101", 5), ("1:30", 90), ("-1:00:01", -3601), ("1:60", "1:60"),
            ("1.5", 1.5), ("1.", 1.0), (".5", 0.5), ("-.5", "-.5"), ("1_0.2_5", 10.25), ("1.0e+3", 1000.0),
            ("1.0e3", "1.0e3"), ("1e3", "1e3"), ("1:30.5", 90.5), ("-.inf", .double(-.infinity)),
            ("2010-09-09", "2010-09-09"), ("yes", true), ("Off", false), ("y", "y"), ("~", .null), ("NULL", .null),
            ("nulls", "nulls"), ("_1", "_1"), ("_:30.5", "_:30.5"), ("0x", "0x"), ("-", "-"), ("1e", "1e"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try YAMLSourceReader.resolvePlain(text, at: SourceMark(line: 1, column: 1)), expected, text)
        }
        XCTAssertThrowsError(try YAMLSourceReader.resolvePlain("99999999999999999999", at: SourceMark(line: 3, column: 4))) {
            XCTAssertEqual(($0 as? TemplateParseError)?.line, 3)
        }
    }

    func testJSONUnicodeEscapes() throws {
        XCTAssertEqual(try TemplateParser.parseValue(#"{"k": "\u00e9\ud83d\ude80\/\u0000"}"#), ["k": "é🚀/\u{0}"])
    }

    // MARK: errors

    func testGetAttErrorNamesLineAndColumn() {
        let error = parseError("""
            Resources:
              R:
                Type: T::T
                Properties:
                  A: !GetAtt [OnlyOne]
            """)
        XCTAssertEqual(error?.line, 5)
        XCTAssertEqual(error?.column, 10)
        XCTAssertEqual(error?.description, "line 5, column 10: Fn::GetAtt needs [LogicalId, Attribute]")
    }

    func testIntrinsicShapeErrors() {
        let cases: [(String, String)] = [
            ("!GetAtt NoDot", "Fn::GetAtt needs"),
            ("{\"Fn::Join\": [\",\"]}", "Fn::Join needs [Delimiter, [Values]]"),
            ("!Select [x, [a]]", "Fn::Select needs [Index, List]"),
            ("!If [C, a]", "Fn::If needs [ConditionName, ValueIfTrue, ValueIfFalse]"),
            ("!FindInMap [a, b]", "Fn::FindInMap needs"),
            ("!Sub [a, b]", "Fn::Sub needs a string or [String, {Variables}]"),
            ("!Ref [a]", "Ref needs a logical ID"),
            ("!Not a", "Fn::Not needs [Condition]"),
            ("!Bogus x", "unknown tag !Bogus"),
            ("!Condition [a]", "Condition needs a condition name"),
        ]
        for (value, message) in cases {
            let error = parseError("Resources:\n  R:\n    Type: T::T\n    Properties:\n      P: \(value)\n")
            XCTAssertEqual(error?.line, 5, value)
            XCTAssertTrue(error?.message.contains(message) == true, "\(value): \(String(describing: error))")
        }
    }

    func testUnknownSectionsAreNamed() {
        let error = parseError("Resources: {}\nRules: {}\nHooks: {}\n")
        XCTAssertEqual(error?.line, 2)
        XCTAssertTrue(error?.message.contains("unknown top-level sections Rules, Hooks") == true, "\(String(describing: error))")
    }

    func testResourceWithoutTypeIsNamed() {
        let error = parseError("Resources:\n  Good:\n    Type: T::T\n  Broken:\n    Properties: {}\n")
        XCTAssertEqual(error?.line, 5)
        XCTAssertEqual(error?.message, "resource Broken has no Type")
        let json = parseError(#"{"Resources": {"Broken": {"Properties": {}}}}"#)
        XCTAssertEqual(json?.message, "resource Broken has no Type")
        XCTAssertEqual(json?.line, 1)
    }

    func testUnsupportedResourceAttributeIsAnError() {
        let error = parseError("Resources:\n  R:\n    Type: T::T\n    CreationPolicy: {}\n")
        XCTAssertEqual(error?.line, 4)
        XCTAssertTrue(error?.message.contains("unsupported attribute CreationPolicy") == true)
    }

    func testInvalidPolicyAndParameterFields() {
        XCTAssertTrue(parseError("Resources:\n  R:\n    Type: T\n    DeletionPolicy: Keep\n")?.message
            .contains("must be one of Delete, Retain, Snapshot, RetainExceptOnCreate") == true)
        XCTAssertEqual(parseError("Parameters:\n  P:\n    Type: String\n    NoEcho: maybe\n")?.line, 4)
        XCTAssertEqual(parseError("Parameters:\n  P:\n    Description: x\n")?.message, "parameter P has no Type")
        XCTAssertEqual(parseError("Outputs:\n  O:\n    Description: x\n")?.message, "output O has no Value")
    }

    func testYAMLSyntaxErrorsCarryPosition() {
        let error = parseError("Resources:\n  R:\n    Type: [unclosed\n  S: x\n")
        XCTAssertNotNil(error?.line)
        XCTAssertGreaterThanOrEqual(error?.line ?? 0, 3)
        let duplicate = parseError("Resources:\n  R:\n    Type: A\n    Type: B\n")
        XCTAssertTrue(duplicate?.message.contains("duplicate key") == true, "\(String(describing: duplicate))")
    }

    func testJSONSyntaxErrorsCarryPosition() {
        // Invalid as JSON and as YAML: the JSON reader's message is the one reported.
        let error = parseError("{\n  \"Resources\": {\n    \"R\": {\"Type\" \"T\"}\n  }\n}")
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 18)
        XCTAssertEqual(error?.message, "expected ':' after key")
        // A trailing comma is invalid JSON but valid YAML flow syntax, so the YAML reading is used.
        XCTAssertNoThrow(try TemplateParser.parse("{\"Resources\": {\"R\": {\"Type\": \"T\",}}}"))
        let duplicate = parseError("{\"Resources\": {}, \"Resources\": {}}")
        XCTAssertEqual(duplicate?.message, "duplicate key \"Resources\"")
        XCTAssertEqual(duplicate?.column, 19)
    }

    func testYAMLMergeKeysAreRejected() {
        let error = parseError("Mappings:\n  A: &a {x: 1}\n  B:\n    <<: *a\n")
        XCTAssertEqual(error?.line, 4)
    }

    /// CloudFormation refuses aliases, and expanding them is how a small file becomes gigabytes.
    func testAliasesAreRefusedAsCloudFormationRefusesThem() throws {
        XCTAssertThrowsError(try TemplateParser.parse("Mappings:\n  A: &a {x: 1}\n  B: *a\n")) { error in
            XCTAssertEqual(error as? TemplateParseError, TemplateParseError(
                line: 3, column: 6, message: "Template error: YAML aliases are not allowed in CloudFormation templates"))
        }
    }
}
