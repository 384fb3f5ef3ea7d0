import StackAssets
import StackCore
import StackTemplate
import XCTest

/// The synthesis phases that later flavors and families build on: transforms over finished templates,
/// service roles for any principal, resource policies by contribution, retention from the catalogue.
final class PhasesAndPrincipalsTests: XCTestCase {
    /// A transform sees resolved templates (no tokens), can rewrite them, and its diagnostics are reported.
    struct Renamer: TemplateTransform {
        var name: String { "rename" }
        func transform(_ stack: inout SynthesizedStack, diagnostics: inout Diagnostics) {
            for (id, resource) in stack.template.resources where resource.type == "AWS::SQS::Queue" {
                stack.template.resources[id]?.type = "Custom::Queue"
            }
            stack.template.transforms = ["Test-Transform"]
            diagnostics.warning(stack.name, .invalidResourceType, "Custom::Queue made by \(name)")
        }
    }

    func testTransformsRunOnResolvedTemplatesBeforeTheLimits() throws {
        let stack = AdHocStack("App") {
            Thing(id: "Queue")
            Thing(id: "User", type: "AWS::SNS::Topic", properties: ["Target": .token(Token(target: "Queue", attribute: .getAtt("Arn")))])
        }
        let result = try Synthesizer(settings: .testing, assets: StaticAssets([]), transforms: [Renamer()]).synthesize([stack])
        let template = result.stacks[0].template
        XCTAssertEqual(template.resources["Queue"]?.type, "Custom::Queue")
        XCTAssertEqual(template.resources["User"]?.properties["Target"], .getAtt("Queue", "Arn"), "references were resolved first")
        XCTAssertEqual(template.transforms, ["Test-Transform"])
        XCTAssertEqual(result.diagnostics.items.map(\.message), ["Custom::Queue made by rename"])
        XCTAssertEqual(SynthesisPhase.allCases.map(\.rawValue), ["construct", "resource-policies", "amend", "resolve", "transform", "check"])
    }

    struct Job: Construct, Grantable {
        let id: String
        var grants: [Grant] = []
        func synthesize(in scope: Scope) {
            let role = ServiceRole(service: "glue.amazonaws.com", description: "Service role of \(scope.fullPath)", grants: grants)
                .add(in: scope)
            scope.resource(Resource(type: "AWS::Glue::Job", properties: ["Role": role.arn], dependsOn: role.dependsOn))
        }
    }

    func testAServiceRoleServesAnyPrincipal() throws {
        let read = Grant("read raw", actions: ["s3:GetObject", "s3:GetObject"], resources: ["arn:aws:s3:::raw/*"])
        let list = Grant("list raw", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::raw"])
        let more = Grant("read more", actions: ["s3:GetObjectVersion"], resources: ["arn:aws:s3:::raw/*"])
        let template = try Synthesizer(settings: .testing, assets: StaticAssets([])).template {
            Job(id: "Curate", grants: [read, list]).allowing(more)
            Job(id: "Idle")
        }
        XCTAssertEqual(template.resources["CurateRole"]?.properties["AssumeRolePolicyDocument"], TrustPolicy.service("glue.amazonaws.com"))
        XCTAssertEqual(template.resources["CurateRole"]?.properties["Description"], "Service role of Test/Curate")
        let policy = try XCTUnwrap(template.resources["CuratePolicy"])
        XCTAssertEqual(policy.properties["PolicyName"], "CuratePolicy")
        XCTAssertEqual(policy.properties["Roles"], [.ref("CurateRole")])
        XCTAssertEqual(policy.properties["PolicyDocument"], ["Version": "2012-10-17", "Statement": [
            ["Action": ["s3:GetObject", "s3:GetObjectVersion"], "Effect": "Allow", "Resource": "arn:aws:s3:::raw/*"],
            ["Action": "s3:ListBucket", "Effect": "Allow", "Resource": "arn:aws:s3:::raw"],
        ]], "one merged policy, statements with equal resources merged")
        XCTAssertEqual(template.resources["Curate"]?.dependsOn, ["CuratePolicy"], "ready before it runs")
        XCTAssertEqual(template.resources["Curate"]?.properties["Role"], .getAtt("CurateRole", "Arn"))
        XCTAssertNil(template.resources["IdlePolicy"], "nothing granted: no empty policy")
        XCTAssertEqual(template.resources["Idle"]?.dependsOn, [])
    }

    func testAWildcardGrantIsAnErrorForEveryPrincipal() {
        let found = diagnostics([AdHocStack("Test") { Job(id: "Greedy", grants: [Grant("all", actions: ["s3:*"], resources: ["*"])]) }])
        XCTAssertEqual(found.map(\.code), ["wildcard-action"])
        XCTAssertEqual(found.first?.path, "Test/Greedy")
    }

    /// Retention follows the catalogue: a construct adding a bucket or a log group gets it without asking.
    func testTypesThatHoldDataAreRetainedWithoutTheConstructAsking() throws {
        var retained = StackSettings.testing
        retained.retainData = true
        let body = AdHocStack("Test") {
            Thing(id: "Bucket", type: "AWS::S3::Bucket")
            Thing(id: "Topic", type: "AWS::SNS::Topic")
        }
        let kept = try Synthesizer(settings: retained, assets: StaticAssets([])).synthesize([body]).stacks[0].template
        XCTAssertEqual(kept.resources["Bucket"]?.deletionPolicy, .retain)
        XCTAssertEqual(kept.resources["Bucket"]?.updateReplacePolicy, .retain)
        XCTAssertNil(kept.resources["Topic"]?.deletionPolicy)
        let dev = try synth([body]).stacks[0].template
        XCTAssertEqual(dev.resources["Bucket"]?.deletionPolicy, .delete)
    }
}
