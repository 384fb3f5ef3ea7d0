import AWSClient
import Foundation
@testable import StackDeploy
import StackTemplate
import XCTest

/// One stack's deploy against CloudFormation answers moto cannot give: rollbacks with failure events,
/// outputs, ROLLBACK_COMPLETE, busy stacks, a lost ExecuteChangeSet answer, approval, Ctrl-C.
final class StackDeployerTests: XCTestCase {
    let transport = ActionTransport()
    let console = Console()
    let stackName = "app-dev-App"

    func deployer(_ io: DeployIO, approval: ApprovalLevel = .never, recreateFailed: Bool = false) -> StackDeployer {
        let context = scriptedContext(transport)
        return StackDeployer(client: CloudFormationClient(context: context),
                             templates: TemplatePublisher(s3: S3Client(context: context), bucket: "stackctl-assets-123456789012-us-east-1"),
                             io: io, options: DeployOptions(approval: approval, recreateFailed: recreateFailed),
                             gate: ApprovalGate(io: io), makeToken: { "tok" })
    }

    let adds: [(String, String, String, String?)] = [("Add", "Queue", "AWS::SQS::Queue", nil), ("Add", "Worker", "AWS::Lambda::Function", nil),
                                                    ("Add", "WorkerPolicy", "AWS::IAM::Policy", nil)]

    func review() -> (String, String, String, String, String?, Double) { ("e0", stackName, "AWS::CloudFormation::Stack", "REVIEW_IN_PROGRESS", "User Initiated", 0) }
    func stackEvent(_ id: String, _ status: String, _ reason: String? = nil, at t: Double) -> (String, String, String, String, String?, Double) {
        (id, stackName, "AWS::CloudFormation::Stack", status, reason, t)
    }

