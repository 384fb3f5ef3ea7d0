#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns any Encodable into DynamoDB attribute values and back, going through JSON: the value
/// is encoded with `JSONEncoder`, and each JSON node maps to one attribute type
/// (object → M, array → L, string → S, number → N, bool → BOOL, null → NULL).
/// Sets (SS/NS/BS) and binary (B) are not produced: JSON has no such types (Data becomes a
/// base64 string S). Build those by hand when a table needs them.
public struct AttributeValueEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> AttributeValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = try JSONDecoder().decode(JSONNode.self, from: try encoder.encode(value))
        return json.attributeValue
    }

    /// An item for PutItem: the value must encode as a JSON object.
    public func encodeItem<T: Encodable>(_ value: T) throws -> DynamoDBItem {
        guard case .m(let item) = try encode(value) else {
            throw EncodingError.invalidValue(value, .init(
                codingPath: [], debugDescription: "a DynamoDB item must encode as an object"))
        }
        return item
    }
}

/// The inverse: attribute values → JSON → `JSONDecoder`. Sets become arrays, B and BS base64 strings.
public struct AttributeValueDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type = T.self, from item: DynamoDBItem) throws -> T {
        try decode(type, fromValue: .m(item))
    }

    public func decode<T: Decodable>(_ type: T.Type = T.self, fromValue value: AttributeValue) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: JSONEncoder().encode(JSONNode(value)))
    }
}

/// A JSON tree that keeps numbers as Decimal, so no digits are lost on the way to an N string.
enum JSONNode: Codable {
    case object([String: JSONNode])
    case array([JSONNode])
    case string(String)
    case number(Decimal)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode(Decimal.self) { self = .number(v) }
        else if let v = try? c.decode([JSONNode].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONNode].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .object(let v): try c.encode(v)
        case .array(let v): try c.encode(v)
        case .string(let v): try c.encode(v)
        case .number(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        case .null: try c.encodeNil()
        }
    }

    var attributeValue: AttributeValue {
        switch self {
        case .object(let v): .m(v.mapValues(\.attributeValue))
        case .array(let v): .l(v.map(\.attributeValue))
        case .string(let v): .s(v)
        case .number(let v): .number(v)
        case .bool(let v): .bool(v)
        case .null: .null
        }
    }

    init(_ value: AttributeValue) {
        switch value {
        case .s(let v): self = .string(v)
        case .n(let v): self = Decimal(string: v, locale: Locale(identifier: "en_US_POSIX")).map(JSONNode.number) ?? .string(v)
        case .b(let v): self = .string(v.base64EncodedString())
        case .bool(let v): self = .bool(v)
        case .null: self = .null
        case .m(let v): self = .object(v.mapValues(JSONNode.init))
        case .l(let v): self = .array(v.map(JSONNode.init))
        case .ss(let v): self = .array(v.map(JSONNode.string))
        case .ns(let v): self = .array(v.map { JSONNode(.n($0)) })
        case .bs(let v): self = .array(v.map { .string($0.base64EncodedString()) })
        }
    }
}
