#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents

/// Why a Kinesis record is not a usable tick. Such a record is logged and skipped, never retried:
/// see `MarketProcessingHandler`.
public enum TickRejection: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case invalidSymbol(String)
    case invalidPrice(String)
    case invalidPreviousClose(String)
    case invalidVolume(String)
    case invalidTimestamp(String)

    public var description: String {
        switch self {
        case .malformed(let why): "not a tick record: \(why)"
        case .invalidSymbol(let s): "symbol must match [A-Z.]{1,10}: \"\(s)\""
        case .invalidPrice(let p): "price must be > 0: \(p)"
        case .invalidPreviousClose(let p): "previous_close must be > 0: \(p)"
        case .invalidVolume(let v): "volume must be a whole number >= 0: \(v)"
        case .invalidTimestamp(let t): "timestamp is not ISO-8601 (YYYY-MM-DDTHH:MM:SS[.f][Z|±HH:MM]): \"\(t)\""
        }
    }
}

/// A tick as the producer puts it on the stream:
/// `{"symbol":"AAPL","price":189.5,"previous_close":187.2,"volume":51234,"timestamp":"2025-01-02T14:30:05.123456"}`.
/// Other fields (open, high, low, ...) are kept in the raw S3 copy but not used here.
/// Numbers may arrive as numeric strings (`LenientDecimal`): rejecting them would lose real ticks
/// to a producer's formatting choice, while a non-numeric string is still rejected.
public enum TickRecord {
    struct Payload: Decodable {
        let symbol: String
        let price: LenientDecimal
        let previous_close: LenientDecimal
        let volume: LenientDecimal
        let timestamp: String
    }

    public static func parse(_ data: Data) throws(TickRejection) -> Quote {
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: data)
        } catch {
            throw .malformed(describe(error))
        }
        guard isValidSymbol(payload.symbol) else { throw .invalidSymbol(payload.symbol) }
        guard payload.price.value > 0 else { throw .invalidPrice(payload.price.value.description) }
        guard payload.previous_close.value > 0 else { throw .invalidPreviousClose(payload.previous_close.value.description) }
        let volume = payload.volume.value
        // Bounded well inside Int so that the conversion below is exact.
        guard volume >= 0, volume == volume.rounded(), volume < 1_000_000_000_000_000 else {
            throw .invalidVolume(volume.description)
        }
        guard let count = volume.exactInt else { throw .invalidVolume(volume.description) }
        guard let timestamp = TickTimestamp.normalize(payload.timestamp) else { throw .invalidTimestamp(payload.timestamp) }
        return Quote(symbol: payload.symbol, timestamp: timestamp, price: payload.price.value,
                     previousClose: payload.previous_close.value, volume: count)
    }

    /// `[A-Z.]{1,10}`: the symbol becomes an S3 key segment, so nothing else gets in.
    public static func isValidSymbol(_ symbol: String) -> Bool {
        (1...10).contains(symbol.utf8.count)
            && symbol.utf8.allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: ".") }
    }

    /// `<prefix><SYMBOL>/<timestamp>-<sequenceNumber>.json`: deterministic, so a retried record
    /// overwrites its own object; the sequence number keeps two ticks with the same timestamp apart.
    public static func rawKey(prefix: String, quote: Quote, sequenceNumber: String) -> String {
        let folder = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
        return "\(folder)\(quote.symbol)/\(quote.timestamp)-\(sequenceNumber).json"
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \(key.stringValue)"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c), DecodingError.dataCorrupted(let c):
            c.codingPath.isEmpty ? "invalid JSON" : "field \(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        default: String(describing: error)
        }
    }
}

extension Decimal {
    func rounded() -> Decimal {
        rounded(scale: 0, .down)
    }
}
