#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DynamoDBAttributes

/// The DynamoDB wire form (`{"S": "..."}`, `{"N": "1.5"}`, ...) of the one attribute value model,
/// DynamoDBAttributes' `AttributeValue`: stream records (LambdaEvents) and the PutItem/Query/UpdateItem
/// calls share it.
/// Numbers stay strings, as DynamoDB sends them, so no precision is lost.
extension AttributeValue {
    public var json: JSONValue {
        switch self {
        case .s(let v): return ["S": .string(v)]
        case .n(let v): return ["N": .string(v)]
        case .b(let v): return ["B": .string(v.base64EncodedString())]
        case .bool(let v): return ["BOOL": .bool(v)]
        case .null: return ["NULL": true]
        case .l(let v): return ["L": .array(v.map(\.json))]
        case .m(let v): return ["M": .object(v.mapValues(\.json))]
        case .ss(let v): return ["SS": .array(v.map(JSONValue.string))]
        case .ns(let v): return ["NS": .array(v.map(JSONValue.string))]
        case .bs(let v): return ["BS": .array(v.map { .string($0.base64EncodedString()) })]
        }
    }

    public init?(json: JSONValue) {
        guard let object = json.objectValue, object.count == 1, let (type, value) = object.first else { return nil }
        switch (type, value) {
        case ("S", .string(let v)): self = .s(v)
        case ("N", .string(let v)): self = .n(v)
        case ("B", .string(let v)): guard let data = Data(base64Encoded: v) else { return nil }; self = .b(data)
        case ("BOOL", .bool(let v)): self = .bool(v)
        case ("NULL", _): self = .null
        case ("L", .array(let v)):
            let items = v.compactMap(AttributeValue.init(json:))
            guard items.count == v.count else { return nil }
            self = .l(items)
        case ("M", .object(let v)):
            guard let map = AttributeValue.item(from: .object(v)) else { return nil }
            self = .m(map)
        case ("SS", .array(let v)): self = .ss(v.compactMap(\.stringValue))
        case ("NS", .array(let v)): self = .ns(v.compactMap(\.stringValue))
        case ("BS", .array(let v)): self = .bs(v.compactMap { $0.stringValue.flatMap { Data(base64Encoded: $0) } })
        default: return nil
        }
    }

    static func item(from json: JSONValue) -> DynamoDBItem? {
        guard let object = json.objectValue else { return nil }
        var item: DynamoDBItem = [:]
        for (name, value) in object {
            guard let attribute = AttributeValue(json: value) else { return nil }
            item[name] = attribute
        }
        return item
    }

    static func json(_ item: DynamoDBItem) -> JSONValue { .object(item.mapValues(\.json)) }
}
