#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A DynamoDB item: attribute name → value.
public typealias DynamoDBItem = [String: AttributeValue]

/// One DynamoDB attribute value, Codable as DynamoDB JSON (`{"S":"AAPL"}`, `{"N":"189.5"}`, ...),
/// the form used both by stream records and by the PutItem/Query wire protocol.
///
/// Numbers stay strings (`n`): DynamoDB numbers carry up to 38 significant digits, more than a
/// Double holds; `decimalValue` converts when needed.
public indirect enum AttributeValue: Codable, Sendable, Hashable {
    case s(String)
    case n(String)
    case b(Data)
    case bool(Bool)
    case null
    case m([String: AttributeValue])
    case l([AttributeValue])
    case ss([String])
    case ns([String])
    case bs([Data])

    enum Tag: String, CodingKey, CaseIterable {
        case s = "S", n = "N", b = "B", bool = "BOOL", null = "NULL"
        case m = "M", l = "L", ss = "SS", ns = "NS", bs = "BS"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Tag.self)
        guard c.allKeys.count == 1, let tag = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "an attribute value has exactly one type key, got \(c.allKeys.map(\.stringValue))"))
        }
        switch tag {
        case .s: self = .s(try c.decode(String.self, forKey: tag))
        case .n: self = .n(try c.decode(String.self, forKey: tag))
        case .b:
            guard let blob = Data(base64Encoded: try c.decode(String.self, forKey: tag)) else {
                throw DecodingError.dataCorruptedError(forKey: tag, in: c, debugDescription: "not valid base64")
            }
            self = .b(blob)
        case .bool: self = .bool(try c.decode(Bool.self, forKey: tag))
        case .null: self = .null
        case .m: self = .m(try c.decode([String: AttributeValue].self, forKey: tag))
        case .l: self = .l(try c.decode([AttributeValue].self, forKey: tag))
        case .ss: self = .ss(try c.decode([String].self, forKey: tag))
        case .ns: self = .ns(try c.decode([String].self, forKey: tag))
        case .bs:
            let texts = try c.decode([String].self, forKey: tag)
            let blobs = texts.compactMap { Data(base64Encoded: $0) }
            guard blobs.count == texts.count else {
                throw DecodingError.dataCorruptedError(forKey: tag, in: c, debugDescription: "not valid base64")
            }
            self = .bs(blobs)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Tag.self)
        switch self {
        case .s(let v): try c.encode(v, forKey: .s)
        case .n(let v): try c.encode(v, forKey: .n)
        case .b(let v): try c.encode(v.base64EncodedString(), forKey: .b)
        case .bool(let v): try c.encode(v, forKey: .bool)
        case .null: try c.encode(true, forKey: .null)
        case .m(let v): try c.encode(v, forKey: .m)
        case .l(let v): try c.encode(v, forKey: .l)
        case .ss(let v): try c.encode(v, forKey: .ss)
        case .ns(let v): try c.encode(v, forKey: .ns)
        case .bs(let v): try c.encode(v.map { $0.base64EncodedString() }, forKey: .bs)
        }
    }
}

extension AttributeValue {
    /// A number attribute from a Decimal, written without exponent or float noise.
    public static func number(_ value: Decimal) -> AttributeValue { .n(value.description) }
    public static func number<I: BinaryInteger>(_ value: I) -> AttributeValue { .n(String(value)) }

    public var stringValue: String? { if case .s(let v) = self { v } else { nil } }
    public var numberText: String? { if case .n(let v) = self { v } else { nil } }
    public var boolValue: Bool? { if case .bool(let v) = self { v } else { nil } }
    public var mapValue: [String: AttributeValue]? { if case .m(let v) = self { v } else { nil } }
    public var listValue: [AttributeValue]? { if case .l(let v) = self { v } else { nil } }

    /// The number as a Decimal; nil for other types or unparsable text.
    public var decimalValue: Decimal? {
        guard let text = numberText else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    public var intValue: Int? { numberText.flatMap { Int($0) } }
}
