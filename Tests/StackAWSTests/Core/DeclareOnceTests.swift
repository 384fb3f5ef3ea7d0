import StackAWS
import StackCore
import StackTemplate
import XCTest

/// A stack declares each construct once: what others refer to is stored, the body holds the rest.
final class DeclareOnceTests: XCTestCase {
    func testStoredConstructsNeedNoBodyLine() throws {
        let result = try lambdaSynthesizer().synthesize([Pipeline(timeout: .minutes(1))])
        let template = result.stacks[0].template
        XCTAssertEqual(template.resources["Jobs"]?.properties["VisibilityTimeout"], 360)
        XCTAssertEqual(template.resources["ProcessingJobsSource"]?.properties["EventSourceArn"], .getAtt("Jobs", "Arn"))
        XCTAssertNotNil(template.resources["Archive"])
        XCTAssertNotNil(template.resources["ArchivePolicy"])
    }

    func testAStoredConstructIsCheckedLikeAnyOther() {
        do {
            _ = try lambdaSynthesizer().synthesize([Pipeline(timeout: .minutes(10))])
            XCTFail("expected visibility-timeout-too-short")
        } catch {
            XCTAssertEqual(error.diagnostics.sorted.map(\.code), ["visibility-timeout-too-short"])
        }
    }

    func testAStoredConstructAlsoListedInBodyWithOtherSettingsIsADuplicate() {
        do {
            _ = try lambdaSynthesizer().synthesize([Pipeline(timeout: .minutes(1), listed: Queue("Jobs"))])
            XCTFail("expected duplicate-id")
        } catch {
            let found = error.diagnostics.sorted
            XCTAssertEqual(found.map(\.code), ["duplicate-id"])
            XCTAssertEqual(found.first?.path, "Pipeline/Jobs")
            XCTAssertEqual(found.first?.message, """
                the stored property `jobs` and the stack's body declare 'Jobs' differently: visibilityTimeout is \
                .minutes(6) in the stored property `jobs`, .seconds(30) in the stack's body
                """)
        }
    }

    func testAStoredConstructAlsoListedInBodyUnchangedIsOneDeclaration() throws {
        let result = try lambdaSynthesizer().synthesize([Pipeline(timeout: .minutes(1), listed: Queue("Jobs", visibilityTimeout: .minutes(6)))])
        XCTAssertEqual(result.stacks[0].template.resources.values.filter { $0.type == "AWS::SQS::Queue" }.count, 1)
    }
}

/// A stack in the estate's style: what others refer to is stored, the body holds the rest.
private struct Pipeline: StackDefinition {
    let jobs = Queue("Jobs", visibilityTimeout: .minutes(6))
    let archive = Bucket("Archive")
    let timeout: Duration
    /// A second declaration for the body, for the duplicate cases (a `StackBody` is not a stored declaration).
    let listed: StackBody

    init(timeout: Duration, listed: Queue? = nil) {
        self.timeout = timeout
        self.listed = StackBody(listed.map { [$0] } ?? [])
    }

    var name: String { "Pipeline" }

    var body: StackBody {
        listed
        Function("Processing", product: "fn", timeout: timeout) {
            Trigger.sqs(jobs)
            Allow(archive.write())
        }
    }
}
