import Foundation

/// A tick as the market-stream producer puts it on Kinesis (seed 001's shape):
/// `{"symbol":"AAPL","open":…,"high":…,"low":…,"price":…,"previous_close":…,"volume":…,"timestamp":"…"}`.
/// market-processing reads symbol, price, previous_close, volume and timestamp; the rest is kept in the raw copy.
public struct MarketTick: Sendable, Equatable, Encodable {
    public var symbol: String
    public var open: Double
    public var high: Double
    public var low: Double
    public var price: Double
    public var previousClose: Double
    public var volume: Int
    /// ISO-8601, UTC.
    public var timestamp: String

    public init(symbol: String, open: Double, high: Double, low: Double, price: Double, previousClose: Double,
                volume: Int, timestamp: String) {
        self.symbol = symbol
        self.open = open
        self.high = high
        self.low = low
        self.price = price
        self.previousClose = previousClose
        self.volume = volume
        self.timestamp = timestamp
    }

    enum CodingKeys: String, CodingKey {
        case symbol, open, high, low, price, previousClose = "previous_close", volume, timestamp
    }

    /// The record's bytes: sorted keys, so the same tick is always the same bytes.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Finite doubles, ints and strings always encode.
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// Timestamps the producers write: `2025-01-02T14:30:05.123Z` (UTC, milliseconds).
public enum ProducerTime {
    public static func iso(_ date: Date) -> String { date.formatted(style) }
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}

/// Prices are quoted in cents.
func cents(_ value: Double) -> Double { (value * 100).rounded() / 100 }
