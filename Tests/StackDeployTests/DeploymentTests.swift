import AWSClient
import Foundation
@testable import StackDeploy
import StackTemplate
import XCTest

/// The whole deploy and destroy around the stacks: account check (wrong account, expired credentials,
/// throttling), bootstrap check, large templates, termination protection, what destroy leaves behind.
final class DeploymentTests: XCTestCase {
    let transport = ActionTransport()
    let console = Console()

    func deployment(account: String = "123456789012") -> Deployment {
        Deployment(context: scriptedContext(transport), environment: "dev", account: account, io: console.io(),
                   options: DeployOptions(approval: .never), makeToken: { "tok" })
    }

    func teardown() -> Teardown {
        Teardown(context: scriptedContext(transport), environment: "prod", account: "123456789012", io: console.io(), makeToken: { "tok" })
    }

    func testWrongAccountIsRefusedBeforeAnythingElse() async throws {
        await transport.on("GetCallerIdentity", AWSXML.identity("999999999999"))
        do {
            try await deployment().checkAccount()
            XCTFail("wrong account")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .refused)
            XCTAssertEqual(error.message, "the credentials belong to account 999999999999 (arn:aws:iam::999999999999:user/deployer), "
                           + "but the dev environment is account 123456789012; nothing was changed")
            XCTAssertEqual(error.hint, "use credentials for account 123456789012 (AWS_PROFILE), or check `account:` in environments/dev.yaml")
        }
        let calls = await transport.calls.map(\.action)
        XCTAssertEqual(calls, ["GetCallerIdentity"])
    }

    func testExpiredCredentialsSayHowToRefresh() async throws {
        await transport.on("GetCallerIdentity", AWSXML.error("ExpiredToken", "The security token included in the request is expired", status: 403))
        do {
            try await deployment().checkAccount()
            XCTFail("expired")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .credentials)
            XCTAssertEqual(error.message, "the AWS credentials have expired (ExpiredToken); nothing was changed")
            XCTAssertEqual(error.hint, "refresh them (`aws sso login`, or a new session token) and run the command again; "
                           + "stackctl reads \(CredentialChain.lookupSummary)")
            XCTAssertFalse("\(error)".contains("secret"), "no secrets in messages")
        }
    }

    func testThrottlingIsRetriedThenTheDeploySucceeds() async throws {
        let throttled = AWSXML.error("Throttling", "Rate exceeded")
        await transport.on("GetCallerIdentity", throttled, AWSXML.identity("123456789012"))
        await transport.on("DescribeStacks", throttled, throttled, AWSXML.stack("app-dev-App", status: "UPDATE_COMPLETE"),
                           AWSXML.stack("app-dev-App", status: "UPDATE_COMPLETE"))
        await transport.on("CreateChangeSet", throttled, AWSXML.created("app-dev-App"))
        await transport.on("DescribeChangeSet", AWSXML.changeSet("app-dev-App", status: "FAILED",
                                                                 reason: "No updates are to be performed.", execution: "UNAVAILABLE", changes: []))
        await transport.on("DeleteChangeSet", AWSXML.empty("DeleteChangeSet"))
        try await deployment().checkAccount()
        let results = try await deployment().run([sampleStack()])
        XCTAssertEqual(results.map(\.change), [.unchanged])
        let creates = await transport.count("CreateChangeSet")
        XCTAssertEqual(creates, 2, "a throttled CreateChangeSet was refused, so it is retried")
        let leftover = await transport.leftover
        XCTAssertEqual(leftover, [])
    }

    func testMissingBootstrapSaysHowToBootstrap() async throws {
        await transport.on("GetCallerIdentity", AWSXML.identity("123456789012"))
        await transport.on("DescribeStacks", AWSXML.missing("stackctl-bootstrap"))
        var stack = sampleStack()
        stack.assets = [LocalAsset(product: "worker", s3Key: "abc.zip", file: URL(fileURLWithPath: "/nonexistent/abc.zip"))]
        do {
            try await deployment().checkAccount()
            _ = try await deployment().run([stack])
            XCTFail("not bootstrapped")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .refused)
            XCTAssertTrue(error.message.contains("the staging bucket stackctl-assets-123456789012-us-east-1 for function code is missing"))
            XCTAssertEqual(error.hint, "run `stackctl bootstrap --env dev` once for this account and region")
        }
    }

    func testTemplateOver51200BytesGoesThroughTheStagingBucket() async throws {
        var stack = sampleStack()
        stack.templateBody = "{\"Description\":\"" + String(repeating: "x", count: 51_200) + "\"}"
        await transport.on("HEAD s3", HTTPResponse(status: 404))
        await transport.on("PUT s3", HTTPResponse(status: 200))
        let context = scriptedContext(transport)
        let location = try await TemplatePublisher(s3: S3Client(context: context), bucket: "stackctl-assets-123456789012-us-east-1").location(for: stack)
        guard case .url(let url) = location else { return XCTFail("expected a URL, got \(location)") }
        XCTAssertTrue(url.hasPrefix("https://stackctl-assets-123456789012-us-east-1.s3.amazonaws.com/templates/app-dev-App-"), url)
        XCTAssertTrue(url.hasSuffix(".json"))
        let small = try await TemplatePublisher(s3: S3Client(context: context), bucket: "b").location(for: sampleStack())
        XCTAssertEqual(small, .body(sampleStack().templateBody))
    }

    func testDestroyRefusesWhileTerminationProtectionIsOn() async throws {
        await transport.on("GetCallerIdentity", AWSXML.identity("123456789012"))
        await transport.on("DescribeStacks", AWSXML.stack("app-prod-App", status: "UPDATE_COMPLETE", protection: true))
        await transport.on("ListStackResources", AWSXML.resources([("Queue", "AWS::SQS::Queue", "https://sqs/q", "CREATE_COMPLETE", nil)]))
        await transport.on("GetTemplate", AWSXML.template(sampleStack().templateBody))
        let plans = try await teardown().plan([.init(name: "App", stackName: "app-prod-App", dependencies: [], local: nil)])
        do {
            _ = try await teardown().run(plans, confirmed: true)
            XCTFail("protected")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .refused)
            XCTAssertEqual(error.message, "termination protection is on for app-prod-App; nothing was deleted")
            XCTAssertTrue(error.hint?.contains("aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name app-prod-App --region us-east-1") == true)
            XCTAssertTrue(error.hint?.contains("terminationProtection: false in environments/prod.yaml") == true)
        }
        let deletes = await transport.count("DeleteStack")
        XCTAssertEqual(deletes, 0)
    }

    func testDestroyReportsRetainedAndUndeletableResourcesWithCleanupCommands() async throws {
        var template = sampleStack().template
        template.resources["Raw"] = Resource(type: "AWS::S3::Bucket", properties: [:], metadata: [Resource.pathMetadataKey: "App/Raw"])
        template.resources["Quotes"] = Resource(type: "AWS::DynamoDB::Table", deletionPolicy: .retain, metadata: [Resource.pathMetadataKey: "App/Quotes"])
        let body = try JSONRenderer.render(template, pretty: false)
        let id = AWSXML.stackId("app-prod-App")
        await transport.on("GetCallerIdentity", AWSXML.identity("123456789012"))
        await transport.on("DescribeStacks", AWSXML.stack("app-prod-App", status: "UPDATE_COMPLETE"), AWSXML.stack("app-prod-App", status: "DELETE_FAILED"))
        await transport.on("ListStackResources", AWSXML.resources([
            ("Quotes", "AWS::DynamoDB::Table", "app-prod-quotes", "UPDATE_COMPLETE", nil),
            ("Raw", "AWS::S3::Bucket", "app-prod-raw", "CREATE_COMPLETE", nil),
        ]), AWSXML.resources([
            ("Quotes", "AWS::DynamoDB::Table", "app-prod-quotes", "DELETE_SKIPPED", nil),
            ("Raw", "AWS::S3::Bucket", "app-prod-raw", "DELETE_FAILED", "The bucket you tried to delete is not empty"),
        ]))
        await transport.on("GetTemplate", AWSXML.template(body))
        let old = [("o1", "app-prod-App", "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", String?.none, 0.0)]
        let failed = old + [("e1", "app-prod-App", "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated", 5),
                            ("e2", "Quotes", "AWS::DynamoDB::Table", "DELETE_SKIPPED", nil, 6),
                            ("e3", "Raw", "AWS::S3::Bucket", "DELETE_FAILED", "The bucket you tried to delete is not empty", 7),
                            ("e4", "app-prod-App", "AWS::CloudFormation::Stack", "DELETE_FAILED", "The following resource(s) failed to delete: [Raw].", 8)]
        await transport.on("DescribeStackEvents", AWSXML.events("app-prod-App", old), AWSXML.events("app-prod-App", failed), AWSXML.events("app-prod-App", failed))
        await transport.on("DeleteStack", AWSXML.empty("DeleteStack"))

        let plans = try await teardown().plan([.init(name: "App", stackName: "app-prod-App", dependencies: [], local: nil)])
        XCTAssertEqual(plans.first?.lines, [
            "App (app-prod-App, UPDATE_COMPLETE): 1 to delete, 1 to retain",
            "  - Raw     AWS::S3::Bucket       App/Raw",
            "  = Quotes  AWS::DynamoDB::Table  App/Quotes  (retained: DeletionPolicy Retain (retainData in the environment))",
        ])
        do {
            _ = try await teardown().run(plans, confirmed: true)
            XCTFail("the bucket blocked the deletion")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .failed)
            XCTAssertTrue(error.message.contains("App: deleting app-prod-App failed (DELETE_FAILED): Raw The bucket you tried to delete is not empty"), error.message)
        }
        XCTAssertTrue(console.out.contains("""
            left behind (2):
              App/Quotes  AWS::DynamoDB::Table  app-prod-quotes  — DeletionPolicy Retain (retainData in the environment)
                aws dynamodb delete-table --table-name app-prod-quotes --region us-east-1
              App/Raw  AWS::S3::Bucket  app-prod-raw  — deletion failed: The bucket you tried to delete is not empty
                aws s3 rb s3://app-prod-raw --force   # versioned: delete old versions first (console: Empty bucket)
            """), console.out)
        let deleteForms = await transport.forms("DeleteStack")
        XCTAssertEqual(deleteForms.first?["StackName"], id)
    }
}
