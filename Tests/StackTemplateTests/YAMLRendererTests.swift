import XCTest
@testable import StackTemplate

final class YAMLRendererTests: XCTestCase {
    private func yaml(_ properties: [String: TemplateValue]) throws -> String {
        try YAMLRenderer.render(Template(resources: ["R": Resource(type: "T::T", properties: TemplateMap(properties))]))
    }

    private let header = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: T::T\n    Properties:\n"

    func testSimpleIntrinsicsInLongForm() throws {
        let text = try yaml([
            "A": .ref("Env"),
            "B": .getAtt("Role", "Arn"),
            "C": .sub("${AWS::StackName}-x", [:]),
            "D": .importValue("shared"),
            "E": .base64("hello"),
            "F": .getAZs(""),
        ])
        XCTAssertEqual(text, header + """
                  A:
                    Ref: Env
                  B:
                    Fn::GetAtt:
                      - Role
                      - Arn
                  C:
                    Fn::Sub: ${AWS::StackName}-x
                  D:
                    Fn::ImportValue: shared
                  E:
                    Fn::Base64: hello
                  F:
                    Fn::GetAZs: ''

            """)
    }

    func testListIntrinsics() throws {
        let text = try yaml([
            "Join": .join(",", ["a", .ref("B")]),
            "Select": .select(1, .getAZs(.region)),
            "Split": .split("|", "a|b"),
            "Sub": .sub("${X}", ["X": .ref("Y")]),
            "Map": .findInMap("M", "k1", .ref("K")),
            "Cidr": .cidr(.getAtt("Vpc", "CidrBlock"), 6, 5),
        ])
        XCTAssertEqual(text, header + """
                  Cidr:
                    Fn::Cidr:
                      - Fn::GetAtt:
                          - Vpc
                          - CidrBlock
                      - 6
                      - 5
                  Join:
                    Fn::Join:
                      - ','
                      - - a
                        - Ref: B
                  Map:
                    Fn::FindInMap:
                      - M
                      - k1
                      - Ref: K
                  Select:
                    Fn::Select:
                      - 1
                      - Fn::GetAZs:
                          Ref: AWS::Region
                  Split:
                    Fn::Split:
                      - '|'
                      - a|b
                  Sub:
                    Fn::Sub:
                      - ${X}
                      - X:
                          Ref: 'Y'

            """)
    }

    func testConditionFunctions() throws {
        let t = Template(
            formatVersion: nil,
            conditions: [
                "A": .equals(.ref("Env"), "prod"),
                "B": .and([.condition("A"), .not(.condition("C"))]),
                "C": .or([.equals("x", "y"), .condition("A")]),
            ],
            resources: ["R": Resource(type: "T::T", properties: ["P": .if("A", "yes", .noValue)])])
        XCTAssertEqual(try YAMLRenderer.render(t), """
            Conditions:
              A:
                Fn::Equals:
                  - Ref: Env
                  - prod
              B:
                Fn::And:
                  - Condition: A
                  - Fn::Not:
                      - Condition: C
              C:
                Fn::Or:
                  - Fn::Equals:
                      - x
                      - 'y'
                  - Condition: A
            Resources:
              R:
                Type: T::T
                Properties:
                  P:
                    Fn::If:
                      - A
                      - 'yes'
                      - Ref: AWS::NoValue

            """)
    }

