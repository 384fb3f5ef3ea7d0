import StackCore
import StackTemplate

/// An EventBridge rule on the default event bus: a schedule or an event pattern, and up to five targets.
///
/// ```swift
/// Rule("Daily", schedule: .cron("0 22 ? * MON-FRI *"), targets: [.lambda(report)])
/// Rule("Uploads", pattern: ["source": ["aws.s3"], "detail-type": ["Object Created"]], targets: [.sqs(arn: queue.arn)])
/// ```
///
/// A Lambda target gets its `AWS::Lambda::Permission` from the rule (child `PermissionN` for `TargetN`);
/// a state machine target without a role gets one (child `TargetNRole`) allowed `states:StartExecution`
/// on it. SQS and SNS targets need a resource policy on the queue or topic allowing
/// `events.amazonaws.com` with `aws:SourceArn` = the rule's ARN: the rule does not write that policy,
/// because a queue or topic has a single policy that its own construct owns (a second
/// `QueuePolicy`/`TopicPolicy` would replace it). Add `RuleTarget.resourcePolicyStatement(ruleArn:)`
/// to the queue's or topic's policy.
public struct Rule: Referenceable {
    public let id: String
    public var schedule: Schedule?
    /// The event pattern (a map such as `["source": ["aws.s3"]]`).
    public var pattern: TemplateValue?
    public var enabled: Bool
    public var description: String?
    public var targets: [RuleTarget]

    /// EventBridge allows five targets per rule.
    public static let maxTargets = 5

    public init(
        _ id: String, schedule: Schedule? = nil, pattern: TemplateValue? = nil, enabled: Bool = true,
        description: String? = nil, targets: [RuleTarget]
    ) {
        self.id = id
        self.schedule = schedule
        self.pattern = pattern
        self.enabled = enabled
        self.description = description
        self.targets = targets
    }

    /// The rule's ARN (`Fn::GetAtt Arn`).
    public var arn: TemplateValue { attribute("Arn") }
    /// The rule's name (`Ref`).
    public var name: TemplateValue { ref() }

    public func synthesize(in scope: Scope) {
        var properties: TemplateMap = ["State": enabled ? "ENABLED" : "DISABLED"]
        switch (schedule, pattern) {
        case (nil, nil):
            scope.error("invalid-rule", "a rule needs a schedule or an event pattern",
                        hint: "pass schedule: .rate(5, .minutes) or pattern: [\"source\": [\"aws.s3\"]]")
        case (.some, .some):
            scope.error("invalid-rule", "a rule has either a schedule or an event pattern, not both",
                        hint: "split it into two rules with the same targets")
        case (let schedule?, nil):
            scope.validate(schedule)
            properties["ScheduleExpression"] = .string(schedule.expression)
        case (nil, let pattern?):
            if Self.isEmptyPattern(pattern) {
                scope.error("invalid-rule", "the event pattern is empty", hint: "match at least one field, e.g. [\"source\": [\"aws.s3\"]]",
                            property: "pattern")
            }
            properties["EventPattern"] = pattern
        }
        if let description {
            if description.count > 512 {
                scope.error("invalid-rule", "the description is \(description.count) characters; EventBridge allows 512",
                            hint: "shorten it", property: "description")
            }
            properties["Description"] = .string(description)
        }
        if targets.count > Self.maxTargets {
            scope.error("invalid-rule", "the rule has \(targets.count) targets; EventBridge allows \(Self.maxTargets) per rule",
                        hint: "split the targets over several rules with the same schedule or pattern", property: "targets")
        }

        let ruleArn = scope.getAtt("", "Arn")
        var rendered: [TemplateValue] = []
        for (index, target) in targets.enumerated() {
            let targetID = "Target\(index)"
            var fields: [String: TemplateValue] = ["Id": .string(targetID), "Arn": target.arn]
            if let input = target.input { fields["Input"] = RuleInput.json(input) }
            switch target.kind {
            case .lambda:
                scope.resource("Permission\(index)", ScheduleRule.invokePermission(
                    function: target.arn, principal: "events.amazonaws.com", sourceArn: ruleArn))
            case .sqs(let messageGroupID):
                if let messageGroupID { fields["SqsParameters"] = ["MessageGroupId": .string(messageGroupID)] }
            case .sns:
                break
            case .stateMachine(let role):
                if let role {
                    fields["RoleArn"] = role
                } else {
                    let roleName = "\(targetID)Role"
                    scope.resource(roleName, Resource(type: "AWS::IAM::Role", properties: [
                        "AssumeRolePolicyDocument": TrustPolicy.service("events.amazonaws.com"),
                        "Policies": [[
                            "PolicyName": "StartExecution",
                            "PolicyDocument": PolicyStatement.document([
                                PolicyStatement(actions: ["states:StartExecution"], resources: [target.arn]),
                            ]),
                        ]],
                    ]))
                    fields["RoleArn"] = scope.getAtt(roleName, "Arn")
                }
            case .other(let role):
                if let role { fields["RoleArn"] = role }
            }
            rendered.append(.map(fields))
        }
        if !rendered.isEmpty { properties["Targets"] = .list(rendered) }
        scope.resource("", Resource(type: "AWS::Events::Rule", properties: properties))
    }

