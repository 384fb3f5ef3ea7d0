import StackAWS
import StackCore
import StackTemplate
import TestSupport
import XCTest

final class StackParameterTests: XCTestCase {
    let email = StackParameter("AlertEmail", allowedPattern: "[^@ ]+@[^@ ]+", maxLength: 254, description: "who gets the alerts")
    let token = StackParameter("ApiToken", noEcho: true, minLength: 8)
    let shards = StackParameter("Shards", type: .number, defaultValue: "1", minValue: 1, maxValue: 4)

    func testRenderedIntoParametersWithARefUsableInProperties() throws {
        let template = try XCTUnwrap(synthesize {
            email; token; shards
            let subnets = StackParameter("Subnets", type: .aws("List<AWS::EC2::Subnet::Id>"))
            let stage = StackParameter("Stage", defaultValue: "dev", allowedValues: ["dev", "prod"])
            subnets; stage
            RawResource("Setting", type: "AWS::SSM::Parameter",
                        properties: ["Name": "/test/alert-email", "Type": "String", "Value": email.value])
            RawResource("Stream", type: "AWS::Kinesis::Stream", properties: ["ShardCount": shards.value])
            RawResource("Token", type: "AWS::SSM::Parameter", properties: ["Name": "/test/token", "Type": "String", "Value": token.value])
            RawResource("Group", type: "AWS::RDS::DBSubnetGroup",
                        properties: ["DBSubnetGroupDescription": "test", "SubnetIds": subnets.value])
            StackOutput("StageName", value: stage.value)
        })
        XCTAssertEqual(template.parameters["AlertEmail"], Parameter(type: "String", description: "who gets the alerts",
                                                                    allowedPattern: "[^@ ]+@[^@ ]+", maxLength: 254))
        XCTAssertEqual(template.parameters["ApiToken"], Parameter(type: "String", noEcho: true, minLength: 8))
        XCTAssertEqual(template.parameters["Shards"], Parameter(type: "Number", defaultValue: "1", minValue: 1, maxValue: 4))
        XCTAssertEqual(template.parameters["Subnets"]?.type, "List<AWS::EC2::Subnet::Id>")
        XCTAssertEqual(template.parameters["Stage"]?.allowedValues, ["dev", "prod"])
        XCTAssertEqual(template.resources["Setting"]?.properties["Value"], .ref("AlertEmail"))
        XCTAssertEqual(template.resources["Stream"]?.properties["ShardCount"], .ref("Shards"))
        XCTAssertNil(template.resources["AlertEmail"], "a parameter is no resource")
        let json = try JSONRenderer.render(template, pretty: false)
        XCTAssertTrue(json.contains(#""ApiToken":{"MinLength":8,"NoEcho":true,"Type":"String"}"#)
                      || json.contains(#""ApiToken":{"Type":"String","MinLength":8,"NoEcho":true}"#), json)
        assertLintClean(["parameters": template])
    }

    func testBadDeclarationsAreDiagnostics() {
        let errors = failures {
            StackParameter("KeyName", type: .aws("EC2::KeyPair"))
            StackParameter("Size", type: .number, maxLength: 3)
            StackParameter("Mode", minValue: 5, maxValue: 1)
            StackParameter("Count", type: .number, defaultValue: "9", maxValue: 4)
        }
        XCTAssertEqual(errors.map { "\($0.path) \($0.property ?? "") \($0.code)" }, [
            "Test/Count defaultValue invalid-parameter",
            "Test/KeyName type invalid-parameter",
            "Test/Mode minValue invalid-parameter",
            "Test/Mode minValue out-of-range",
            "Test/Size minLength invalid-parameter",
        ])
        XCTAssertEqual(errors.first?.message, "the default value breaks the parameter's own constraints: `9` is above MaxValue 4")
    }
}
