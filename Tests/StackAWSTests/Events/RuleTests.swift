import StackAWS
import StackCore
import StackTemplate
import XCTest

final class RuleTests: XCTestCase {
    let report = BareFunction("Report")

    func testScheduleRuleWithLambdaTarget() throws {
        let template = try template {
            report
            Rule("Daily", schedule: .cron("0 22 ? * MON-FRI *"), description: "weekday report", targets: [.lambda(report)])
        }
        let rule = try XCTUnwrap(template.resources["Daily"])
        XCTAssertEqual(rule.type, "AWS::Events::Rule")
        XCTAssertEqual(rule.properties, [
            "ScheduleExpression": "cron(0 22 ? * MON-FRI *)",
            "State": "ENABLED",
            "Description": "weekday report",
            "Targets": [["Id": "Target0", "Arn": .getAtt("Report", "Arn")]],
        ])
        XCTAssertEqual(rule.constructPath, "Test/Daily")

        let permission = try XCTUnwrap(template.resources["DailyPermission0"])
        XCTAssertEqual(permission.type, "AWS::Lambda::Permission")
        XCTAssertEqual(permission.properties, [
            "Action": "lambda:InvokeFunction",
            "FunctionName": .getAtt("Report", "Arn"),
            "Principal": "events.amazonaws.com",
            "SourceArn": .getAtt("Daily", "Arn"),
        ])
        XCTAssertEqual(permission.constructPath, "Test/Daily/Permission0")
        XCTAssertEqual(template.resources.count, 3)
    }

    func testRateRuleDisabledWithInput() throws {
        let template = try template {
            report
            Rule("Poll", schedule: .rate(5, .minutes), enabled: false,
                 targets: [.lambda(report, input: ["mode": "poll", "limit": 10, "function": report.ref(), "dry": false])])
        }
        let rule = try XCTUnwrap(template.resources["Poll"])
        XCTAssertEqual(rule.properties["ScheduleExpression"], "rate(5 minutes)")
        XCTAssertEqual(rule.properties["State"], "DISABLED")
        XCTAssertNil(rule.properties["Description"])
        XCTAssertEqual(rule.properties["Targets"], [[
            "Id": "Target0", "Arn": .getAtt("Report", "Arn"),
            "Input": .join("", ["{\"dry\":false,\"function\":\"", .ref("Report"), "\",\"limit\":10,\"mode\":\"poll\"}"]),
        ]])
    }

    func testPatternRuleWithEveryTargetKind() throws {
        let pattern: TemplateValue = ["source": ["aws.s3"], "detail-type": ["Object Created"]]
        let queueArn: TemplateValue = "arn:aws:sqs:us-east-2:123456789012:uploads.fifo"
        let topicArn: TemplateValue = "arn:aws:sns:us-east-2:123456789012:alerts"
        let machineArn: TemplateValue = "arn:aws:states:us-east-2:123456789012:stateMachine:ingest"
        let streamArn: TemplateValue = "arn:aws:kinesis:us-east-2:123456789012:stream/ticks"
        let template = try template {
            report
            Rule("Uploads", pattern: pattern, targets: [
                .sqs(arn: queueArn, messageGroupID: "uploads"),
                .sns(arn: topicArn, input: ["alert": "upload"]),
                .stateMachine(arn: machineArn),
                .arn(streamArn, roleArn: "arn:aws:iam::123456789012:role/events-to-kinesis"),
                .lambda(report),
            ])
        }
        let rule = try XCTUnwrap(template.resources["Uploads"])
        XCTAssertEqual(rule.properties["EventPattern"], pattern)
        XCTAssertNil(rule.properties["ScheduleExpression"])
        XCTAssertEqual(rule.properties["Targets"], [
            ["Id": "Target0", "Arn": queueArn, "SqsParameters": ["MessageGroupId": "uploads"]],
            ["Id": "Target1", "Arn": topicArn, "Input": "{\"alert\":\"upload\"}"],
            ["Id": "Target2", "Arn": machineArn, "RoleArn": .getAtt("UploadsTarget2Role", "Arn")],
            ["Id": "Target3", "Arn": streamArn, "RoleArn": "arn:aws:iam::123456789012:role/events-to-kinesis"],
            ["Id": "Target4", "Arn": .getAtt("Report", "Arn")],
        ])
        let role = try XCTUnwrap(template.resources["UploadsTarget2Role"])
        XCTAssertEqual(role.type, "AWS::IAM::Role")
        XCTAssertEqual(role.properties["AssumeRolePolicyDocument"], TrustPolicy.service("events.amazonaws.com"))
        XCTAssertNil(role.properties["Policies"], "the grant is the role's one policy, as for every principal")
        let policy = try XCTUnwrap(template.resources["UploadsTarget2Policy"])
        XCTAssertEqual(policy.properties["PolicyDocument"], ["Version": "2012-10-17", "Statement": [
            ["Effect": "Allow", "Action": "states:StartExecution", "Resource": machineArn],
        ]])
        XCTAssertEqual(policy.properties["Roles"], [.ref("UploadsTarget2Role")])
        XCTAssertEqual(policy.properties["PolicyName"], "UploadsTarget2Policy")
        // Only the Lambda target gets a permission, named after its target index.
        XCTAssertNotNil(template.resources["UploadsPermission4"])
        XCTAssertEqual(template.resources.keys.filter { $0.hasPrefix("UploadsPermission") }, ["UploadsPermission4"])
    }

