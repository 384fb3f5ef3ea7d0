import StackCore
import StackTemplate

/// A DynamoDB table: encrypted (`SSESpecification`), point-in-time recovery from the environment
/// unless given, deletion protection and `Retain` policies when the environment retains data.
///
/// ```swift
/// Table("Quotes", partitionKey: .string("symbol"), sortKey: .string("timestamp"), stream: .newImage)
/// ```
public struct Table: Referenceable {
    /// A key attribute and its type.
    public enum Key: Hashable, Sendable {
        case string(String)
        case number(String)
        case binary(String)

        public var attributeName: String {
            switch self {
            case .string(let n), .number(let n), .binary(let n): return n
            }
        }

        /// `S`, `N` or `B`.
        public var attributeType: String {
            switch self {
            case .string: return "S"
            case .number: return "N"
            case .binary: return "B"
            }
        }
    }

    public enum Billing: Hashable, Sendable {
        /// Pay per request (`PAY_PER_REQUEST`).
        case onDemand
        /// Fixed read and write capacity units.
        case provisioned(read: Int, write: Int)
    }

    /// What the table's stream records hold (`StreamViewType`).
    public enum StreamView: String, Hashable, Sendable, CaseIterable {
        case newImage = "NEW_IMAGE"
        case oldImage = "OLD_IMAGE"
        case newAndOldImages = "NEW_AND_OLD_IMAGES"
        case keysOnly = "KEYS_ONLY"
    }

    public let id: String
    public let explicitName: String?
    public let partitionKey: Key
    public let sortKey: Key?
    public let billing: Billing
    /// The stream, if any; the DynamoDB stream trigger needs one.
    public let stream: StreamView?
    /// Name of the attribute holding each item's expiry time (epoch seconds), if items expire.
    public let timeToLive: String?
    /// nil: as the environment says (`pointInTimeRecovery`).
    public let pointInTimeRecovery: Bool?

    public init(
        _ id: String, name: String? = nil, partitionKey: Key, sortKey: Key? = nil, billing: Billing = .onDemand,
        stream: StreamView? = nil, timeToLive: String? = nil, pointInTimeRecovery: Bool? = nil
    ) {
        self.id = id
        self.explicitName = name
        self.partitionKey = partitionKey
        self.sortKey = sortKey
        self.billing = billing
        self.stream = stream
        self.timeToLive = timeToLive
        self.pointInTimeRecovery = pointInTimeRecovery
    }

    // MARK: References

    /// The table ARN (`Fn::GetAtt Arn`).
    public var arn: TemplateValue { attribute("Arn") }
    /// The table name (`Ref`).
    public var name: TemplateValue { ref() }
    /// The latest stream's ARN (`Fn::GetAtt StreamArn`); only valid when `stream` is set.
    public var streamArn: TemplateValue { attribute("StreamArn") }

    /// `name`, or `<namePrefix>-<stack>-<path>` in kebab case.
    public func physicalName(in scope: Scope) -> String {
        explicitName ?? scope.defaultPhysicalName
    }

    // MARK: Grants

    /// Reading items from the table and its indexes.
    public var readData: Grant {
        Grant("readData \(id)", [readStatement, .dataKey(DataKey.decrypt)])
    }

    /// Writing items to the table.
    public var writeData: Grant {
        Grant("writeData \(id)", [writeStatement, .dataKey(DataKey.encrypt)])
    }

    /// Updating existing items only (`dynamodb:UpdateItem`), without Put/Delete/BatchWrite.
    public var updateData: Grant {
        Grant("updateData \(id)", [PolicyStatement(actions: DynamoDBActions.updateData, resources: [arn]), .dataKey(DataKey.encrypt)])
    }

    /// Reading and writing items.
    public var readWriteData: Grant {
        Grant("readWriteData \(id)", [readStatement, writeStatement, .dataKey(DataKey.encrypt)])
    }

