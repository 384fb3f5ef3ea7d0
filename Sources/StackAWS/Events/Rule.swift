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
/// a state machine target without a role gets a service role (children `TargetNRole`, `TargetNPolicy`)
/// allowed `states:StartExecution` on it. A queue or topic of the stack (`.sqs(queue)`, `.sns(topic)`)
/// gets a statement in its own resource policy allowing `events.amazonaws.com` from this rule; a target
/// given only by ARN (`.sqs(arn:)`) is outside the stack, and its policy is its owner's to write.
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
            scope.error(.invalidRule, "a rule needs a schedule or an event pattern",
                        hint: "pass schedule: .rate(5, .minutes) or pattern: [\"source\": [\"aws.s3\"]]")
        case (.some, .some):
            scope.error(.invalidRule, "a rule has either a schedule or an event pattern, not both",
                        hint: "split it into two rules with the same targets")
        case (let schedule?, nil):
            scope.validate(schedule)
            properties["ScheduleExpression"] = .string(schedule.expression)
        case (nil, let pattern?):
            if Self.isEmptyPattern(pattern) {
                scope.error(.invalidRule, "the event pattern is empty", hint: "match at least one field, e.g. [\"source\": [\"aws.s3\"]]",
                            property: "pattern")
            }
            properties["EventPattern"] = pattern
        }
        if let description {
            if description.count > 512 {
                scope.error(.invalidRule, "the description is \(description.count) characters; EventBridge allows 512",
                            hint: "shorten it", property: "description")
            }
            properties["Description"] = .string(description)
        }
        if targets.count > Self.maxTargets {
            scope.error(.invalidRule, "the rule has \(targets.count) targets; EventBridge allows \(Self.maxTargets) per rule",
                        hint: "split the targets over several rules with the same schedule or pattern", property: "targets")
        }

        let ruleArn = scope.getAtt("", "Arn")
        var rendered: [TemplateValue] = []
        for (index, target) in targets.enumerated() {
            let targetID = "Target\(index)"
            var fields: [String: TemplateValue] = ["Id": .string(targetID), "Arn": target.arn]
            if let input = target.input { fields["Input"] = JSONWithReferences.text(input) }
            switch target.kind {
            case .lambda:
                scope.resource("Permission\(index)", LambdaPermission.invoke(target.arn, by: "events.amazonaws.com", sourceArn: ruleArn))
            case .sqs(let messageGroupID):
                if let messageGroupID { fields["SqsParameters"] = ["MessageGroupId": .string(messageGroupID)] }
            case .sns:
                break
            case .stateMachine(let role):
                if let role {
                    fields["RoleArn"] = role
                } else {
                    let role = ServiceRole(
                        service: "events.amazonaws.com", description: "Starts executions for \(scope.fullPath) \(targetID)",
                        statements: [PolicyStatement(actions: ["states:StartExecution"], resources: [target.arn])])
                    fields["RoleArn"] = role.add(in: scope, prefix: targetID).arn
                }
            case .other(let role):
                if let role { fields["RoleArn"] = role }
            }
            if let owner = target.policyOwner, let action = target.deliveryAction {
                scope.contribute([.service("events.amazonaws.com", sid: LogicalID.from(relativePath: scope.path) + targetID,
                                           actions: [action], on: [target.arn], from: ruleArn)],
                                 toPolicyOf: owner)
                // Encrypted with the stack's key: EventBridge encrypts what it delivers with it. Scoped to the
                // account, not the rule: the rule refers to its target, which refers to the key (a cycle);
                // the target's own policy is what names this rule.
                if scope.customerKey != nil {
                    scope.contribute([CustomerKey.serviceUse("events.amazonaws.com", sid: LogicalID.from(relativePath: scope.path) + targetID,
                                                             condition: ["StringEquals": ["aws:SourceAccount": .accountId]])],
                                     toPolicyOf: DataKey.id)
                }
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
    /// The id of the queue or topic of this stack whose resource policy must let the rule deliver.
    public var policyOwner: String?

    public init(kind: Kind, arn: TemplateValue, input: TemplateValue? = nil, policyOwner: String? = nil) {
        self.kind = kind
        self.arn = arn
        self.input = input
        self.policyOwner = policyOwner
    }

    /// What EventBridge does to an SQS or SNS target (nil for the others).
    var deliveryAction: String? {
        switch kind {
        case .sqs: return SQSActions.send[0]
        case .sns: return SNSActions.publish[0]
        default: return nil
        }
    }

    /// Sends to a queue of this stack; its policy gets the statement that lets the rule send.
    public static func sqs(_ queue: Queue, messageGroupID: String? = nil, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .sqs(messageGroupID: messageGroupID), arn: queue.arn, input: input, policyOwner: queue.id)
    }

    /// Publishes to a topic of this stack; its policy gets the statement that lets the rule publish.
    public static func sns(_ topic: Topic, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .sns, arn: topic.arn, input: input, policyOwner: topic.id)
    }

    /// Invokes a Lambda function (its `Arn` attribute); the rule adds the invoke permission.
    public static func lambda(_ function: any Referenceable, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .lambda, arn: function.attribute("Arn"), input: input)
    }

    /// Invokes a Lambda function by ARN; the rule adds the invoke permission.
    public static func lambda(arn: TemplateValue, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .lambda, arn: arn, input: input)
    }

    /// Sends to a queue outside this stack, by ARN; its policy must allow `sqs:SendMessage` from the rule.
    public static func sqs(arn: TemplateValue, messageGroupID: String? = nil, input: TemplateValue? = nil) -> RuleTarget {
        RuleTarget(kind: .sqs(messageGroupID: messageGroupID), arn: arn, input: input)
    }

    /// Publishes to a topic outside this stack, by ARN; its policy must allow `sns:Publish` from the rule.
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
        if let input { target["Input"] = JSONWithReferences.text(input) }
        var properties: TemplateMap = [
            "ScheduleExpression": .string(schedule.expression),
            "State": enabled ? "ENABLED" : "DISABLED",
            "Targets": [.map(target)],
        ]
        if let description { properties["Description"] = .string(description) }
        scope.resource(name, Resource(type: "AWS::Events::Rule", properties: properties))
        let ruleArn = scope.getAtt(name, "Arn")
        scope.resource(name + "Permission", LambdaPermission.invoke(functionArn, by: "events.amazonaws.com", sourceArn: ruleArn))
        return ruleArn
    }
}
