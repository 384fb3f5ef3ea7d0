import AWSClient
import Foundation
@testable import StackDeploy
import StackTemplate
import TestSupport
import XCTest

/// `destroy --orphans` below the CLI, with AWS's answers scripted: what moto cannot show (termination
/// protection) and the order between orphans that import from each other.
final class OrphanTests: XCTestCase {
    let transport = ActionTransport()
    let console = Console()

    func teardown() -> Teardown {
        Teardown(context: scriptedContext(transport), environment: "prod", account: "123456789012", io: console.io(), makeToken: { "tok" })
    }

    func member(_ name: String, protection: Bool = false, environment: String? = "prod") -> String {
        let tag = environment.map { "<Tags><member><Key>stackctl:environment</Key><Value>\($0)</Value></member></Tags>" } ?? ""
        return "<member><StackName>\(name)</StackName><StackId>\(AWSXML.stackId(name))</StackId><StackStatus>UPDATE_COMPLETE</StackStatus>"
            + "<EnableTerminationProtection>\(protection)</EnableTerminationProtection>\(tag)</member>"
    }

    func page(_ members: [String]) -> HTTPResponse {
        AWSXML.ok("<DescribeStacksResponse><DescribeStacksResult><Stacks>\(members.joined())</Stacks></DescribeStacksResult></DescribeStacksResponse>")
    }

    func testAProtectedOrphanIsRefusedAndNothingIsDeleted() async throws {
        await transport.on("GetCallerIdentity", AWSXML.identity("123456789012"))
        await transport.on("DescribeStacks", page([member("app-prod-App"), member("app-prod-Old", protection: true), member("app-prod-Hand", environment: nil)]),
                           AWSXML.stack("app-prod-Old", status: "UPDATE_COMPLETE", protection: true))
        await transport.on("GetTemplate", AWSXML.template(sampleStack().templateBody), AWSXML.template(sampleStack().templateBody))
        await transport.on("ListStackResources", AWSXML.resources([("Queue", "AWS::SQS::Queue", "https://sqs/q", "CREATE_COMPLETE", nil)]))
        let plans = try await teardown().planOrphans(estate: ["app-prod-App"], namePrefix: "app-prod")
        XCTAssertEqual(plans.map(\.stackName), ["app-prod-Old"], "App is in the estate; Hand has no marker")
        XCTAssertEqual(plans.map(\.name), ["Old"])
        do {
            _ = try await teardown().run(plans, confirmed: true)
            XCTFail("protected")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .refused)
            XCTAssertEqual(error.message, "termination protection is on for app-prod-Old; nothing was deleted")
        }
        let deletes = await transport.count("DeleteStack")
        XCTAssertEqual(deletes, 0)
    }

    func testAnOrphanImportingFromAnotherDependsOnIt() throws {
        let orphans = ["Producer", "Consumer", "Other"].map {
            OrphanStack(name: $0, stack: CloudFormation.Stack(stackId: AWSXML.stackId("app-prod-\($0)"), stackName: "app-prod-\($0)",
                                                              status: "UPDATE_COMPLETE"))
        }
        let consumer = try TemplateParser.parse("""
            {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {
              "QUEUE": {"Fn::ImportValue": "app-prod-Producer:Queue:Arn"},
              "KEEP": {"Fn::ImportValue": "app-prod-App:Table:Ref"}}}}}}}
            """)
        XCTAssertEqual(OrphanFinder.dependencies(of: consumer, among: orphans), ["Producer"],
                       "an import from a stack that is not an orphan (App) is no dependency")
        XCTAssertEqual(OrphanFinder.dependencies(of: nil, among: orphans), [])
    }
}
