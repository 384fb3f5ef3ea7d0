#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Dates as AWS event payloads spell them. Services disagree: S3 and SNS send ISO-8601 with
/// milliseconds, EventBridge without, Kinesis and DynamoDB streams send epoch seconds as numbers.
/// The event types decode these themselves so that a plain `JSONDecoder()` works on every event.
enum EventTime {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// Parses `2019-01-02T12:45:07.000Z` and `2015-10-08T16:53:06Z`.
    static func parseISO8601(_ text: String) -> Date? {
        if let date = try? withFraction.parse(text) { return date }
        return try? withoutFraction.parse(text)
    }

    static func decodeISO8601<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        guard let date = parseISO8601(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not an ISO-8601 date: \(text)")
        }
        return date
    }

    /// Epoch seconds, possibly fractional (`1545084650.987`).
    static func decodeEpochSeconds<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Date {
        Date(timeIntervalSince1970: try container.decode(Double.self, forKey: key))
    }
}

/// Base64 fields decoded by hand, independent of the decoder's `dataDecodingStrategy`.
enum Base64Field {
    static func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Data {
        let text = try container.decode(String.self, forKey: key)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not valid base64")
        }
        return data
    }
}