    func scriptCreate() async {
        await transport.on("CreateChangeSet", AWSXML.created(stackName))
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, changes: adds))
    }

    func testFailingResourceWaitsForRollbackAndNamesTheFirstFailure() async throws {
        await transport.on("DescribeStacks", AWSXML.missing(stackName), AWSXML.stack(stackName, status: "CREATE_IN_PROGRESS"),
                           AWSXML.stack(stackName, status: "ROLLBACK_IN_PROGRESS"), AWSXML.stack(stackName, status: "ROLLBACK_COMPLETE"))
        await scriptCreate()
        await transport.on("ExecuteChangeSet", AWSXML.empty("ExecuteChangeSet"))
        let started = [review(), stackEvent("e1", "CREATE_IN_PROGRESS", "User Initiated", at: 10),
                       ("e2", "Queue", "AWS::SQS::Queue", "CREATE_IN_PROGRESS", nil, 11)]
        let failed = started + [
            ("e3", "Queue", "AWS::SQS::Queue", "CREATE_FAILED", "Resource handler returned message: \"Value for parameter MessageRetentionPeriod is invalid\"", 13.5),
            ("e4", "Worker", "AWS::Lambda::Function", "CREATE_FAILED", "Resource creation cancelled", 13.6),
            stackEvent("e5", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Queue, Worker].", at: 14)]
        let rolledBack = failed + [("e6", "Queue", "AWS::SQS::Queue", "DELETE_COMPLETE", nil, 20), stackEvent("e7", "ROLLBACK_COMPLETE", at: 21)]
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, [review()]), AWSXML.events(stackName, started),
                           AWSXML.events(stackName, failed), AWSXML.events(stackName, rolledBack), AWSXML.events(stackName, rolledBack))

        do {
            _ = try await deployer(console.io()).deploy(sampleStack())
            XCTFail("a rolled-back create must fail")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .failed)
            XCTAssertTrue(error.message.contains("the create failed; app-dev-App is now ROLLBACK_COMPLETE"), error.message)
            XCTAssertTrue(error.message.contains("first failure: Queue (AWS::SQS::Queue, App/Queue) CREATE_FAILED: Resource handler returned message: \"Value for parameter MessageRetentionPeriod is invalid\""), error.message)
            XCTAssertTrue(error.hint?.contains("--recreate-failed") == true, error.hint ?? "")
        }
        // Every event once, oldest first, with elapsed time, construct path and reason.
        let lines = console.out.split(separator: "\n").filter { $0.hasPrefix("App  ") }.map(String.init)
        XCTAssertEqual(lines, [
            "App    0.0s  app-dev-App  CREATE_IN_PROGRESS  — User Initiated",
            "App    1.0s  Queue  CREATE_IN_PROGRESS  App/Queue",
            "App    3.5s  Queue  CREATE_FAILED  App/Queue  — Resource handler returned message: \"Value for parameter MessageRetentionPeriod is invalid\"",
            "App    3.6s  Worker  CREATE_FAILED  App/Worker  — Resource creation cancelled",
            "App    4.0s  app-dev-App  ROLLBACK_IN_PROGRESS  — The following resource(s) failed to create: [Queue, Worker].",
            "App   10.0s  Queue  DELETE_COMPLETE  App/Queue",
            "App   11.0s  app-dev-App  ROLLBACK_COMPLETE",
        ])
        let leftover = await transport.leftover
        XCTAssertEqual(leftover, [])
        let executes = await transport.forms("ExecuteChangeSet")
        XCTAssertEqual(executes.map { $0["ClientRequestToken"] }, ["tok"])
        XCTAssertEqual(executes.first?["StackName"], AWSXML.stackId(stackName), "the stack is followed by ID")
    }

    func testCreateShowsOutputsAndSetsTerminationProtection() async throws {
        await transport.on("DescribeStacks", AWSXML.missing(stackName), AWSXML.stack(stackName, status: "CREATE_COMPLETE"),
                           AWSXML.stack(stackName, status: "CREATE_COMPLETE", outputs: [("QueueUrl", "https://sqs.us-east-1.amazonaws.com/123456789012/app-dev-queue"),
                                                                                  ("BucketName", "app-dev-raw")]))
        await scriptCreate()
        await transport.on("ExecuteChangeSet", AWSXML.empty("ExecuteChangeSet"))
        let done = [review(), stackEvent("e1", "CREATE_IN_PROGRESS", "User Initiated", at: 1), stackEvent("e2", "CREATE_COMPLETE", at: 30)]
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, [review()]), AWSXML.events(stackName, done), AWSXML.events(stackName, done))
        await transport.on("UpdateTerminationProtection", AWSXML.empty("UpdateTerminationProtection"))

        let result = try await deployer(console.io()).deploy(sampleStack(protection: true))
        XCTAssertEqual(result.change, .created)
        XCTAssertEqual(result.outputs.map(\.key), ["BucketName", "QueueUrl"])
        XCTAssertTrue(console.out.contains("App outputs:\n  BucketName = app-dev-raw\n  QueueUrl = https://sqs.us-east-1.amazonaws.com/123456789012/app-dev-queue"), console.out)
        XCTAssertTrue(console.out.contains("App: termination protection on"), console.out)
        let protection = await transport.forms("UpdateTerminationProtection")
        XCTAssertEqual(protection.first?["EnableTerminationProtection"], "true")
        let create = await transport.forms("CreateChangeSet").first ?? [:]
        XCTAssertEqual(create["ChangeSetType"], "CREATE")
        XCTAssertEqual(create["Capabilities.member.1"], "CAPABILITY_IAM")
        XCTAssertNil(create["Capabilities.member.2"], "an IAM::Policy's PolicyName is not a named-IAM resource")
        XCTAssertEqual(create["Tags.member.1.Key"], "team")
        XCTAssertTrue(create["TemplateBody"]?.contains("\"Queue\"") == true)
    }

    func testNoChangesIsSuccess() async throws {
        await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "UPDATE_COMPLETE"), AWSXML.stack(stackName, status: "UPDATE_COMPLETE"))
        await transport.on("CreateChangeSet", AWSXML.created(stackName))
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, status: "FAILED",
            reason: "The submitted information didn't contain changes. Submit different information to create a change set.",
            execution: "UNAVAILABLE", changes: []))
        await transport.on("DeleteChangeSet", AWSXML.empty("DeleteChangeSet"))
        let result = try await deployer(console.io()).deploy(sampleStack())
        XCTAssertEqual(result.change, .unchanged)
        XCTAssertTrue(console.out.contains("App (app-dev-App): no changes"))
        let types = await transport.forms("CreateChangeSet").map { $0["ChangeSetType"] }
        XCTAssertEqual(types, ["UPDATE"])
        let executes = await transport.count("ExecuteChangeSet")
        XCTAssertEqual(executes, 0)
    }

    func testRollbackCompleteIsExplainedWithTheFlag() async throws {
        await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "ROLLBACK_COMPLETE"))
        do {
            _ = try await deployer(console.io()).deploy(sampleStack())
            XCTFail("ROLLBACK_COMPLETE cannot be updated")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .refused)
            XCTAssertTrue(error.message.contains("app-dev-App is in ROLLBACK_COMPLETE: its first creation failed"), error.message)
            XCTAssertEqual(error.hint, "deploy again with --recreate-failed to delete the empty stack and create it anew")
        }
    }

    func testRecreateFailedDeletesTheEmptyStackThenCreates() async throws {
        await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "ROLLBACK_COMPLETE"), AWSXML.missing(stackName),
                           AWSXML.stack(stackName, status: "CREATE_COMPLETE"), AWSXML.stack(stackName, status: "CREATE_COMPLETE"))
        let old = [stackEvent("o1", "ROLLBACK_COMPLETE", at: 0)]
        let deleted = old + [stackEvent("o2", "DELETE_IN_PROGRESS", "User Initiated", at: 5), stackEvent("o3", "DELETE_COMPLETE", at: 6)]
        let done = [review(), stackEvent("e1", "CREATE_IN_PROGRESS", at: 10), stackEvent("e2", "CREATE_COMPLETE", at: 20)]
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, old), AWSXML.events(stackName, deleted),
                           AWSXML.events(stackName, [review()]), AWSXML.events(stackName, done), AWSXML.events(stackName, done))
        await transport.on("DeleteStack", AWSXML.empty("DeleteStack"))
        await scriptCreate()
        await transport.on("ExecuteChangeSet", AWSXML.empty("ExecuteChangeSet"))
        let result = try await deployer(console.io(), recreateFailed: true).deploy(sampleStack())
        XCTAssertEqual(result.change, .created)
        XCTAssertTrue(console.out.contains("App: deleting app-dev-App (ROLLBACK_COMPLETE) to create it anew (--recreate-failed)"))
        let types = await transport.forms("CreateChangeSet").map { $0["ChangeSetType"] }
        XCTAssertEqual(types, ["CREATE"])
    }

    func testBusyStackIsRefused() async throws {
        await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "UPDATE_ROLLBACK_IN_PROGRESS"))
        do {
            _ = try await deployer(console.io()).deploy(sampleStack())
            XCTFail("a busy stack must not get a change set")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .refused)
            XCTAssertTrue(error.message.contains("busy (UPDATE_ROLLBACK_IN_PROGRESS)"), error.message)
        }
        let creates = await transport.count("CreateChangeSet")
        XCTAssertEqual(creates, 0)
    }

    /// The answer to ExecuteChangeSet is lost, but the stack's events show it started: not sent again.
    func testLostExecuteAnswerIsNotRepeatedWhenTheStackMoved() async throws {
        await transport.on("DescribeStacks", AWSXML.missing(stackName), AWSXML.stack(stackName, status: "CREATE_COMPLETE"), AWSXML.stack(stackName, status: "CREATE_COMPLETE"))
        await scriptCreate()
        await transport.fail("ExecuteChangeSet", with: TransportError(.connectionLost, "Recv failure: Connection reset by peer", endpoint: "https://cloudformation.us-east-1.amazonaws.com"))
        // Like moto, the change set still says AVAILABLE after it ran.
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, changes: adds))
        let done = [review(), stackEvent("e1", "CREATE_IN_PROGRESS", at: 1), stackEvent("e2", "CREATE_COMPLETE", at: 2)]
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, [review()]), AWSXML.events(stackName, done),
                           AWSXML.events(stackName, done), AWSXML.events(stackName, done))
        let result = try await deployer(console.io()).deploy(sampleStack())
        XCTAssertEqual(result.change, .created)
        let executes = await transport.count("ExecuteChangeSet")
        XCTAssertEqual(executes, 1)
    }

    /// An emulator that crashed in ExecuteChangeSet (an HTML 500 after writing one event) never moves again:
    /// after a few quiet polls the deploy ends, naming the call, the status and the page.
    func testAnExecutionAnsweredWithAPageEndsWhenTheStackDoesNotMove() async throws {
        let stuck = (0..<4).map { _ in AWSXML.stack(stackName, status: "REVIEW_IN_PROGRESS") }
        await transport.on("DescribeStacks", AWSXML.missing(stackName))
        for response in stuck { await transport.on("DescribeStacks", response) }
        await scriptCreate()
        await transport.on("ExecuteChangeSet", HTTPResponse(status: 500, body: Data("<!doctype html><title>500 Internal Server Error</title>".utf8)))
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, changes: adds))
        let moved = [review(), stackEvent("e1", "CREATE_IN_PROGRESS", at: 1)]
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, [review()]))
        for _ in 0..<5 { await transport.on("DescribeStackEvents", AWSXML.events(stackName, moved)) }
        do {
            _ = try await deployer(console.io()).deploy(sampleStack())
            XCTFail("a stack that never moves must not be watched forever")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .failed)
            XCTAssertEqual(error.message, "App: the endpoint answered HTTP500 (HTTP 500) to CloudFormation ExecuteChangeSet; the body is not an "
                           + "AWS error, it starts: \"500 Internal Server Error\", and app-dev-App has not moved since "
                           + "(still REVIEW_IN_PROGRESS, no new event in 3 polls); stopped watching")
        }
        let leftover = await transport.leftover
        XCTAssertEqual(leftover, [])
    }

    /// AWS's own 500 (an XML InternalFailure) is no sign of a dead endpoint: the stack is watched until it settles.
    func testAnAWSInternalFailureOnExecuteKeepsWatchingQuietPolls() async throws {
        await transport.on("DescribeStacks", AWSXML.missing(stackName))
        for _ in 0..<5 { await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "CREATE_IN_PROGRESS")) }
        await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "CREATE_COMPLETE"), AWSXML.stack(stackName, status: "CREATE_COMPLETE"))
        await scriptCreate()
        await transport.on("ExecuteChangeSet", AWSXML.error("InternalFailure", "We encountered an internal error. Please try again.", status: 500))
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, changes: adds))
        let moved = [review(), stackEvent("e1", "CREATE_IN_PROGRESS", at: 1)]
        let done = moved + [stackEvent("e2", "CREATE_COMPLETE", at: 30)]
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, [review()]))
        for _ in 0..<6 { await transport.on("DescribeStackEvents", AWSXML.events(stackName, moved)) }
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, done), AWSXML.events(stackName, done))
        let result = try await deployer(console.io()).deploy(sampleStack())
        XCTAssertEqual(result.change, .created)
        let executes = await transport.count("ExecuteChangeSet")
        XCTAssertEqual(executes, 1)
    }

    /// Lost before it reached AWS (no events, change set still AVAILABLE): sent again, same token.
    func testExecuteThatNeverArrivedIsSentAgainWithTheSameToken() async throws {
        await transport.on("DescribeStacks", AWSXML.missing(stackName), AWSXML.stack(stackName, status: "CREATE_COMPLETE"), AWSXML.stack(stackName, status: "CREATE_COMPLETE"))
        await scriptCreate()
        await transport.fail("ExecuteChangeSet", with: TransportError(.connectionLost, "Recv failure: Connection reset by peer", endpoint: "https://cloudformation.us-east-1.amazonaws.com"))
        await transport.on("ExecuteChangeSet", AWSXML.empty("ExecuteChangeSet"))
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, changes: adds))
        let done = [review(), stackEvent("e1", "CREATE_IN_PROGRESS", at: 1), stackEvent("e2", "CREATE_COMPLETE", at: 2)]
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, [review()]), AWSXML.events(stackName, [review()]),
                           AWSXML.events(stackName, done), AWSXML.events(stackName, done))
        _ = try await deployer(console.io()).deploy(sampleStack())
        let tokens = await transport.forms("ExecuteChangeSet").map { $0["ClientRequestToken"] }
        XCTAssertEqual(tokens, ["tok", "tok"])
    }

    func testBroadeningChangeWithoutTerminalIsRefusedAndCleanedUp() async throws {
        await transport.on("DescribeStacks", AWSXML.missing(stackName))
        await scriptCreate()
        await transport.on("DeleteChangeSet", AWSXML.empty("DeleteChangeSet"))
        await transport.on("DeleteStack", AWSXML.empty("DeleteStack"))
        do {
            _ = try await deployer(console.io(answer: nil), approval: .broadening).deploy(sampleStack())
            XCTFail("IAM added without a terminal to ask on")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .refused)
            XCTAssertEqual(error.hint, "run it in a terminal, or pass --require-approval never once the change set has been reviewed")
        }
        XCTAssertTrue(console.out.contains("approval needed:\n  - WorkerPolicy (App/Worker/Policy), a AWS::IAM::Policy, grants new permissions"), console.out)
        let executes = await transport.count("ExecuteChangeSet"), deletes = await transport.count("DeleteStack")
        XCTAssertEqual(executes, 0)
        XCTAssertEqual(deletes, 1, "the empty REVIEW_IN_PROGRESS stack goes too")
    }

    func testDeclinedChangeSetIsNotExecuted() async throws {
        await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "UPDATE_COMPLETE"))
        await transport.on("CreateChangeSet", AWSXML.created(stackName))
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, changes: [("Modify", "Queue", "AWS::SQS::Queue", "True")]))
        await transport.on("GetTemplate", AWSXML.template(sampleStack().templateBody))
        await transport.on("DeleteChangeSet", AWSXML.empty("DeleteChangeSet"))
        do {
            _ = try await deployer(console.io(answer: false), approval: .broadening).deploy(sampleStack())
            XCTFail("declined")
        } catch let error as DeployError {
            XCTAssertEqual(error.message, "App: not deployed (change set declined)")
        }
        XCTAssertTrue(console.out.contains("± Queue  AWS::SQS::Queue  App/Queue  [REPLACED]"), console.out)
        XCTAssertTrue(console.out.contains("Queue (App/Queue): AWS::SQS::Queue is replaced and the old one deleted with its data"), console.out)
        let deletes = await transport.count("DeleteStack")
        XCTAssertEqual(deletes, 0, "an existing stack is never deleted for a declined update")
    }

    func testCtrlCBeforeExecutingLeavesTheStackAlone() async throws {
        let stop = StopSignal()
        stop.raise()
        await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "UPDATE_COMPLETE"))
        await transport.on("CreateChangeSet", AWSXML.created(stackName))
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, changes: [("Modify", "Worker", "AWS::Lambda::Function", "False")]))
        await transport.on("GetTemplate", AWSXML.template(sampleStack().templateBody))
        await transport.on("DeleteChangeSet", AWSXML.empty("DeleteChangeSet"))
        do {
            _ = try await deployer(console.io(stop: stop)).deploy(sampleStack())
            XCTFail("interrupted")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .interrupted)
            XCTAssertEqual(error.message, "App: interrupted before executing; nothing was changed")
        }
        let executes = await transport.count("ExecuteChangeSet")
        XCTAssertEqual(executes, 0)
    }

    func testCtrlCStopsWatchingAndSaysHowToFollow() async throws {
        let stop = StopSignal()
        await transport.on("DescribeStacks", AWSXML.stack(stackName, status: "UPDATE_COMPLETE"), AWSXML.stack(stackName, status: "UPDATE_IN_PROGRESS"),
                           AWSXML.stack(stackName, status: "UPDATE_IN_PROGRESS"))
        await transport.on("CreateChangeSet", AWSXML.created(stackName))
        await transport.on("DescribeChangeSet", AWSXML.changeSet(stackName, changes: [("Modify", "Worker", "AWS::Lambda::Function", "False")]))
        await transport.on("GetTemplate", AWSXML.template(sampleStack().templateBody))
        await transport.on("ExecuteChangeSet", AWSXML.empty("ExecuteChangeSet"))
        let old = [stackEvent("o1", "CREATE_COMPLETE", at: 0)]
        let running = old + [stackEvent("e1", "UPDATE_IN_PROGRESS", "User Initiated", at: 5)]
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, old), AWSXML.events(stackName, running), AWSXML.events(stackName, running))
        do {
            _ = try await deployer(console.io(stop: stop, onSleep: { stop.raise() })).deploy(sampleStack())
            XCTFail("interrupted")
        } catch let error as DeployError {
            XCTAssertEqual(error.kind, .interrupted)
            XCTAssertEqual(error.message, "App: stopped watching; app-dev-App is still UPDATE_IN_PROGRESS")
            XCTAssertEqual(error.hint, "nothing was cancelled; follow it with `aws cloudformation describe-stack-events --stack-name app-dev-App "
                           + "--region us-east-1` or `aws cloudformation wait stack-update-complete --stack-name app-dev-App --region us-east-1`")
        }
        let cancels = await transport.count("CancelUpdateStack")
        XCTAssertEqual(cancels, 0)
    }
}
