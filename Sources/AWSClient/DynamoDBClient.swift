#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DynamoDBAttributes

/// DynamoDB data calls (JSON 1.0 protocol, `X-Amz-Target: DynamoDB_20120810.<Operation>`).
public struct DynamoDBClient: Sendable {
    /// Expression placeholders: `#name` → attribute name, `:value` → value.
    public struct Expression: Sendable, Equatable {
        public var text: String
        public var names: [String: String]
        public var values: DynamoDBItem

        public init(_ text: String, names: [String: String] = [:], values: DynamoDBItem = [:]) {
            self.text = text
            self.names = names
            self.values = values
        }
    }

    public struct QueryOutput: Sendable, Equatable {
        public var items: [DynamoDBItem]
        public var count: Int
        /// Set when there are more results; pass it back as `exclusiveStartKey`.
        public var lastEvaluatedKey: DynamoDBItem?
    }

    public enum ReturnValues: String, Sendable {
        case none = "NONE", allOld = "ALL_OLD", updatedOld = "UPDATED_OLD", allNew = "ALL_NEW", updatedNew = "UPDATED_NEW"
    }

    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    public func putItem(table: String, item: DynamoDBItem, condition: Expression? = nil) async throws {
        var body: [String: JSONValue] = ["TableName": .string(table), "Item": AttributeValue.json(item)]
        Self.add(condition, as: "ConditionExpression", to: &body)
        _ = try await call("PutItem", body)
    }

    public func query(table: String, keyCondition: Expression, indexName: String? = nil, limit: Int? = nil,
                      scanIndexForward: Bool = true, exclusiveStartKey: DynamoDBItem? = nil) async throws -> QueryOutput {
        var body: [String: JSONValue] = ["TableName": .string(table), "ScanIndexForward": .bool(scanIndexForward)]
        Self.add(keyCondition, as: "KeyConditionExpression", to: &body)
        if let indexName { body["IndexName"] = .string(indexName) }
        if let limit { body["Limit"] = .number(Double(limit)) }
        if let exclusiveStartKey { body["ExclusiveStartKey"] = AttributeValue.json(exclusiveStartKey) }
        let response = try await call("Query", body)
        let rawItems = response["Items"]?.arrayValue ?? []
        let items = rawItems.compactMap(AttributeValue.item(from:))
        guard items.count == rawItems.count else { throw MalformedResponse(detail: "Query: unreadable item") }
        return QueryOutput(items: items, count: Int(response["Count"]?.numberValue ?? Double(items.count)),
                           lastEvaluatedKey: response["LastEvaluatedKey"].flatMap(AttributeValue.item(from:)))
    }

    /// `update` and `condition` share one placeholder namespace, as in the API; their names and values are merged.
    /// Returns the attributes asked for by `returnValues` (empty for `.none`).
    @discardableResult
    public func updateItem(table: String, key: DynamoDBItem, update: Expression, condition: Expression? = nil,
                           returnValues: ReturnValues = .none) async throws -> DynamoDBItem {
        var body: [String: JSONValue] = ["TableName": .string(table), "Key": AttributeValue.json(key),
                                         "ReturnValues": .string(returnValues.rawValue)]
        Self.add(update, as: "UpdateExpression", to: &body)
        Self.add(condition, as: "ConditionExpression", to: &body)
        let response = try await call("UpdateItem", body)
        return response["Attributes"].flatMap(AttributeValue.item(from:)) ?? [:]
    }

    private func call(_ operation: String, _ body: [String: JSONValue]) async throws -> JSONValue {
        try await context.jsonCall(context.endpoint(serviceId: "DynamoDB", hostPrefix: "dynamodb"), signingName: "dynamodb",
                                   target: "DynamoDB_20120810.\(operation)", jsonVersion: "1.0", body: .object(body))
    }

    private static func add(_ expression: Expression?, as field: String, to body: inout [String: JSONValue]) {
        guard let expression else { return }
        body[field] = .string(expression.text)
        if !expression.names.isEmpty {
            var names = body["ExpressionAttributeNames"]?.objectValue ?? [:]
            for (k, v) in expression.names { names[k] = .string(v) }
            body["ExpressionAttributeNames"] = .object(names)
        }
        if !expression.values.isEmpty {
            var values = body["ExpressionAttributeValues"]?.objectValue ?? [:]
            for (k, v) in expression.values { values[k] = v.json }
            body["ExpressionAttributeValues"] = .object(values)
        }
    }
}