    /// A queue or topic of the stack as a target: its own policy lets the rule deliver, scoped to the rule.
    func testQueueAndTopicTargetsOfTheStackGetTheirPolicyStatements() throws {
        let queue = Queue("Uploads"), topic = Topic("Alerts")
        let template = try template {
            queue; topic
            Rule("Watch", pattern: ["source": ["aws.s3"]], targets: [.sqs(queue), .sns(topic)])
        }
        let queuePolicy = try XCTUnwrap(template.resources["UploadsPolicy"])
        XCTAssertEqual(queuePolicy.properties["PolicyDocument"]?["Statement"], [[
            "Sid": "WatchTarget0", "Effect": "Allow", "Principal": ["Service": "events.amazonaws.com"],
            "Action": "sqs:SendMessage", "Resource": .getAtt("Uploads", "Arn"),
            "Condition": ["ArnEquals": ["aws:SourceArn": .getAtt("Watch", "Arn")]],
        ]])
        let topicPolicy = try XCTUnwrap(template.resources["AlertsPolicy"])
        XCTAssertEqual(topicPolicy.type, "AWS::SNS::TopicPolicy")
        XCTAssertEqual(topicPolicy.properties["Topics"], [.ref("Alerts")])
        XCTAssertEqual(topicPolicy.properties["PolicyDocument"]?["Statement"], [[
            "Sid": "WatchTarget1", "Effect": "Allow", "Principal": ["Service": "events.amazonaws.com"],
            "Action": "sns:Publish", "Resource": .ref("Alerts"),
            "Condition": ["ArnEquals": ["aws:SourceArn": .getAtt("Watch", "Arn")]],
        ]])
    }

    func testStateMachineTargetWithGivenRoleAddsNoRole() throws {
        let template = try template {
            Rule("Start", schedule: .rate(1, .hour), targets: [
                .stateMachine(arn: "arn:aws:states:us-east-2:123456789012:stateMachine:x", role: "arn:aws:iam::123456789012:role/r"),
            ])
        }
        XCTAssertEqual(template.resources.keys.sorted(), ["Start"])
        XCTAssertEqual(template.resources["Start"]?.properties["Targets"]?.list?.first?["RoleArn"], "arn:aws:iam::123456789012:role/r")
    }

    func testTargetsByArnLeaveTheirPolicyToTheirOwner() throws {
        let template = try template {
            Rule("Uploads", pattern: ["source": ["aws.s3"]], targets: [.sqs(arn: "arn:aws:sqs:us-east-2:1:q"), .sns(arn: "t")])
        }
        XCTAssertEqual(template.resources.keys.sorted(), ["Uploads"], "no policy for a queue or topic outside the stack")
    }

    func testScheduleRuleHelperInsideAFunction() throws {
        let template = try template {
            ScheduledBareFunction(id: "Nightly", schedule: .cron("0 2 * * ? *"), input: ["job": "compact"])
        }
        XCTAssertEqual(template.resources.keys.sorted(), ["Nightly", "NightlySchedule", "NightlySchedulePermission"])
        XCTAssertEqual(template.resources["NightlySchedule"]?.properties, [
            "ScheduleExpression": "cron(0 2 * * ? *)",
            "State": "ENABLED",
            "Targets": [["Id": "Target0", "Arn": .getAtt("Nightly", "Arn"), "Input": "{\"job\":\"compact\"}"]],
        ])
        XCTAssertEqual(template.resources["NightlySchedule"]?.constructPath, "Test/Nightly/Schedule")
        XCTAssertEqual(template.resources["NightlySchedulePermission"]?.properties, [
            "Action": "lambda:InvokeFunction",
            "FunctionName": .getAtt("Nightly", "Arn"),
            "Principal": "events.amazonaws.com",
            "SourceArn": .getAtt("NightlySchedule", "Arn"),
        ])
    }

