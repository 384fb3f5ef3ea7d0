import AWSClient
import Foundation
@testable import StackDeploy
import StackTemplate
import XCTest

/// When a change set needs a yes, how it prints, and in which order stacks run.
final class ApprovalAndScheduleTests: XCTestCase {
    typealias Change = CloudFormation.ResourceChange

    func testBroadeningAsksOnlyForWiderPermissionsOrLostData() {
        let old = sampleStack(policyActions: ["sqs:SendMessage"]).template
        let same = sampleStack(policyActions: ["sqs:SendMessage"]).template
        let wider = sampleStack(policyActions: ["sqs:SendMessage", "sqs:DeleteQueue"]).template
        let narrower = sampleStack(policyActions: []).template
        let policy = ApprovalPolicy(level: .broadening)
        let modifyPolicy = [Change(action: "Modify", logicalId: "WorkerPolicy", resourceType: "AWS::IAM::Policy", replacement: "False")]

        XCTAssertEqual(policy.reasons(modifyPolicy, new: same, old: old), [])
        XCTAssertEqual(policy.reasons(modifyPolicy, new: narrower, old: old), [], "a narrowing is not a broadening")
        XCTAssertEqual(policy.reasons(modifyPolicy, new: wider, old: old),
                       ["WorkerPolicy (App/Worker/Policy), a AWS::IAM::Policy, grants new permissions (PolicyDocument: 1 added — access widens)"])
        XCTAssertEqual(policy.reasons(modifyPolicy, new: same, old: nil).count, 1, "unknown deployed template: ask")

        // CloudFormation's replacement answers count even where the template text did not change.
        XCTAssertEqual(policy.reasons([Change(action: "Modify", logicalId: "Worker", resourceType: "AWS::Lambda::Function", replacement: "True")],
                                      new: same, old: old), [], "a replaced function holds no data")
        XCTAssertEqual(policy.reasons([Change(action: "Modify", logicalId: "Queue", resourceType: "AWS::SQS::Queue", replacement: "Conditional")],
                                      new: same, old: old),
                       ["Queue (App/Queue): AWS::SQS::Queue may be replaced, and the old one would be deleted with its data (no UpdateReplacePolicy: Retain)"])
        XCTAssertEqual(policy.reasons([Change(action: "Modify", logicalId: "Queue", resourceType: "AWS::SQS::Queue", replacement: "False")],
                                      new: same, old: old), [])

        var withTable = old
        withTable.resources["Old"] = Resource(type: "AWS::DynamoDB::Table", properties: ["TableName": "old"])
        let remove = [Change(action: "Remove", logicalId: "Old", resourceType: "AWS::DynamoDB::Table")]
        XCTAssertEqual(policy.reasons(remove, new: same, old: withTable),
                       ["Old: AWS::DynamoDB::Table is deleted with its data (no DeletionPolicy: Retain)"])
        withTable.resources["Old"]?.deletionPolicy = .retain
        XCTAssertEqual(policy.reasons(remove, new: same, old: withTable), [], "a retained table stays in the account: no data is lost")
    }

    func testNeverAndAnyChange() {
        let change = [Change(action: "Modify", logicalId: "Worker", resourceType: "AWS::Lambda::Function")]
        let template = sampleStack().template
        XCTAssertEqual(ApprovalPolicy(level: .never).reasons(change, new: template, old: nil), [])
        XCTAssertEqual(ApprovalPolicy(level: .anyChange).reasons(change, new: template, old: template), ["1 change (--require-approval any-change)"])
    }

    func testReportOrdersAndMarksReplacements() {
        let changes = [
            Change(action: "Remove", logicalId: "Gone", resourceType: "AWS::SNS::Topic"),
            Change(action: "Modify", logicalId: "Queue", resourceType: "AWS::SQS::Queue", replacement: "True",
                   details: [.init(attribute: "Properties", name: "QueueName", requiresRecreation: "Always")]),
            Change(action: "Modify", logicalId: "Worker", resourceType: "AWS::Lambda::Function", replacement: "False",
                   details: [.init(attribute: "Properties", name: "Code", requiresRecreation: "Never")]),
            Change(action: "Add", logicalId: "WorkerPolicy", resourceType: "AWS::IAM::Policy"),
        ]
        let report = ChangeSetReport(stack: sampleStack(), changes: changes, deployedPaths: ["Gone": "App/Gone"])
        XCTAssertEqual(report.lines, [
            "App (app-dev-App): 1 to add, 1 to modify, 1 to replace, 1 to remove",
            "  + WorkerPolicy  AWS::IAM::Policy       App/Worker/Policy",
            "  ~ Worker        AWS::Lambda::Function  App/Worker  (Code)",
            "  ± Queue         AWS::SQS::Queue        App/Queue  [REPLACED: QueueName]",
            "  - Gone          AWS::SNS::Topic        App/Gone",
        ])
    }

    func testCapabilitiesFollowTheTemplate() {
        var stack = sampleStack()
        XCTAssertEqual(stack.capabilities, [.iam])
        stack.template.resources["Role"] = Resource(type: "AWS::IAM::Role", properties: ["RoleName": "fixed"])
        stack.template.transforms = ["AWS::Serverless-2016-10-31"]
        XCTAssertEqual(stack.capabilities, [.iam, .namedIAM, .autoExpand])
    }

    actor Log {
        var events: [String] = []
        var running = 0, peak = 0
        func start(_ name: String) { events.append("start \(name)"); running += 1; peak = max(peak, running) }
        func end(_ name: String) { events.append("end \(name)"); running -= 1 }
    }

    func testSchedulerRespectsDependenciesAndConcurrency() async {
        let items: [StackScheduler.Item] = [.init(name: "Base", dependencies: []), .init(name: "Other", dependencies: []),
                                            .init(name: "App", dependencies: ["Base"])]
        let log = Log()
        let run = await StackScheduler(items: items, concurrency: 2).run { name in
            await log.start(name)
            try await Task.sleep(nanoseconds: 20_000_000)
            await log.end(name)
            return name
        }
        XCTAssertEqual(run.failures.count, 0)
        let events = await log.events, peak = await log.peak
        XCTAssertLessThan(events.firstIndex(of: "end Base")!, events.firstIndex(of: "start App")!)
        XCTAssertEqual(peak, 2, "Base and Other run together")

        let reversed = Log()
        _ = await StackScheduler(items: items, concurrency: 1, reversed: true).run { name in
            await reversed.start(name); await reversed.end(name); return name
        }
        let order = await reversed.events.filter { $0.hasPrefix("start") }
        XCTAssertLessThan(order.firstIndex(of: "start App")!, order.firstIndex(of: "start Base")!, "destroy: dependents first")
    }

    func testSchedulerStartsNothingNewAfterAFailure() async {
        struct Boom: Error {}
        let items: [StackScheduler.Item] = [.init(name: "Base", dependencies: []), .init(name: "App", dependencies: ["Base"])]
        let run = await StackScheduler(items: items, concurrency: 1).run { name -> String in
            if name == "Base" { throw Boom() }
            return name
        }
        XCTAssertEqual(run.failures.map(\.0), ["Base"])
        XCTAssertEqual(run.skipped, ["App"])
    }
}
