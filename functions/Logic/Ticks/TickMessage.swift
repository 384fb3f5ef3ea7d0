#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents

/// Why an SQS message is not a usable tick. The message is reported as a batch item failure:
/// it returns to the queue and, after the queue's maxReceiveCount, lands in the DLQ — kept for
/// inspection, not dropped. (The stack must give the queue a redrive policy for that.)
public enum TickMessageRejection: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case invalidSymbol(String)
    case invalidPrice(String)
    case invalidVolume(String)

    public var description: String {
        switch self {
        case .malformed(let why): "not a tick message: \(why)"
        case .invalidSymbol(let s): "symbol must match [A-Z.]{1,10}: \"\(s)\""
        case .invalidPrice(let p): "price must be > 0: \(p)"
        case .invalidVolume(let v): "volume must be a whole number >= 0: \(v)"
        }
    }
}

/// A tick as the seed's producer sends it: `{"symbol":"AAPL","price":1250.5,"volume":12000}`,
/// optionally with a producer `timestamp` (kept as sent, not interpreted). Numbers may be numeric
/// strings, as in market-processing.
public struct TickMessage: Sendable, Equatable {
    public let symbol: String
    public let price: Decimal
    public let volume: Int
    public let timestamp: String?

    struct Payload: Decodable {
        let symbol: String
        let price: LenientDecimal
        let volume: LenientDecimal
        let timestamp: String?
    }

    public init(symbol: String, price: Decimal, volume: Int, timestamp: String? = nil) {
        self.symbol = symbol
        self.price = price
        self.volume = volume
        self.timestamp = timestamp
    }

    public static func parse(_ body: String) throws(TickMessageRejection) -> TickMessage {
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: Data(body.utf8))
        } catch DecodingError.keyNotFound(let key, _) {
            throw .malformed("missing field \(key.stringValue)")
        } catch {
            throw .malformed("invalid JSON or field type")
        }
        let symbol = payload.symbol
        guard (1...10).contains(symbol.utf8.count),
              symbol.utf8.allSatisfy({ ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: ".") })
        else { throw .invalidSymbol(symbol) }
        guard payload.price.value > 0 else { throw .invalidPrice(payload.price.value.description) }
        let volume = payload.volume.value
        guard volume >= 0, volume < 1_000_000_000_000_000, let whole = volume.exactInt else {
            throw .invalidVolume(volume.description)
        }
        return TickMessage(symbol: symbol, price: payload.price.value, volume: whole, timestamp: payload.timestamp)
    }
}