    func testLambdaTargetInAnotherStackIsImported() throws {
        let result = try synthesizer().synthesize([
            AdHocStack("Functions") { report },
            AdHocStack("Schedules") { Rule("Daily", schedule: .rate(1, .day), targets: [.lambda(report)]) },
        ])
        XCTAssertEqual(result.stacks.map(\.name), ["Functions", "Schedules"])
        let schedules = result.stacks[1].template
        XCTAssertEqual(schedules.resources["DailyPermission0"]?.properties["FunctionName"],
                       .importValue("test-Functions:Report:Arn"))
        XCTAssertEqual(result.stacks[0].template.outputs["ExportReportArn"]?.exportName, "test-Functions:Report:Arn")
    }

    // MARK: Diagnostics

    func testInvalidScheduleDiagnostic() {
        let errors = synthesisErrors {
            report
            Rule("Daily", schedule: .cron("0 25 * * ? *"), targets: [.lambda(report)])
        }
        XCTAssertEqual(errors, [Diagnostic(.error, path: "Test/Daily", property: "schedule", code: "invalid-schedule",
                                           message: "cron(0 25 * * ? *): hours field '25' is out of range 0-23",
                                           hint: "use 0-23 with , - * / (e.g. 8-17)")])
    }

    func testInvalidRateDiagnostic() {
        let errors = synthesisErrors { Rule("Poll", schedule: .rate(1, .minutes), targets: []) }
        XCTAssertEqual(errors.map(\.code), ["invalid-schedule"])
        XCTAssertEqual(errors.first?.message, "rate(1 minutes): a value of 1 needs the singular unit 'minute'")
        XCTAssertEqual(errors.first?.path, "Test/Poll")
    }

    func testRuleNeedsScheduleOrPattern() {
        let errors = synthesisErrors { Rule("Empty", targets: []) }
        XCTAssertEqual(errors.map(\.code), ["invalid-rule"])
        XCTAssertEqual(errors.first?.path, "Test/Empty")
        XCTAssertEqual(errors.first?.message, "a rule needs a schedule or an event pattern")
    }

    func testRuleCannotHaveBothScheduleAndPattern() {
        let errors = synthesisErrors { Rule("Both", schedule: .rate(5, .minutes), pattern: ["source": ["x"]], targets: []) }
        XCTAssertEqual(errors.map(\.code), ["invalid-rule"])
        XCTAssertEqual(errors.first?.message, "a rule has either a schedule or an event pattern, not both")
    }

    func testRuleWithEmptyPattern() {
        let errors = synthesisErrors { Rule("Nothing", pattern: [:], targets: []) }
        XCTAssertEqual(errors.map(\.code), ["invalid-rule"])
        XCTAssertEqual(errors.first?.property, "pattern")
        XCTAssertEqual(errors.first?.message, "the event pattern is empty")
    }

    func testAtMostFiveTargets() {
        let errors = synthesisErrors {
            Rule("Fanout", schedule: .rate(1, .hour), targets: (0..<6).map { .sns(arn: .string("arn:aws:sns:us-east-2:123456789012:t\($0)")) })
        }
        XCTAssertEqual(errors, [Diagnostic(.error, path: "Test/Fanout", property: "targets", code: "invalid-rule",
                                           message: "the rule has 6 targets; EventBridge allows 5 per rule",
                                           hint: "split the targets over several rules with the same schedule or pattern")])
    }

    func testDescriptionTooLong() {
        let errors = synthesisErrors {
            Rule("Long", schedule: .rate(1, .hour), description: String(repeating: "x", count: 513), targets: [])
        }
        XCTAssertEqual(errors.map(\.code), ["invalid-rule"])
        XCTAssertEqual(errors.first?.property, "description")
    }

    func testScheduleRuleHelperReportsInvalidSchedule() {
        let errors = synthesisErrors {
            ScheduledBareFunction(id: "Nightly", schedule: .cron("0 2 * * * *"), input: nil)
        }
        XCTAssertEqual(errors.map(\.code), ["invalid-schedule"])
        XCTAssertEqual(errors.first?.path, "Test/Nightly")
        XCTAssertEqual(errors.first?.property, "schedule")
        XCTAssertEqual(errors.first?.message, "cron(0 2 * * * *): one of day-of-month ('*') and day-of-week ('*') must be '?'")
    }
}

extension TemplateValue {
    fileprivate var list: [TemplateValue]? {
        if case .list(let items) = self { return items }
        return nil
    }
}