    static func isEmptyPattern(_ pattern: TemplateValue) -> Bool {
        switch pattern {
        case .map(let fields): return fields.isEmpty
        case .string(let text): return text.allSatisfy { $0.isWhitespace || $0 == "{" || $0 == "}" }
        default: return false
        }
    }
}

/// Where a rule sends matching events.
public struct RuleTarget: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case lambda
        /// `messageGroupId` is required for FIFO queues.
        case sqs(messageGroupID: String?)
        case sns
        /// `nil` role: the rule creates one allowed to start this state machine.
        case stateMachine(role: TemplateValue?)
        /// Any other target ARN, with the role EventBridge assumes to reach it, if the service needs one.
        case other(role: TemplateValue?)
    }

    public var kind: Kind
    public var arn: TemplateValue
    /// The JSON value delivered instead of the event (a map becomes a JSON object); nil sends the event.
    public var input: TemplateValue?

    public init(kind: Kind, arn: TemplateValue, input: TemplateValue? = nil) {
        self.kind = kind
        self.arn = arn
        self.input = input
    }

    /// Invokes a Lambda function (its `Arn` attribute); the rule adds the invoke permission.
    public static func lambda(_ function: any Referenceable, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .lambda, arn: function.attribute("Arn"), input: input)
    }

    /// Invokes a Lambda function by ARN; the rule adds the invoke permission.
    public static func lambda(arn: TemplateValue, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .lambda, arn: arn, input: input)
    }

    /// Sends to a queue. The queue's policy must allow `sqs:SendMessage` from the rule:
    /// see `resourcePolicyStatement(ruleArn:)`.
    public static func sqs(arn: TemplateValue, messageGroupID: String? = nil, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .sqs(messageGroupID: messageGroupID), arn: arn, input: input)
    }

    /// Publishes to a topic. The topic's policy must allow `sns:Publish` from the rule:
    /// see `resourcePolicyStatement(ruleArn:)`.
    public static func sns(arn: TemplateValue, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .sns, arn: arn, input: input)
    }

    /// Starts a Step Functions execution; without `role` the rule creates a role allowed to.
    public static func stateMachine(arn: TemplateValue, role: TemplateValue? = nil, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .stateMachine(role: role), arn: arn, input: input)
    }

    /// Any other target (Kinesis, Firehose, another bus...): the ARN and the role EventBridge assumes.
    public static func arn(_ arn: TemplateValue, roleArn: TemplateValue? = nil, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .other(role: roleArn), arn: arn, input: input)
    }

    /// For SQS and SNS targets: the statement the queue's or topic's resource policy needs so that
    /// EventBridge may deliver events from the rule (nil for other targets).
    public func resourcePolicyStatement(ruleArn: TemplateValue) -> TemplateValue? {
        let action: String
        switch kind {
        case .sqs: action = "sqs:SendMessage"
        case .sns: action = "sns:Publish"
        default: return nil
        }
        return [
            "Effect": "Allow",
            "Principal": ["Service": "events.amazonaws.com"],
            "Action": .string(action),
            "Resource": arn,
            "Condition": ["ArnEquals": ["aws:SourceArn": ruleArn]],
        ]
    }
}

