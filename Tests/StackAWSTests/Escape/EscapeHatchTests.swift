import StackAWS
import StackCore
import StackTemplate
import XCTest

final class EscapeHatchTests: XCTestCase {
    func testRawResourceGetsPathMetadataReferencesAndRetention() throws {
        let queue = Queue("Jobs")
        let template = try XCTUnwrap(synthesize(.testingRetained) {
            queue
            RawResource("Setting", type: "AWS::SSM::Parameter",
                        properties: ["Type": "String", "Value": queue.url], stateful: true)
        })
        let raw = try XCTUnwrap(template.resources["Setting"])
        XCTAssertEqual(raw.type, "AWS::SSM::Parameter")
        XCTAssertEqual(raw.properties["Value"], .ref("Jobs"))
        XCTAssertEqual(raw.constructPath, "Test/Setting")
        XCTAssertEqual(raw.deletionPolicy, .retain)
    }

    func testRawResourceTypeIsChecked() {
        let found = failures { RawResource("Bad", type: "SSM::Parameter") }
        XCTAssertEqual(found.map(\.code), ["invalid-resource-type"])
        XCTAssertEqual(found.first?.message, "'SSM::Parameter' is not a CloudFormation resource type")
        XCTAssertEqual(found.first?.path, "Test/Bad")
    }

    func testOverrideSetsAndRemovesNestedProperties() throws {
        let queue = Queue("Jobs", visibilityTimeout: .minutes(1))
        let template = try XCTUnwrap(synthesize {
            queue
            Override("Tags", on: queue, path: "Tags", set: [["Key": "team", "Value": "data"]])
            Override("NoTimeout", on: queue, path: "VisibilityTimeout", set: nil)
            Override("Redrive", on: queue, path: "RedriveAllowPolicy.redrivePermission", set: "denyAll")
        })
        let properties = try XCTUnwrap(template.resources["Jobs"]?.properties)
        XCTAssertEqual(properties["Tags"], [["Key": "team", "Value": "data"]])
        XCTAssertNil(properties["VisibilityTimeout"])
        XCTAssertEqual(properties["RedriveAllowPolicy"], ["redrivePermission": "denyAll"])
    }

    func testOverrideOfAConstructNotInTheStackIsAnError() {
        let elsewhere = Queue("Elsewhere")
        let found = failures { Override("Tags", on: elsewhere, path: "Tags", set: []) }
        XCTAssertEqual(found.map(\.code), ["target-not-in-stack"])
        XCTAssertEqual(found.first?.path, "Test/Tags")
    }
}
