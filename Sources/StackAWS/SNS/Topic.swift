import StackCore
import StackTemplate

/// An SNS topic, encrypted with the AWS managed key `alias/aws/sns`, with its subscriptions.
///
/// ```swift
/// Topic("TrendAlerts", subscriptions: [.email("oncall@example.com"), .sqs(alertsQueue)])
/// ```
///
/// Each subscription is a child `AWS::SNS::Subscription`: e-mails are `Email0`, `Email1`… by position
/// among the e-mail subscriptions; queues and functions are named after their construct id
/// (`SqsAlerts`, `LambdaNotify`) so that reordering the list does not replace them. A queue subscription
/// adds a statement letting this topic send to the queue to the queue's own policy (so any number of
/// topics can deliver to one queue); a function subscription adds an `AWS::Lambda::Permission`
/// (`LambdaNotifyPermission`) letting it invoke the function. Rules that publish to the topic add
/// statements to its `AWS::SNS::TopicPolicy` (child `Policy`).
public struct Topic: Referenceable {
    public struct Subscription: Equatable, Sendable {
        enum Kind: Equatable, Sendable {
            case email(String)
            case sqs(Queue, rawMessageDelivery: Bool)
            case lambda(any Referenceable)

            static func == (a: Kind, b: Kind) -> Bool {
                switch (a, b) {
                case (.email(let x), .email(let y)): return x == y
                case (.sqs(let x, let rawX), .sqs(let y, let rawY)): return x == y && rawX == rawY
                case (.lambda(let x), .lambda(let y)): return x.isSame(as: y)
                default: return false
                }
            }
        }

        let kind: Kind

        /// Delivers messages to an e-mail address (the recipient confirms the subscription once).
        public static func email(_ address: String) -> Subscription { Subscription(kind: .email(address)) }

        /// Delivers messages to a queue; `rawMessageDelivery` drops the SNS envelope.
        public static func sqs(_ queue: Queue, rawMessageDelivery: Bool = false) -> Subscription {
            Subscription(kind: .sqs(queue, rawMessageDelivery: rawMessageDelivery))
        }

        /// Invokes a Lambda function (a construct whose primary resource is an `AWS::Lambda::Function`).
        public static func lambda(_ function: some Referenceable) -> Subscription {
            Subscription(kind: .lambda(function))
        }
    }

    public let id: String
    public let explicitName: String?
    public let fifo: Bool
    public let subscriptions: [Subscription]

    public init(_ id: String, name: String? = nil, fifo: Bool = false, subscriptions: [Subscription] = []) {
        self.id = id
        self.explicitName = name
        self.fifo = fifo
        self.subscriptions = subscriptions
    }

    // MARK: References

    /// The topic ARN (`Ref`).
    public var arn: TemplateValue { ref() }
    /// The topic name (`Fn::GetAtt TopicName`).
    public var name: TemplateValue { attribute("TopicName") }

    /// `name`, or `<namePrefix>-<stack>-<path>` in kebab case (plus `.fifo` for FIFO topics).
    public func physicalName(in scope: Scope) -> String {
        explicitName ?? scope.defaultPhysicalName + (fifo ? ".fifo" : "")
    }

    // MARK: Grants

    /// Publishing messages to the topic.
    public var publish: Grant {
        Grant("publish \(id)", [PolicyStatement(actions: SNSActions.publish, resources: [arn]), .dataKey(DataKey.encrypt)])
    }

    // MARK: Synthesis