    func testSectionAndAttributeOrder() throws {
        let t = Template(
            description: "D", transforms: ["T1", "T2"], metadata: ["M": 1],
            parameters: ["P": Parameter(
                type: "Number", description: "d", defaultValue: 3, allowedValues: [1, 3], allowedPattern: "[0-9]",
                noEcho: true, minLength: 1, maxLength: 2, minValue: 0, maxValue: 9, constraintDescription: "c")],
            mappings: ["Map": ["a": ["b": "c"]]], conditions: ["C": .equals(1, 1)],
            resources: ["R": Resource(
                type: "T::T", properties: ["P": 1], dependsOn: ["Q"], condition: "C", deletionPolicy: .delete,
                updateReplacePolicy: .retainExceptOnCreate, metadata: ["k": "v"])],
            outputs: ["O": Output(value: .ref("R"), description: "o", exportName: "E", condition: "C")])
        XCTAssertEqual(try YAMLRenderer.render(t), """
            AWSTemplateFormatVersion: '2010-09-09'
            Description: D
            Transform:
              - T1
              - T2
            Metadata:
              M: 1
            Parameters:
              P:
                Type: Number
                Description: d
                Default: 3
                AllowedValues:
                  - 1
                  - 3
                AllowedPattern: '[0-9]'
                MinLength: 1
                MaxLength: 2
                MinValue: 0
                MaxValue: 9
                ConstraintDescription: c
                NoEcho: true
            Mappings:
              Map:
                a:
                  b: c
            Conditions:
              C:
                Fn::Equals:
                  - 1
                  - 1
            Resources:
              R:
                Type: T::T
                Condition: C
                DependsOn:
                  - Q
                DeletionPolicy: Delete
                UpdateReplacePolicy: RetainExceptOnCreate
                Metadata:
                  k: v
                Properties:
                  P: 1
            Outputs:
              O:
                Description: o
                Value:
                  Ref: R
                Export:
                  Name: E
                Condition: C

            """)
    }

    func testEmptyTemplateAndEmptySectionsAreOmitted() throws {
        XCTAssertEqual(try YAMLRenderer.render(Template()), "AWSTemplateFormatVersion: '2010-09-09'\n")
        XCTAssertEqual(try YAMLRenderer.render(Template(formatVersion: nil)), "{}\n")
    }

    func testNestedContainersAndScalars() throws {
        let text = try yaml([
            "L": [[1, [2, 3]], ["k": [], "m": [:]], [], .null, 2.5, -0.0, 1e21, true],
        ])
        XCTAssertEqual(text, header + """
                  L:
                    - - 1
                      - - 2
                        - 3
                    - k: []
                      m: {}
                    - []
                    - null
                    - 2.5
                    - -0.0
                    - 1.0e+21
                    - true

            """)
    }

    func testMultiLineStrings() throws {
        let text = try yaml([
            "Clip": "a\n  b\n",
            "Keep": "a\n\n",
            "Strip": "a\n\nb",
            "Escaped": " starts with space\nx",
            "Item": ["x\ny"],
        ])
        XCTAssertEqual(text, header + """
                  Clip: |
                    a
                      b
                  Escaped: " starts with space\\nx"
                  Item:
                    - |-
                      x
                      y
                  Keep: |+
                    a

                  Strip: |-
                    a

                    b

            """)
    }

    func testSingleValue() throws {
        XCTAssertEqual(try YAMLRenderer.render(.getAtt("A", "B")), "Fn::GetAtt:\n  - A\n  - B\n")
        XCTAssertEqual(try YAMLRenderer.render("true"), "'true'\n")
        XCTAssertEqual(try YAMLRenderer.render(["a", 1]), "- a\n- 1\n")
    }

    func testTokenMakesRenderThrow() {
        let token = Token(target: "Processing", resource: "Role", attribute: .getAtt("Arn"))
        let t = Template(resources: ["R": Resource(type: "T::T", properties: ["P": ["x": [.token(token)]]])])
        XCTAssertThrowsError(try YAMLRenderer.render(t)) { error in
            XCTAssertEqual(error as? TemplateRenderError, .unresolvedToken("Processing/Role.Arn"))
        }
        XCTAssertThrowsError(try JSONRenderer.render(t))
        let inOutput = Template(outputs: ["O": Output(value: "v", exportName: .token(Token(target: "X", attribute: .ref)))])
        XCTAssertThrowsError(try YAMLRenderer.render(inOutput)) { error in
            XCTAssertEqual(error as? TemplateRenderError, .unresolvedToken("X"))
        }
        let inDefault = Template(parameters: ["P": Parameter(defaultValue: .token(Token(target: "Y", attribute: .ref)))])
        XCTAssertThrowsError(try JSONRenderer.render(inDefault, pretty: false))
    }

    func testNonFiniteNumberMakesRenderThrow() {
        let t = Template(resources: ["R": Resource(type: "T::T", properties: ["P": .double(.infinity)])])
        XCTAssertThrowsError(try YAMLRenderer.render(t)) { error in
            XCTAssertEqual(error as? TemplateRenderError, .nonFiniteNumber("inf"))
        }
        XCTAssertThrowsError(try JSONRenderer.render(.double(.nan)))
    }
}
