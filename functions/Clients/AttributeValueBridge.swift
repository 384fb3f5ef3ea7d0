import AWSClient
import Foundation
import LambdaEvents

// The one place where the two DynamoDB value types meet: LambdaEvents' `AttributeValue` (what the
// logic and stream events use) and AWSClient's `DynamoDBAttributeValue` (what the wire client
// sends). Both are the same DynamoDB JSON model, so the conversion is total in both directions.

extension AWSClient.DynamoDBAttributeValue {
    init(_ value: LambdaEvents.AttributeValue) {
        switch value {
        case .s(let v): self = .s(v)
        case .n(let v): self = .n(v)
        case .b(let v): self = .b(v)
        case .bool(let v): self = .bool(v)
        case .null: self = .null
        case .m(let v): self = .m(v.mapValues(Self.init))
        case .l(let v): self = .l(v.map(Self.init))
        case .ss(let v): self = .ss(v)
        case .ns(let v): self = .ns(v)
        case .bs(let v): self = .bs(v)
        }
    }
}

extension LambdaEvents.AttributeValue {
    init(_ value: AWSClient.DynamoDBAttributeValue) {
        switch value {
        case .s(let v): self = .s(v)
        case .n(let v): self = .n(v)
        case .b(let v): self = .b(v)
        case .bool(let v): self = .bool(v)
        case .null: self = .null
        case .m(let v): self = .m(v.mapValues(Self.init))
        case .l(let v): self = .l(v.map(Self.init))
        case .ss(let v): self = .ss(v)
        case .ns(let v): self = .ns(v)
        case .bs(let v): self = .bs(v)
        }
    }
}

public enum AttributeValueBridge {
    public static func wire(_ item: LambdaEvents.DynamoDBItem) -> AWSClient.DynamoDBItem {
        item.mapValues(AWSClient.DynamoDBAttributeValue.init)
    }

    public static func events(_ item: AWSClient.DynamoDBItem) -> LambdaEvents.DynamoDBItem {
        item.mapValues(LambdaEvents.AttributeValue.init)
    }
}
