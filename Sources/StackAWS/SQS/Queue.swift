import StackCore
import StackTemplate

/// An SQS queue, encrypted with SQS managed keys (`SqsManagedSseEnabled`, or the stack's customer managed
/// key where the environment asks for one), optionally with a dead-letter
/// queue; both get `DeletionPolicy`/`UpdateReplacePolicy` from the environment. Topics and rules that
/// deliver to it add statements to its one `AWS::SQS::QueuePolicy` (child `Policy`).
///
/// ```swift
/// Queue("Orders", visibilityTimeout: .minutes(2), deadLetter: .init(maxReceiveCount: 5))
/// ```
public struct Queue: Referenceable {
    /// A dead-letter queue (child resource `DLQ`, 14-day retention) that receives the messages
    /// received `maxReceiveCount` times without being deleted.
    public struct DeadLetter: Hashable, Sendable {
        public var maxReceiveCount: Int
        public init(maxReceiveCount: Int) { self.maxReceiveCount = maxReceiveCount }
    }

    /// The longest retention SQS allows, used for dead-letter queues: 14 days.
    public static let maxRetention: Duration = .seconds(maxRetentionSeconds)
    private static let maxRetentionSeconds = 1_209_600

    public let id: String
    public let explicitName: String?
    public let fifo: Bool
    /// How long a received message stays hidden from other consumers: whole seconds, 0 s to 12 hours.
    /// A Lambda SQS trigger compares it with the function's timeout.
    public var visibilityTimeout: Duration
    /// How long a message is kept: whole seconds, 1 minute to 14 days.
    public let retentionPeriod: Duration
    public let deadLetter: DeadLetter?

    public init(
        _ id: String, name: String? = nil, fifo: Bool = false, visibilityTimeout: Duration = .seconds(30),
        retentionPeriod: Duration = .days(4), deadLetter: DeadLetter? = nil
    ) {
        self.id = id
        self.explicitName = name
        self.fifo = fifo
        self.visibilityTimeout = visibilityTimeout
        self.retentionPeriod = retentionPeriod
        self.deadLetter = deadLetter
    }

    // MARK: References

    /// The queue ARN (`Fn::GetAtt Arn`).
    public var arn: TemplateValue { attribute("Arn") }
    /// The queue URL (`Ref`), what the SDKs address a queue by.
    public var url: TemplateValue { ref() }
    /// The queue name (`Fn::GetAtt QueueName`).
    public var name: TemplateValue { attribute("QueueName") }
    /// The dead-letter queue's ARN, when there is one.
    public var deadLetterArn: TemplateValue? {
        // `.none` spelled out: TemplateValue is itself ExpressibleByNilLiteral, so `nil` would be `.null`.
        deadLetter == nil ? Optional<TemplateValue>.none : attribute("Arn", of: "DLQ")
    }
    /// The dead-letter queue's URL, when there is one.
    public var deadLetterUrl: TemplateValue? {
        deadLetter == nil ? Optional<TemplateValue>.none : ref("DLQ")
    }

    /// `name`, or `<namePrefix>-<stack>-<path>` in kebab case (plus `.fifo` for FIFO queues).
    public func physicalName(in scope: Scope) -> String {
        explicitName ?? scope.defaultPhysicalName + (fifo ? ".fifo" : "")
    }

    /// The dead-letter queue's name: the queue's name with `-dlq` before any `.fifo`.
    public func deadLetterPhysicalName(in scope: Scope) -> String {
        let base = physicalName(in: scope)
        return base.hasSuffix(".fifo") ? String(base.dropLast(5)) + "-dlq.fifo" : base + "-dlq"
    }

    // MARK: Grants

    /// Receiving, deleting and extending the visibility of messages.
    public var consume: Grant {
        Grant("consume \(id)", [PolicyStatement(actions: SQSActions.consume, resources: [arn]), .dataKey(DataKey.decrypt)])
    }

    /// Sending messages.
    public var send: Grant {
        Grant("send \(id)", [PolicyStatement(actions: SQSActions.send, resources: [arn]), .dataKey(DataKey.encrypt)])
    }

    // MARK: Synthesis

    public func synthesize(in scope: Scope) {
        let queueName = physicalName(in: scope)
        let hint = "use 1–80 letters, digits, '_' or '-'\(fifo ? ", ending in '.fifo'" : "")"
        let nameValid = scope.checkName(queueName, what: "queue name", problem: NameRules.queueNameProblem(queueName, fifo: fifo),
                                        code: .invalidQueueName, hint: hint)
        var properties = baseProperties(name: queueName, in: scope)
        properties["VisibilityTimeout"] = .int(scope.check(visibilityTimeout, in: 0...43_200, .seconds, property: "visibilityTimeout"))
        properties["MessageRetentionPeriod"] = .int(scope.check(retentionPeriod, in: 60...Self.maxRetentionSeconds, .seconds, property: "retentionPeriod"))

        if let deadLetter {
            scope.check(deadLetter.maxReceiveCount, in: 1...1_000, property: "deadLetter.maxReceiveCount")
            let dlqName = deadLetterPhysicalName(in: scope)
            if nameValid {
                scope.checkName(dlqName, what: "dead-letter queue name",
                                problem: NameRules.queueNameProblem(dlqName, fifo: fifo),
                                code: .invalidQueueName, hint: hint + "; the dead-letter queue adds '-dlq'")
            }
            var dlq = baseProperties(name: dlqName, in: scope)
            dlq["MessageRetentionPeriod"] = .int(Self.maxRetentionSeconds)
            scope.resource("DLQ", Resource(type: "AWS::SQS::Queue", properties: dlq))
            properties["RedrivePolicy"] = [
                "deadLetterTargetArn": scope.getAtt("DLQ", "Arn"),
                "maxReceiveCount": .int(deadLetter.maxReceiveCount),
            ]
        }
        scope.resource(Resource(type: "AWS::SQS::Queue", properties: properties))
        let queueURL = scope.ref()
        scope.ownResourcePolicy { document in
            Resource(type: "AWS::SQS::QueuePolicy", properties: ["PolicyDocument": document, "Queues": [queueURL]])
        }
    }

    /// Encrypted with the stack's customer managed key where the environment has one (a data key reused
    /// for five minutes, SQS's default), else with SQS managed keys.
    private func baseProperties(name: String, in scope: Scope) -> TemplateMap {
        var properties: TemplateMap = ["QueueName": .string(name)]
        if let key = scope.customerKey {
            properties["KmsDataKeyReusePeriodSeconds"] = 300
            properties["KmsMasterKeyId"] = key
        } else {
            properties["SqsManagedSseEnabled"] = true
        }
        if fifo { properties["FifoQueue"] = true }
        return properties
    }
}
