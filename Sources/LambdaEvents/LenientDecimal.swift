#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A number in a message payload that producers may send as a JSON number (`189.5`) or as a
/// numeric string (`"189.5"`): Python's `json.dumps(Decimal)` workarounds, CSV-fed producers and
/// yfinance wrappers all do the latter. The string must be a whole decimal number: `"12abc"`,
/// `"NaN"`, `""` and `"1,5"` are rejected (Foundation's `Decimal(string:)` alone would accept a
/// prefix of `"12abc"`).
public struct LenientDecimal: Decodable, Sendable, Equatable {
    public let value: Decimal

    public init(_ value: Decimal) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) {
            guard let value = Self.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a number: \"\(text)\"")
            }
            self.value = value
        } else {
            value = try c.decode(Decimal.self)
        }
    }

    /// `-12`, `12.50`, `1e3`, `1.5E-2`; surrounding spaces are not accepted.
    public static func parse(_ text: String) -> Decimal? {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            let count = bytes.prefix(while: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }).count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard digits() > 0 else { return nil }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return nil }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return nil }
        }
        guard bytes.isEmpty else { return nil }
        // No locale: "." is the separator then. Making one (even en_US_POSIX) loads ICU's locale data, about
        // 3 ms of a cold start when a function parses its configuration (ALERT_THRESHOLD) before its first `next`.
        return Decimal(string: text, locale: nil)
    }
}
