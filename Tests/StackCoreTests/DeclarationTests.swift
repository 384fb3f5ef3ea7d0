import StackTemplate
import XCTest
@testable import StackCore

/// A stack declares each construct once: stored construct properties are declarations, `body` lists the rest.
final class DeclarationTests: XCTestCase {
    func testStoredConstructsAreSynthesizedWithoutABodyLine() throws {
        let template = try synth([Stored()]).stacks[0].template
        XCTAssertEqual(template.resources.keys.sorted(), ["A", "B", "Maybe", "Queue", "User"])
        XCTAssertEqual(template.resources["User"]?.properties["Q"], .getAtt("Queue", "Arn"))
        XCTAssertNil(template.resources["Computed"], "a computed property is not a declaration")
    }

    func testStoredComeInDeclarationOrderThenBody() {
        var found = Diagnostics()
        let sites = StackDeclarations.collect(Stored(), stack: "Stored", into: &found).map { "\($0.construct.id) \($0.site)" }
        XCTAssertEqual(sites, [
            "Queue property(\"queue\")", "A property(\"extras[0]\")", "B property(\"extras[1]\")",
            "Maybe property(\"maybe\")", "User body",
        ])
        XCTAssertTrue(found.isEmpty)
    }

    func testAnEqualConstructStoredAndInBodyIsOneDeclaration() throws {
        let result = try synth([StoredAndListed(listed: Thing(id: "Queue"))])
        XCTAssertEqual(result.stacks[0].template.resources.keys.sorted(), ["Queue"])
        XCTAssertTrue(result.diagnostics.isEmpty)
    }

    func testAStoredAliasIsOneDeclaration() throws {
        let result = try synth([Aliased()])
        XCTAssertEqual(result.stacks[0].template.resources.keys.sorted(), ["Queue"])
    }

    func testADifferentConstructStoredAndInBodyNamesBothAndTheSetting() {
        let found = diagnostics([StoredAndListed(listed: Thing(id: "Queue", type: "AWS::SNS::Topic"))])
        XCTAssertEqual(found.map(\.code), ["duplicate-id"])
        XCTAssertEqual(found.first?.path, "Listed/Queue")
        XCTAssertEqual(found.first?.message, """
            the stored property `queue` and the stack's body declare 'Queue' differently: type is "AWS::SQS::Queue" \
            in the stored property `queue`, "AWS::SNS::Topic" in the stack's body
            """)
        XCTAssertNotNil(found.first?.hint)
    }

    func testADifferentConstructTypeUnderOneIDIsADuplicate() {
        let found = diagnostics([StoredAndListed(listed: Other(id: "Queue"))])
        XCTAssertEqual(found.map(\.code), ["duplicate-id"])
        XCTAssertEqual(found.first?.message, """
            the stored property `queue` and the stack's body declare 'Queue' differently: a Thing in the stored \
            property `queue`, an Other in the stack's body
            """)
    }

    func testConstructsInsidePlainStructsAreFoundButNotInsideConstructs() {
        let found = StoredConstructs.of(Grouped()).map { "\($0.construct.id) \($0.label)" }
        XCTAssertEqual(found, ["Raw group.raw", "Spare group.spares[1]", "Worker worker"],
                       "the copy a construct holds (Worker's source) is not a declaration")
    }

    func testTwoBodyLinesWithOneIDStayADuplicate() {
        let found = diagnostics([AdHocStack("S", [Thing(id: "Queue"), Thing(id: "Queue")])])
        XCTAssertEqual(found.map(\.code), ["duplicate-id"])
    }
}

/// Every kind of stored declaration, and a body that refers to one of them.
private struct Stored: StackDefinition {
    let note = "not a construct"
    let queue = Thing(id: "Queue")
    let extras = [Thing(id: "A"), Thing(id: "B")]
    let maybe: Thing? = Thing(id: "Maybe")
    let none: Thing? = nil
    let numbers = [1, 2]
    var computed: Thing { Thing(id: "Computed") }

    var body: StackBody { Thing(id: "User", properties: ["Q": queue.attribute("Arn")]) }
}

private struct StoredAndListed: StackDefinition {
    let queue = Thing(id: "Queue")
    /// A `StackBody`, not a stored construct: that would be a declaration of its own.
    let listed: StackBody

    var name: String { "Listed" }
    var body: StackBody { listed }

    init(listed: any Construct) { self.listed = StackBody([listed]) }
}

private struct Aliased: StackDefinition {
    let queue = Thing(id: "Queue")
    let sameQueue = Thing(id: "Queue")
}

/// Constructs in a plain struct and an array of optionals; a construct holding a copy of another.
private struct Grouped: Encodable {
    struct Group: Encodable {
        let name = "data"
        let raw = Thing(id: "Raw")
        let spares: [Thing?] = [nil, Thing(id: "Spare")]
    }
    let settings = StackSettings.testing
    let group = Group()
    let worker = Holder(id: "Worker", source: Thing(id: "Source"))
}

private struct Holder: Construct {
    let id: String
    let source: Thing
    func synthesize(in scope: Scope) {}
}

private struct Other: Construct {
    let id: String
    func synthesize(in scope: Scope) { scope.resource(Resource(type: "AWS::SNS::Topic")) }
}