    /// Reading the table's stream (what a Lambda event source mapping needs). Pass only tables with a
    /// `stream`: `streamArn` does not exist otherwise.
    public var streamRead: Grant {
        Grant("streamRead \(id)", [
            PolicyStatement(actions: DynamoDBActions.readStream, resources: [streamArn]),
            PolicyStatement(actions: DynamoDBActions.listStreams, resources: ["*"]),
            .dataKey(DataKey.decrypt),
        ])
    }

    private var readStatement: PolicyStatement {
        PolicyStatement(actions: DynamoDBActions.readData, resources: [arn, "\(arn)/index/*"])
    }

    private var writeStatement: PolicyStatement {
        PolicyStatement(actions: DynamoDBActions.writeData, resources: [arn])
    }

    // MARK: Synthesis

    public func synthesize(in scope: Scope) {
        let tableName = physicalName(in: scope)
        scope.checkName(tableName, what: "table name", problem: NameRules.tableNameProblem(tableName),
                        code: .invalidTableName, hint: "use 3–255 letters, digits, '_', '.' or '-'")

        var keys = [partitionKey]
        var schema: [TemplateValue] = [["AttributeName": .string(partitionKey.attributeName), "KeyType": "HASH"]]
        if let sortKey {
            keys.append(sortKey)
            schema.append(["AttributeName": .string(sortKey.attributeName), "KeyType": "RANGE"])
            if sortKey.attributeName == partitionKey.attributeName {
                scope.error(.duplicateKey, "the partition key and the sort key are both '\(sortKey.attributeName)'",
                            hint: "use different attributes for the partition and sort keys", property: "sortKey")
            }
        }
        for (key, property) in zip(keys, ["partitionKey", "sortKey"]) where !(1...255).contains(key.attributeName.utf8.count) {
            scope.error(.invalidAttributeName, "key attribute name '\(key.attributeName)' must be 1 to 255 bytes long",
                        hint: "name the key attribute, e.g. .string(\"id\")", property: property)
        }

        var properties: TemplateMap = [
            "TableName": .string(tableName),
            "AttributeDefinitions": .list(keys.map {
                ["AttributeName": .string($0.attributeName), "AttributeType": .string($0.attributeType)]
            }),
            "KeySchema": .list(schema),
            // The stack's customer managed key where the environment asks for one, else DynamoDB's AWS managed key.
            "SSESpecification": scope.customerKey.map { ["KMSMasterKeyId": $0, "SSEEnabled": true, "SSEType": "KMS"] }
                ?? ["SSEEnabled": true],
        ]
        switch billing {
        case .onDemand:
            properties["BillingMode"] = "PAY_PER_REQUEST"
        case .provisioned(let read, let write):
            for (value, property) in [(read, "billing.read"), (write, "billing.write")] where value < 1 {
                scope.error(.outOfRange, "\(property) \(value) is out of range",
                            hint: "provisioned capacity is at least 1 unit; or use billing: .onDemand", property: property)
            }
            properties["BillingMode"] = "PROVISIONED"
            properties["ProvisionedThroughput"] = ["ReadCapacityUnits": .int(read), "WriteCapacityUnits": .int(write)]
        }
        if let stream {
            properties["StreamSpecification"] = ["StreamViewType": .string(stream.rawValue)]
        }
        if let timeToLive {
            if !(1...255).contains(timeToLive.utf8.count) {
                scope.error(.invalidAttributeName, "time-to-live attribute name '\(timeToLive)' must be 1 to 255 bytes long",
                            hint: "name the attribute that holds the expiry time, e.g. \"expiresAt\"", property: "timeToLive")
            }
            properties["TimeToLiveSpecification"] = ["AttributeName": .string(timeToLive), "Enabled": true]
        }
        if pointInTimeRecovery ?? scope.settings.pointInTimeRecovery {
            properties["PointInTimeRecoverySpecification"] = ["PointInTimeRecoveryEnabled": true]
        }
        if scope.settings.retainData {
            properties["DeletionProtectionEnabled"] = true
        }
        scope.resource(Resource(type: "AWS::DynamoDB::Table", properties: properties))
    }
}
