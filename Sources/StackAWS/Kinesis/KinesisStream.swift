import StackCore
import StackTemplate

/// A Kinesis data stream, encrypted with the AWS managed key `alias/aws/kinesis`, with
/// `DeletionPolicy`/`UpdateReplacePolicy` from the environment.
///
/// ```swift
/// KinesisStream("Ticks", shards: 2, retention: .hours(48))
/// KinesisStream("Clicks", capacity: .onDemand)
/// ```
public struct KinesisStream: Referenceable {
    public enum Capacity: Hashable, Sendable {
        /// A fixed number of shards (1 MB/s or 1,000 records/s of writes each).
        case provisioned(shards: Int)
        /// Capacity that follows the traffic, billed per GB.
        case onDemand
    }

    public let id: String
    public let explicitName: String?
    public let capacity: Capacity
    /// How long records stay readable: whole hours, 1 day to 365 days.
    public let retention: Duration

    public init(_ id: String, name: String? = nil, shards: Int = 1, retention: Duration = .hours(24)) {
        self.init(id, name: name, capacity: .provisioned(shards: shards), retention: retention)
    }

    public init(_ id: String, name: String? = nil, capacity: Capacity, retention: Duration = .hours(24)) {
        self.id = id
        self.explicitName = name
        self.capacity = capacity
        self.retention = retention
    }

    /// The most shards a stream may have here: the default per-account shard quota in the largest
    /// regions (smaller regions allow 200; a quota increase is a support request).
    public static let maxShards = 500

    // MARK: References

    /// The stream ARN (`Fn::GetAtt Arn`).
    public var arn: TemplateValue { attribute("Arn") }
    /// The stream name (`Ref`).
    public var name: TemplateValue { ref() }

    /// `name`, or `<namePrefix>-<stack>-<path>` in kebab case.
    public func physicalName(in scope: Scope) -> String {
        explicitName ?? scope.defaultPhysicalName
    }

    // MARK: Grants

    /// What a consumer (a Lambda event source mapping) needs to read the stream.
    public var read: Grant {
        Grant("read \(id)", [
            PolicyStatement(actions: KinesisActions.read, resources: [arn]),
            PolicyStatement(actions: KinesisActions.subscribe, resources: ["\(arn)/consumer/*"]),
            .dataKey(DataKey.decrypt),
        ])
    }

    /// What a producer needs to put records.
    public var write: Grant {
        Grant("write \(id)", [PolicyStatement(actions: KinesisActions.write, resources: [arn]), .dataKey(DataKey.encrypt)])
    }

    // MARK: Synthesis

    public func synthesize(in scope: Scope) {
        let streamName = physicalName(in: scope)
        scope.checkName(streamName, what: "stream name", problem: NameRules.streamNameProblem(streamName),
                        code: .invalidStreamName,
                        hint: "use 1–128 letters, digits, '_', '.' or '-'")
        var properties: TemplateMap = [
            "Name": .string(streamName),
            "RetentionPeriodHours": .int(scope.check(retention, in: 24...8_760, .hours, property: "retention")),
            "StreamEncryption": ["EncryptionType": "KMS", "KeyId": scope.customerKey ?? "alias/aws/kinesis"],
        ]
        switch capacity {
        case .provisioned(let shards):
            scope.check(shards, in: 1...Self.maxShards, property: "shards")
            properties["ShardCount"] = .int(shards)
            properties["StreamModeDetails"] = ["StreamMode": "PROVISIONED"]
        case .onDemand:
            properties["StreamModeDetails"] = ["StreamMode": "ON_DEMAND"]
        }
        scope.resource(Resource(type: "AWS::Kinesis::Stream", properties: properties))
    }
}
