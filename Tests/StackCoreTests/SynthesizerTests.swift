@testable import StackCore
import StackTemplate
import XCTest

final class SynthesizerTests: XCTestCase {
    func testLogicalIDsComeFromPathsInPascalCase() {
        XCTAssertEqual(LogicalID.from(relativePath: "Processing/Role"), "ProcessingRole")
        XCTAssertEqual(LogicalID.from(relativePath: "raw-data/event_source"), "RawDataEventSource")
        XCTAssertEqual(LogicalID.from(relativePath: "a1/b2"), "A1B2")
        XCTAssertTrue(LogicalID.isValid("ProcessingRole"))
        XCTAssertFalse(LogicalID.isValid("Processing-Role"))
        XCTAssertFalse(LogicalID.isValid(String(repeating: "A", count: 256)))
    }

    func testEveryResourceCarriesItsPathInMetadata() throws {
        let result = try synth([AdHocStack("Alpha", [Thing(id: "Queue", children: ["Dead"])])])
        let template = result.stacks[0].template
        XCTAssertEqual(template.resources["Queue"]?.metadata["stackctl:path"], "Alpha/Queue")
        XCTAssertEqual(template.resources["QueueDead"]?.metadata["stackctl:path"], "Alpha/Queue/Dead")
    }

    func testTokensResolveToRefAndGetAttInsideAStack() throws {
        let a = Thing(id: "Source")
        let b = Thing(id: "Consumer", properties: ["Target": a.attribute("Arn"), "Name": a.ref(), "Joined": "x-\(a.ref())-y"])
        let template = try synth([AdHocStack("S", [a, b])]).stacks[0].template
        XCTAssertEqual(template.resources["Consumer"]?.properties["Target"], .getAtt("Source", "Arn"))
        XCTAssertEqual(template.resources["Consumer"]?.properties["Name"], .ref("Source"))
        XCTAssertEqual(template.resources["Consumer"]?.properties["Joined"], .join("", ["x-", .ref("Source"), "-y"]))
    }

    func testCrossStackReferenceBecomesExportAndImportAndOrdersStacks() throws {
        let shared = Thing(id: "SharedQueue")
        let user = Thing(id: "User", properties: ["Source": shared.attribute("Arn")])
        // The consumer is listed first: the stack order must still put the exporter first.
        let result = try synth([AdHocStack("Consumer", [user]), AdHocStack("Producer", [shared])])
        XCTAssertEqual(result.stacks.map(\.name), ["Producer", "Consumer"])
        XCTAssertEqual(result.stacks[1].dependencies, ["Producer"])
        let exportName = "test-Producer:SharedQueue:Arn"
        XCTAssertEqual(result.stacks[1].template.resources["User"]?.properties["Source"], .importValue(.string(exportName)))
        let output = result.stacks[0].template.outputs["ExportSharedQueueArn"]
        XCTAssertEqual(output?.value, .getAtt("SharedQueue", "Arn"))
        XCTAssertEqual(output?.exportName, .string(exportName))
    }

    func testSameExportIsAddedOnceForManyImports() throws {
        let shared = Thing(id: "SharedQueue")
        let users = (0..<3).map { Thing(id: "User\($0)", properties: ["Source": shared.ref()]) }
        let result = try synth([AdHocStack("Producer", [shared]), AdHocStack("Consumer", users)])
        XCTAssertEqual(result.stacks[0].template.outputs.count, 1)
    }

    func testDuplicateConstructIDIsAnError() {
        let found = diagnostics([AdHocStack("S", [Thing(id: "Queue"), Thing(id: "Queue")])])
        XCTAssertEqual(found.map(\.code), ["duplicate-id"])
        XCTAssertEqual(found[0].path, "S/Queue")
        XCTAssertEqual(found[0].message, "two constructs in S have the id 'Queue'")
    }