    public func synthesize(in scope: Scope) {
        let topicName = physicalName(in: scope)
        scope.checkName(topicName, what: "topic name", problem: NameRules.topicNameProblem(topicName, fifo: fifo),
                        code: .invalidTopicName,
                        hint: "use 1–256 letters, digits, '_' or '-'\(fifo ? ", ending in '.fifo'" : "")")

        // The stack's customer managed key where the environment asks for one, else the AWS managed key.
        var properties: TemplateMap = ["TopicName": .string(topicName), "KmsMasterKeyId": scope.customerKey ?? "alias/aws/sns"]
        if fifo { properties["FifoTopic"] = true }
        scope.resource("", Resource(type: "AWS::SNS::Topic", properties: properties))
        let topicRef = scope.ref()
        scope.ownResourcePolicy { document in
            Resource(type: "AWS::SNS::TopicPolicy", properties: ["PolicyDocument": document, "Topics": [topicRef]])
        }

        let topicArn = scope.ref()
        var emailIndex = 0
        var children: Set<String> = []
        for (index, subscription) in subscriptions.enumerated() {
            let property = "subscriptions[\(index)]"
            switch subscription.kind {
            case .email(let address):
                if let problem = NameRules.emailProblem(address) {
                    scope.error(.invalidEmail, "e-mail subscription '\(address)' \(problem)",
                                hint: "pass an address like .email(\"alerts@example.com\")", property: property)
                }
                if fifo { unsupported(scope, "e-mail", property) }
                scope.resource("Email\(emailIndex)", Resource(type: "AWS::SNS::Subscription", properties: [
                    "TopicArn": topicArn, "Protocol": "email", "Endpoint": .string(address),
                ]))
                emailIndex += 1

            case .sqs(let queue, let raw):
                let queue = scope.declared(queue, property: property)
                let child = "Sqs" + ChildName.from(queue.id)
                guard children.insert(child).inserted else { duplicate(scope, queue.id, property); continue }
                if queue.fifo && !fifo {
                    scope.error(.unsupportedSubscription,
                                "a standard topic cannot deliver to the FIFO queue \(queue.id)",
                                hint: "pass fifo: true to the Topic, or subscribe a standard queue", property: property)
                }
                var subscriptionProperties: TemplateMap = [
                    "TopicArn": topicArn, "Protocol": "sqs", "Endpoint": queue.arn,
                ]
                if raw { subscriptionProperties["RawMessageDelivery"] = true }
                scope.resource(child, Resource(type: "AWS::SNS::Subscription", properties: subscriptionProperties))
                scope.contribute([.service("sns.amazonaws.com", sid: LogicalID.from(relativePath: scope.path) + "SendMessage",
                                           actions: SQSActions.send, on: [queue.arn], from: topicArn)],
                                 toPolicyOf: queue)
                // A queue encrypted with the stack's key: SNS encrypts what it delivers with it. The topic's
                // ARN from its name: the topic itself is encrypted with the key, so Ref would be a cycle.
                if scope.customerKey != nil {
                    let literalArn = Arn.build(service: "sns", resource: .string(topicName))
                    scope.contribute([CustomerKey.serviceUse("sns.amazonaws.com", sid: LogicalID.from(relativePath: scope.path) + "Delivers",
                                                             condition: ["ArnEquals": ["aws:SourceArn": literalArn]])],
                                     toPolicyOf: DataKey.id)
                }

            case .lambda(let function):
                let function = scope.declared(function, property: property)
                let child = "Lambda" + ChildName.from(function.id)
                guard children.insert(child).inserted else { duplicate(scope, function.id, property); continue }
                if fifo { unsupported(scope, "Lambda", property) }
                let functionArn = function.attribute("Arn")
                scope.resource(child, Resource(type: "AWS::SNS::Subscription", properties: [
                    "TopicArn": topicArn, "Protocol": "lambda", "Endpoint": functionArn,
                ]))
                scope.resource(child + "Permission", LambdaPermission.invoke(functionArn, by: "sns.amazonaws.com", sourceArn: topicArn))
            }
        }
    }

    private func unsupported(_ scope: Scope, _ protocolName: String, _ property: String) {
        scope.error(.unsupportedSubscription, "a FIFO topic cannot deliver to \(protocolName) subscriptions",
                    hint: "subscribe an SQS queue to the FIFO topic, or make the topic standard", property: property)
    }

    private func duplicate(_ scope: Scope, _ target: String, _ property: String) {
        scope.error(.duplicateSubscription, "\(target) is subscribed to the topic twice",
                    hint: "remove the repeated subscription", property: property)
    }
}
