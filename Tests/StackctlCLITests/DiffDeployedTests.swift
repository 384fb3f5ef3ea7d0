import AWSClient
import Estate
import Foundation
import StackCore
import StackDeploy
import StackctlCLI
import TestSupport
import XCTest

/// `stackctl diff --env` against deployed stacks with AWS's own answers scripted (moto's change sets
/// carry no `Replacement`): the account check, GetTemplate, and `--change-set` whose answer wins over
/// stackctl's estimate and whose change set is deleted, never executed.
final class DiffDeployedTests: XCTestCase {
    let credentials = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "do-not-print-me"]

    func run(_ arguments: [String], transport: ScriptedTransport) -> CLIRun {
        let out = Captured(), err = Captured()
        var context = CLIContext(estate: AnyEstate(PipelineEstate.self), root: repositoryRoot,
                                 stdout: { out.append($0) }, stderr: { err.append($0) })
        context.assets = { _ in pinnedAssets }
        context.environment = credentials
        context.homeDirectory = nil
        context.transport = transport
        return CLIRun(status: Stackctl.run(context, arguments: arguments), stdout: out.text, stderr: err.text)
    }

    func xml(_ text: String, status: Int = 200) -> HTTPResponse { HTTPResponse(status: status, body: Data(text.utf8)) }

    func identity(_ account: String) -> HTTPResponse {
        xml("""
            <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::\(account):user/ci</Arn>
            <UserId>AIDA</UserId><Account>\(account)</Account></GetCallerIdentityResult></GetCallerIdentityResponse>
            """)
    }

    /// The dev TickAlerts template as deployed "before": today's, with the processor at 128 MB.
    func deployedTickAlerts() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diff-deployed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let synth = runCLI(["synth", "--env", "dev", "--format", "json", "--out", folder.path, "--quiet"], assets: pinnedAssets)
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let text = try String(contentsOf: folder.appendingPathComponent("TickAlerts.template.json"), encoding: .utf8)
        XCTAssertTrue(text.contains("\"MemorySize\": 256"))
        return text.replacingOccurrences(of: "\"MemorySize\": 256", with: "\"MemorySize\": 128")
    }

    func testChangeSetAnswersWinAndTheChangeSetIsDeleted() async throws {
        let old = try deployedTickAlerts()
        let transport = ScriptedTransport()
        await transport.respond(identity("111111111111"))
        await transport.respond(xml("""
            <ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>
            <Message>Stack with id mkt-dev-MarketStream does not exist</Message></Error></ErrorResponse>
            """, status: 400))
        await transport.respond(xml("""
            <DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>mkt-dev-TickAlerts</StackName>
            <StackId>arn:aws:cloudformation:us-east-2:111111111111:stack/mkt-dev-TickAlerts/1</StackId>
            <StackStatus>UPDATE_COMPLETE</StackStatus></member></Stacks></DescribeStacksResult></DescribeStacksResponse>
            """))
        let escaped = old.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        await transport.respond(xml("<GetTemplateResponse><GetTemplateResult><TemplateBody>\(escaped)</TemplateBody></GetTemplateResult></GetTemplateResponse>"))
        await transport.respond(xml("<DescribeStacksResponse><DescribeStacksResult><Stacks/></DescribeStacksResult></DescribeStacksResponse>"))
        await transport.respond(xml("""
            <CreateChangeSetResponse><CreateChangeSetResult>
            <Id>arn:aws:cloudformation:us-east-2:111111111111:changeSet/stackctl-diff/1</Id>
            <StackId>arn:aws:cloudformation:us-east-2:111111111111:stack/mkt-dev-TickAlerts/1</StackId>
            </CreateChangeSetResult></CreateChangeSetResponse>
            """))
        // CloudFormation says the processor would be replaced (say, for a reason stackctl's table lacks).
        await transport.respond(xml("""
            <DescribeChangeSetResponse><DescribeChangeSetResult><Status>CREATE_COMPLETE</Status>
            <ExecutionStatus>AVAILABLE</ExecutionStatus><Changes><member><Type>Resource</Type><ResourceChange>
            <Action>Modify</Action><LogicalResourceId>Processor</LogicalResourceId><ResourceType>AWS::Lambda::Function</ResourceType>
            <Replacement>True</Replacement></ResourceChange></member></Changes></DescribeChangeSetResult></DescribeChangeSetResponse>
            """))
        await transport.respond(xml("<DeleteChangeSetResponse><DeleteChangeSetResult/></DeleteChangeSetResponse>"))

        let result = run(["diff", "--env", "dev", "--change-set", "--format", "json", "TickAlerts"], transport: transport)
        XCTAssertEqual(result.status, 2, result.stderr + result.stdout)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        let stack = try XCTUnwrap((report["stacks"] as? [[String: Any]])?.first)
        XCTAssertEqual(stack["name"] as? String, "TickAlerts")
        let resources = try XCTUnwrap(stack["resources"] as? [[String: Any]])
        XCTAssertEqual(resources.map { $0["logicalId"] as? String }, ["Processor"])
        XCTAssertEqual(resources.first?["impact"] as? String, "replace", "CloudFormation's answer replaces the estimate (update)")
        XCTAssertTrue(result.stderr.contains("dev: account 111111111111"), result.stderr)

        let actions = await transport.requests.map { request -> String in
            let form = String(decoding: request.body, as: UTF8.self)
            return form.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) } ?? "?"
        }
        XCTAssertEqual(actions, ["GetCallerIdentity", "DescribeStacks", "DescribeStacks", "GetTemplate", "DescribeStacks",
                                 "CreateChangeSet", "DescribeChangeSet", "DeleteChangeSet"])
        XCTAssertFalse(actions.contains("ExecuteChangeSet"))
        XCTAssertFalse((result.stdout + result.stderr).contains("do-not-print-me"))
    }

    func testAnotherAccountIsRefusedRatherThanShowingEverythingAsNew() async throws {
        let transport = ScriptedTransport()
        await transport.respond(identity("999999999999"))
        let result = run(["diff", "--env", "dev"], transport: transport)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("the credentials belong to account 999999999999"), result.stderr)
        let sent = await transport.requests.count
        XCTAssertEqual(sent, 1)
    }

    func testChangeSetDoesNotCombineWithAnotherBaseline() async throws {
        let result = run(["diff", "--env", "dev", "--change-set", "--base", "HEAD"], transport: ScriptedTransport())
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("--change-set asks CloudFormation about the deployed stacks"), result.stderr)
    }
    /// A DescribeStacks member with the tags given (`stackctl:environment` is stackctl's marker).
    func stackMember(_ name: String, status: String = "UPDATE_COMPLETE", tags: [String: String] = [:]) -> String {
        let tagXML = tags.sorted { $0.key < $1.key }.map { "<member><Key>\($0.key)</Key><Value>\($0.value)</Value></member>" }.joined()
        return "<member><StackName>\(name)</StackName><StackId>arn:aws:cloudformation:us-east-2:111111111111:stack/\(name)/1</StackId>"
            + "<StackStatus>\(status)</StackStatus><Tags>\(tagXML)</Tags></member>"
    }

    func stacksPage(_ members: [String], next: String? = nil) -> HTTPResponse {
        xml("<DescribeStacksResponse><DescribeStacksResult><Stacks>\(members.joined())</Stacks>"
            + (next.map { "<NextToken>\($0)</NextToken>" } ?? "") + "</DescribeStacksResult></DescribeStacksResponse>")
    }

    /// Neither estate stack deployed; the account's stacks over two pages: only mkt-dev-Legacy is an orphan
    /// (marked for dev, under the prefix); the others are foreign, another environment's, under another
    /// prefix, the bootstrap stack, or never executed.
    func scriptOrphans(_ transport: ScriptedTransport) async {
        let missing = xml("""
            <ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>
            <Message>Stack with id X does not exist</Message></Error></ErrorResponse>
            """, status: 400)
        await transport.respond(identity("111111111111"))
        await transport.respond(missing)
        await transport.respond(missing)
        let dev = ["stackctl:environment": "dev"]
        await transport.respond(stacksPage([
            stackMember("mkt-dev-Foreign"), stackMember("mkt-dev-Prod", tags: ["stackctl:environment": "prod"]),
            stackMember("stackctl-bootstrap", tags: ["stackctl:bootstrap": "1"]), stackMember("other-dev-Legacy", tags: dev),
        ], next: "page-2"))
        await transport.respond(stacksPage([
            stackMember("mkt-dev-Legacy", tags: dev.merging(["team": "data"]) { a, _ in a }),
            stackMember("mkt-dev-Pending", status: "REVIEW_IN_PROGRESS", tags: dev),
        ]))
        let legacy = #"{"Resources": {"Archive": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "mkt-dev-legacy-archive"}, "Metadata": {"stackctl:path": "Legacy/Archive"}}}}"#
        await transport.respond(xml("<GetTemplateResponse><GetTemplateResult><TemplateBody>\(legacy)</TemplateBody></GetTemplateResult></GetTemplateResponse>"))
    }

    func testOrphanedStacksAreWholeStackRemovalsInEveryFormat() async throws {
        for format in ["json", "text", "markdown"] {
            let transport = ScriptedTransport()
            await scriptOrphans(transport)
            let result = run(["diff", "--env", "dev", "--format", format, "--color", "never"], transport: transport)
            XCTAssertEqual(result.status, 2, format + result.stderr + result.stdout)
            XCTAssertTrue(result.stderr.contains("note: mkt-dev-Legacy is deployed for dev but no longer in the estate; "
                                                 + "`stackctl destroy --env dev --orphans` deletes it"), result.stderr)
            for foreign in ["Foreign", "Prod", "Pending", "bootstrap", "other-dev"] {
                XCTAssertFalse(result.stdout.contains(foreign), "\(format): \(foreign) is not an orphan of dev\n\(result.stdout)")
            }
            let pages = await transport.requests.map { FormBody.decode($0.body) }
                .filter { $0["Action"] == "DescribeStacks" && $0["StackName"] == nil }
            XCTAssertEqual(pages.map { $0["NextToken"] }, [nil, "page-2"], "both pages of DescribeStacks are read")
            let leftover = await transport.unusedSteps
            XCTAssertEqual(leftover, 0)
            switch format {
            case "json":
                let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
                let stacks = try XCTUnwrap(report["stacks"] as? [[String: Any]])
                let legacy = try XCTUnwrap(stacks.first { $0["name"] as? String == "Legacy" }, result.stdout)
                XCTAssertEqual(legacy["status"] as? String, "removed")
                let resources = try XCTUnwrap(legacy["resources"] as? [[String: Any]])
                XCTAssertEqual(resources.map { $0["logicalId"] as? String }, ["Archive"])
                XCTAssertEqual(resources.first?["impact"] as? String, "remove")
                XCTAssertEqual(Set(stacks.compactMap { $0["name"] as? String }), ["MarketStream", "TickAlerts", "Legacy"])
            case "text":
                XCTAssertTrue(result.stdout.contains("Legacy (stack removed)"), result.stdout)
                XCTAssertTrue(result.stdout.contains("Archive"), result.stdout)
            default:
                XCTAssertTrue(result.stdout.contains("Legacy (stack removed)"), result.stdout)
            }
        }
    }
}