    func testLogicalIDCollisionNamesBothPaths() {
        let found = diagnostics([AdHocStack("S", [Thing(id: "raw-data"), Thing(id: "RawData")])])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].code, "duplicate-logical-id")
        XCTAssertEqual(found[0].path, "S/RawData")
        XCTAssertEqual(found[0].message, "logical ID 'RawData' is also produced by S/raw-data")
        XCTAssertEqual(found[0].description, """
            error: S/RawData: logical ID 'RawData' is also produced by S/raw-data [duplicate-logical-id]
              hint: rename one of the constructs; logical IDs are the path in PascalCase without punctuation
            """)
    }

    func testDanglingReferenceNamesTheHolderAndTheTarget() {
        let ghost = Thing(id: "Ghost")
        let found = diagnostics([AdHocStack("S", [Thing(id: "User", properties: ["Q": ghost.attribute("Arn")])])])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].code, "dangling-reference")
        XCTAssertEqual(found[0].path, "S/User")
        XCTAssertEqual(found[0].message, "refers to 'Ghost.Arn', which is not a construct of any stack")
        XCTAssertEqual(found[0].hint, "declare 'Ghost' in a stack (a stored property or a line in its body), or refer to a construct that is in one")
    }

    func testAmbiguousReferenceAcrossStacks() {
        let twin = Thing(id: "Twin")
        let found = diagnostics([
            AdHocStack("A", [twin]), AdHocStack("B", [twin]),
            AdHocStack("C", [Thing(id: "User", properties: ["Q": twin.ref()])]),
        ])
        XCTAssertEqual(found.map(\.code), ["ambiguous-reference"])
        XCTAssertEqual(found[0].message, "refers to 'Twin', which exists in several stacks: A/Twin and B/Twin")
    }

    func testResourceDependencyCycleIsReportedWithPaths() {
        let a = Thing(id: "First", properties: ["Peer": Thing(id: "Second").ref()])
        let b = Thing(id: "Second", dependsOn: ["First"])
        let found = diagnostics([AdHocStack("S", [a, b])])
        XCTAssertEqual(found.map(\.code), ["dependency-cycle"])
        XCTAssertEqual(found[0].path, "S/First")
        XCTAssertEqual(found[0].message, "resources depend on each other in a cycle: S/First → S/Second → S/First")
    }

    func testStackDependencyCycleIsAnError() {
        let a = Thing(id: "InA", properties: ["P": Thing(id: "InB").ref()])
        let b = Thing(id: "InB", properties: ["P": Thing(id: "InA").ref()])
        let found = diagnostics([AdHocStack("A", [a]), AdHocStack("B", [b])])
        XCTAssertEqual(found.map(\.code), ["stack-dependency-cycle"])
        XCTAssertEqual(found[0].message, "stacks import from each other in a cycle: A → B → A")
    }

    func testInvalidStackNameIsAnError() {
        let found = diagnostics([AdHocStack("9lives", [Thing(id: "Q")]), AdHocStack("with_underscore", [Thing(id: "Q")])])
        XCTAssertEqual(found.map(\.code), ["invalid-stack-name", "invalid-stack-name"])
        XCTAssertEqual(found[0].path, "9lives")
        XCTAssertEqual(found[0].message, "stack name '9lives' must start with a letter and contain only letters, digits and hyphens")
    }

    func testTooManyResourcesOutputsAreErrors() {
        let found = diagnostics([AdHocStack("Big", [ManyThings(id: "Q", count: 501), Outputs(id: "O", count: 201)])])
        XCTAssertEqual(found.map(\.code), ["too-many-outputs", "too-many-resources"])
        XCTAssertEqual(found[1].message, "Big has 501 resources; CloudFormation allows 500 per stack")
        XCTAssertEqual(found[0].message, "Big has 201 outputs; CloudFormation allows 200 per stack")
    }

    func testTooManyParametersIsAnError() {
        struct Parameters: Construct {
            let id: String
            func synthesize(in scope: Scope) {
                for i in 0..<201 { scope.parameter("P\(i)", Parameter(type: "String")) }
            }
        }
        let found = diagnostics([AdHocStack("Big", [Parameters(id: "Params")])])
        XCTAssertEqual(found.map(\.code), ["too-many-parameters"])
        XCTAssertEqual(found[0].path, "Big")
        XCTAssertEqual(found[0].message, "Big has 201 parameters; CloudFormation allows 200 per stack")
    }

    func testExactlyAtTheLimitIsFine() throws {
        let result = try synth([AdHocStack("Big", [ManyThings(id: "Q", count: 500), Outputs(id: "O", count: 200)])])
        XCTAssertEqual(result.stacks[0].template.resources.count, 500)
    }

    func testBodySizeNoteAndError() {
        var diagnostics = Diagnostics()
        Limits.checkBody(bytes: 51_200, stack: "S", into: &diagnostics)
        XCTAssertTrue(diagnostics.isEmpty)
        Limits.checkBody(bytes: 51_201, stack: "S", into: &diagnostics)
        XCTAssertEqual(diagnostics.items.map(\.code), ["template-uploaded"])
        XCTAssertEqual(diagnostics.items[0].severity, .note)
        Limits.checkBody(bytes: 1_000_001, stack: "S", into: &diagnostics)
        XCTAssertEqual(diagnostics.items.last?.code, "template-too-large")
        XCTAssertTrue(diagnostics.hasErrors)
    }

    func testAllDiagnosticsAreCollectedAndSortedByPath() {
        let ghost = Thing(id: "Ghost")
        let found = diagnostics([
            AdHocStack("Zed", [Thing(id: "User", properties: ["Q": ghost.ref()])]),
            AdHocStack("Alpha", [Thing(id: "User", properties: ["Q": ghost.ref()])]),
        ])
        XCTAssertEqual(found.map(\.path), ["Alpha/User", "Zed/User"])
        let report = Diagnostics(found).report
        XCTAssertTrue(report.hasSuffix("2 errors, 0 warnings"), report)
    }

    func testKnownValuesReplaceReferencesAndNeedNoImport() throws {
        struct Named: Referenceable {
            let id: String
            func synthesize(in scope: Scope) {
                scope.resource(Resource(type: "AWS::S3::Bucket", properties: ["BucketName": "fixed-name"]))
                scope.provide(.ref, value: "fixed-name")
            }
        }
        let bucket = Named(id: "Bucket")
        let result = try synth([AdHocStack("Data", [bucket]), AdHocStack("User", [Thing(id: "U", properties: ["B": bucket.ref()])])])
        let user = result.stacks.first { $0.name == "User" }!
        XCTAssertEqual(user.template.resources["U"]?.properties["B"], "fixed-name")
        XCTAssertEqual(user.dependencies, [])
    }

    func testAChildResourceDoesNotCaptureAReferenceToATopLevelConstructOfTheSameName() throws {
        struct WithRole: Construct {
            let id: String
            let target: TemplateValue
            func synthesize(in scope: Scope) {
                scope.resource("Role", Resource(type: "AWS::IAM::Role"))
                scope.resource("Policy", Resource(type: "AWS::SQS::Queue", properties: ["Target": target]))
            }
        }
        let role = Thing(id: "Role")
        let template = try synth([AdHocStack("S", [role, WithRole(id: "Fn", target: role.attribute("Arn"))])]).stacks[0].template
        XCTAssertEqual(template.resources["FnPolicy"]?.properties["Target"], .getAtt("Role", "Arn"))
    }

    func testNestedConstructsReferToSiblingsByID() throws {
        struct Unit: Construct {
            let id: String
            func synthesize(in scope: Scope) {
                let queue = Thing(id: "Queue")
                scope.add(queue)
                scope.add(Thing(id: "User", properties: ["Q": queue.attribute("Arn")]))
            }
        }
        let template = try synth([AdHocStack("S", [Unit(id: "A"), Unit(id: "B")])]).stacks[0].template
        XCTAssertEqual(template.resources["AUser"]?.properties["Q"], .getAtt("AQueue", "Arn"))
        XCTAssertEqual(template.resources["BUser"]?.properties["Q"], .getAtt("BQueue", "Arn"))
    }

    func testKebabNames() {
        XCTAssertEqual(Naming.kebab("RawData"), "raw-data")
        XCTAssertEqual(Naming.kebab("TrendAlerts"), "trend-alerts")
        XCTAssertEqual(Naming.kebab("stock-market-stream"), "stock-market-stream")
        XCTAssertEqual(StackSettings.testing.physicalName("RawData"), "test-raw-data")
        XCTAssertEqual(Naming.kebab("SMA5Cross_v2", separator: "_"), "sma5_cross_v2")
        XCTAssertEqual(Naming.kebab("--Lead..Trail--"), "lead-trail-")
        // Non-ASCII ids take the Unicode path and agree with it on the ASCII parts.
        XCTAssertEqual(Naming.kebab("ÜberData"), "über-data")
        for id in ["RawData", "a1B2c3", "X-Y_z", "ABC", "Ticks2024Q1"] {
            XCTAssertEqual(Naming.kebab(id), Naming.kebabUnicode(id, separator: "-"), id)
        }
    }

    func testSynthesisIsDeterministic() throws {
        let make = { () throws -> SynthesisResult in
            let shared = Thing(id: "Shared")
            return try synth([
                AdHocStack("B", (0..<20).map { Thing(id: "T\($0)", properties: ["S": shared.attribute("Arn")]) }),
                AdHocStack("A", [shared]),
            ])
        }
        XCTAssertEqual(try make().stacks, try make().stacks)
    }
}
