import AWSClient
import Foundation
@testable import StackDeploy
import TestSupport
import XCTest

/// A stack that stays in progress with no new event: the watcher warns once per quiet spell, names what
/// is still in progress and where to look. The clock is the test's; each poll's wait moves it a minute.
final class EventWatcherStallTests: XCTestCase {
    let transport = ActionTransport()
    let stackName = "app-dev-App"

    func testAQuietStackIsReportedOncePerStallWithWhatIsStillInProgress() async throws {
        let clock = TestClock(), warnings = Lines()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let io = DeployIO(out: { _ in }, err: { warnings.add("t=\(Int(clock.now)) \($0)") }, ask: { _ in nil },
                          sleep: { _ in clock.advance(60) }, pollInterval: 60,
                          now: { start.addingTimeInterval(clock.now) }, stallWarningAfter: 300)
        let watcher = EventWatcher(client: CloudFormationClient(context: scriptedContext(transport)), io: io,
                                   stackName: stackName, label: "App", paths: ["Worker": "App/Worker", "Queue": "App/Queue"])
        let old = [("o1", stackName, "AWS::CloudFormation::Stack", "CREATE_COMPLETE", nil as String?, 0.0)]
        let started = old + [("e1", stackName, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated", 5),
                             ("e2", "Worker", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS", nil, 6)]
        let moved = started + [("e3", "Worker", "AWS::Lambda::Function", "UPDATE_COMPLETE", nil, 480),
                               ("e4", "Queue", "AWS::SQS::Queue", "UPDATE_IN_PROGRESS", nil, 481)]
        let done = moved + [("e5", "Queue", "AWS::SQS::Queue", "UPDATE_COMPLETE", nil, 840),
                            ("e6", stackName, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", nil, 841)]
        // Polls at t = 0, 60, ..., 840: the worker goes quiet from 0, the queue from 480; done at 840.
        var events = [AWSXML.events(stackName, old)]  // the marker
        var stacks: [HTTPResponse] = []
        for t in stride(from: 0, through: 840, by: 60) {
            events.append(AWSXML.events(stackName, t < 480 ? started : t < 840 ? moved : done))
            stacks.append(AWSXML.stack(stackName, status: t < 840 ? "UPDATE_IN_PROGRESS" : "UPDATE_COMPLETE"))
        }
        events.append(AWSXML.events(stackName, done))  // read again once settled
        for response in events { await transport.on("DescribeStackEvents", response) }
        for response in stacks { await transport.on("DescribeStacks", response) }

        let marker = try await watcher.marker()
        let outcome = try await watcher.watch(after: marker)
        XCTAssertEqual(outcome.status, "UPDATE_COMPLETE")

        let lines = warnings.text.split(separator: "\n").filter { $0.hasPrefix("t=") }.map(String.init)
        XCTAssertEqual(lines, [
            "t=300 warning: App: app-dev-App is still UPDATE_IN_PROGRESS with no new event for 5 min; "
                + "still in progress: Worker (AWS::Lambda::Function, App/Worker)",
            "t=780 warning: App: app-dev-App is still UPDATE_IN_PROGRESS with no new event for 5 min; "
                + "still in progress: Queue (AWS::SQS::Queue, App/Queue)",
        ])
        let text = warnings.text
        XCTAssertTrue(text.contains("hint: a resource may be waiting on something outside CloudFormation: the stack's Events tab"), text)
        XCTAssertTrue(text.contains("`aws cloudformation describe-stack-events --stack-name app-dev-App --region us-east-1`"), text)
        XCTAssertTrue(text.contains("a custom resource whose function never answered"), text)
        XCTAssertTrue(text.contains("an ECS service waits for its tasks to be healthy and a Lambda function for its state"), text)
        let leftover = await transport.leftover
        XCTAssertEqual(leftover, [])
    }

    func testAStackThatKeepsMovingIsNeverWarnedAbout() async throws {
        let clock = TestClock(), warnings = Lines()
        let io = DeployIO(out: { _ in }, err: { warnings.add($0) }, ask: { _ in nil }, sleep: { _ in clock.advance(200) },
                          now: { Date(timeIntervalSince1970: clock.now) }, stallWarningAfter: 300)
        let watcher = EventWatcher(client: CloudFormationClient(context: scriptedContext(transport)), io: io,
                                   stackName: stackName, label: "App", paths: [:])
        var history: [(String, String, String, String, String?, Double)] = []
        for poll in 0..<6 {
            history.append(("e\(poll)", "Worker\(poll)", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS", nil, Double(poll)))
            await transport.on("DescribeStackEvents", AWSXML.events(stackName, history))
            await transport.on("DescribeStacks", AWSXML.stack(stackName, status: poll < 5 ? "UPDATE_IN_PROGRESS" : "UPDATE_COMPLETE"))
        }
        await transport.on("DescribeStackEvents", AWSXML.events(stackName, history))
        _ = try await watcher.watch(after: nil)
        XCTAssertEqual(warnings.text, "\n", "a new event every 200 s never reaches the 300 s threshold")
    }
}