/// Adds a schedule rule that invokes a function, inside the function's own scope. The Lambda
/// function construct calls this for its schedule triggers:
///
/// ```swift
/// ScheduleRule.add(in: scope, schedule: .rate(5, .minutes), functionArn: scope.getAtt("", "Arn"), input: nil)
/// ```
///
/// It adds the children `<name>` (`AWS::Events::Rule`) and `<name>Permission` (`AWS::Lambda::Permission`);
/// an invalid expression is an `invalid-schedule` error on the property `schedule`.
public enum ScheduleRule {
    @discardableResult
    public static func add(
        in scope: Scope, name: String = "Schedule", schedule: Schedule, functionArn: TemplateValue,
        input: TemplateValue? = nil, enabled: Bool = true, description: String? = nil
    ) -> TemplateValue {
        scope.validate(schedule, property: "schedule")
        var target: [String: TemplateValue] = ["Id": "Target0", "Arn": functionArn]
        if let input { target["Input"] = RuleInput.json(input) }
        var properties: TemplateMap = [
            "ScheduleExpression": .string(schedule.expression),
            "State": enabled ? "ENABLED" : "DISABLED",
            "Targets": [.map(target)],
        ]
        if let description { properties["Description"] = .string(description) }
        scope.resource(name, Resource(type: "AWS::Events::Rule", properties: properties))
        let ruleArn = scope.getAtt(name, "Arn")
        scope.resource(name + "Permission", ScheduleRule.invokePermission(
            function: functionArn, principal: "events.amazonaws.com", sourceArn: ruleArn))
        return ruleArn
    }
}

extension ScheduleRule {
    /// An `AWS::Lambda::Permission` letting `principal` invoke `function` on behalf of `sourceArn`.
    public static func invokePermission(function: TemplateValue, principal: String, sourceArn: TemplateValue) -> Resource {
        Resource(type: "AWS::Lambda::Permission", properties: [
            "Action": "lambda:InvokeFunction",
            "FunctionName": function,
            "Principal": .string(principal),
            "SourceArn": sourceArn,
        ])
    }
}

/// A target's `Input` is JSON text. `json(_:)` writes a value as JSON with sorted keys; literal parts
/// become text, and references (`Ref`, `Fn::GetAtt`, tokens, joins) become JSON strings filled in by
/// CloudFormation through `Fn::Join` — fine for names and ARNs, which need no escaping.
public enum RuleInput {
    public static func json(_ value: TemplateValue) -> TemplateValue {
        var parts: [TemplateValue] = []
        var text = ""
        write(value, into: &text, parts: &parts)
        parts.append(.string(text))
        return TemplateValue.join("", parts).simplifiedJoin
    }

    private static func write(_ value: TemplateValue, into text: inout String, parts: inout [TemplateValue]) {
        switch value {
        case .string(let s): text += quoted(s)
        case .int(let n): text += String(n)
        case .double(let d): text += d.isFinite ? String(d) : "null"
        case .bool(let b): text += b ? "true" : "false"
        case .null: text += "null"
        case .list(let items):
            text += "["
            for (i, item) in items.enumerated() {
                if i > 0 { text += "," }
                write(item, into: &text, parts: &parts)
            }
            text += "]"
        case .map(let fields):
            text += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { text += "," }
                text += quoted(key) + ":"
                write(fields[key]!, into: &text, parts: &parts)
            }
            text += "}"
        default:
            text += "\""
            parts.append(.string(text))
            parts.append(value)
            text = "\""
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
