import StackTemplate
import XCTest
import StackAssets
@testable import StackCore

/// A construct handed a copy of another reads the declared one; a copy that differs is an error.
final class DeclaredLookupTests: XCTestCase {
    func testTheDeclaredConstructIsWhatTheConsumerReads() throws {
        let declared = Thing(id: "Jobs", type: "AWS::SQS::Queue")
        let template = try synth([AdHocStack("S", [declared, Consumer(id: "Worker", source: declared)])]).stacks[0].template
        XCTAssertEqual(template.resources["Worker"]?.properties["SourceType"], "AWS::SQS::Queue")
        XCTAssertEqual(template.resources["Worker"]?.properties["Source"], .getAtt("Jobs", "Arn"))
    }

    func testACopyWithOtherSettingsIsAMismatchNamingBothPathsAndTheSetting() {
        let found = diagnostics([AdHocStack("S", [
            Thing(id: "Jobs", type: "AWS::SQS::Queue"),
            Consumer(id: "Worker", source: Thing(id: "Jobs", type: "AWS::SNS::Topic")),
        ])])
        XCTAssertEqual(found.map(\.code), ["construct-mismatch"])
        XCTAssertEqual(found.first?.path, "S/Worker")
        XCTAssertEqual(found.first?.property, "source")
        XCTAssertEqual(found.first?.message, """
            the Thing handed here differs from the one declared at S/Jobs: type is "AWS::SNS::Topic" here, \
            "AWS::SQS::Queue" at S/Jobs
            """)
        XCTAssertEqual(found.first?.hint, "pass the construct declared by the stack's body instead of a new Thing(\"Jobs\", ...)")
    }

    func testTheConsumerReadsTheDeclaredSettingsEvenWhenHandedADifferentCopy() throws {
        // The mismatch is reported, and what is rendered (and checked) is the declared construct.
        let stack = AdHocStack("S", [
            Thing(id: "Jobs", type: "AWS::SQS::Queue"),
            Consumer(id: "Worker", source: Thing(id: "Jobs", type: "AWS::SNS::Topic")),
        ])
        let synthesizer = Synthesizer(settings: .testing, assets: StaticAssets([]))
        XCTAssertThrowsError(try synthesizer.synthesize([stack]))
        let assembly = StackAssembly(stackName: "S", description: "", settings: .testing, assets: StaticAssets([]),
                                     declarations: stack.constructs.map { Declaration(construct: $0, site: .body) })
        for construct in stack.constructs { assembly.root.add(construct) }
        XCTAssertEqual(assembly.resources["Worker"]?.properties["SourceType"], "AWS::SQS::Queue")
    }

    func testADifferentTypeUnderTheIDIsAMismatch() {
        let found = diagnostics([AdHocStack("S", [
            Topic(id: "Jobs"),
            Consumer(id: "Worker", source: Thing(id: "Jobs")),
        ])])
        XCTAssertEqual(found.map(\.code), ["construct-mismatch"])
        XCTAssertEqual(found.first?.message, "S/Jobs is a Topic, not the Thing handed here")
    }

    func testDeclarationOrderDoesNotMatter() throws {
        let declared = Thing(id: "Jobs", type: "AWS::SQS::Queue")
        XCTAssertNoThrow(try synth([AdHocStack("S", [Consumer(id: "Worker", source: declared), declared])]))
    }

    func testAnUndeclaredConstructIsReportedOnceWithWhatToDeclare() {
        let found = diagnostics([AdHocStack("S", [Consumer(id: "Worker", source: Thing(id: "RawJobs"))])])
        XCTAssertEqual(found.map(\.code), ["undeclared-construct"], "and no dangling-reference for the same construct")
        XCTAssertEqual(found.first?.path, "S/Worker")
        XCTAssertEqual(found.first?.message, "Thing(\"RawJobs\") is used here but not declared in any stack")
        XCTAssertEqual(found.first?.hint, """
            declare it once in the stack that owns it: a stored property (let rawJobs = Thing("RawJobs", ...)) \
            or a line in its body
            """)
    }

    func testOtherReferencesToAnUndeclaredConstructStillDangle() {
        let ghost = Thing(id: "Ghost")
        let found = diagnostics([AdHocStack("S", [
            Consumer(id: "Worker", source: ghost),
            Thing(id: "User", properties: ["Q": ghost.ref()]),
        ])])
        XCTAssertEqual(found.map { "\($0.path) \($0.code)" }, ["S/User dangling-reference", "S/Worker undeclared-construct"])
    }

    func testAConstructDeclaredInAnotherStackIsFound() throws {
        let shared = Thing(id: "Jobs", type: "AWS::SQS::Queue")
        let result = try synth([AdHocStack("Consumer", [Consumer(id: "Worker", source: shared)]), AdHocStack("Producer", [shared])])
        XCTAssertEqual(result.stacks.map(\.name), ["Producer", "Consumer"])

        let found = diagnostics([
            AdHocStack("Consumer", [Consumer(id: "Worker", source: Thing(id: "Jobs"))]),
            AdHocStack("Producer", [Thing(id: "Jobs", type: "AWS::SNS::Topic")]),
        ])
        XCTAssertEqual(found.map(\.code), ["construct-mismatch"])
        XCTAssertTrue(found.first?.message.contains("declared at Producer/Jobs") == true, found.first?.message ?? "")
    }

    func testANestedSiblingIsFoundBeforeATopLevelConstructOfTheSameID() throws {
        struct Unit: Construct {
            let id: String
            func synthesize(in scope: Scope) {
                let queue = Thing(id: "Jobs", type: "AWS::SNS::Topic")
                scope.add(queue)
                scope.add(Consumer(id: "Worker", source: queue))
            }
        }
        let result = try synth([AdHocStack("S", [Thing(id: "Jobs"), Unit(id: "Unit")])])
        XCTAssertEqual(result.stacks[0].template.resources["UnitWorker"]?.properties["SourceType"], "AWS::SNS::Topic")
    }

    func testANestedConstructAddedAfterItsUserIsNotReportedUndeclared() throws {
        struct Unit: Construct {
            let id: String
            func synthesize(in scope: Scope) {
                let queue = Thing(id: "Jobs")
                scope.add(Consumer(id: "Worker", source: queue))  // before the queue: the copy is used unchecked
                scope.add(queue)
            }
        }
        let template = try synth([AdHocStack("S", [Unit(id: "Unit")])]).stacks[0].template
        XCTAssertEqual(template.resources["UnitWorker"]?.properties["Source"], .getAtt("UnitJobs", "Arn"))
    }
}

/// Takes a copy of another construct, as a trigger takes its queue, and renders what the declared one says.
private struct Consumer: Construct {
    let id: String
    let source: Thing

    func synthesize(in scope: Scope) {
        let source = scope.declared(self.source, property: "source")
        scope.resource(Resource(type: "AWS::SQS::Queue", properties: [
            "Source": source.attribute("Arn"), "SourceType": .string(source.type),
        ]))
    }
}

private struct Topic: Construct {
    let id: String
    func synthesize(in scope: Scope) { scope.resource(Resource(type: "AWS::SNS::Topic")) }
}
