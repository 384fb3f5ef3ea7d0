import DynamoDBAttributes
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents

/// One processed tick as the quotes table holds it (partition `symbol`, sort `timestamp`).
/// Prices are Decimal end to end: the SMA comparison needs exact averages (see `SMACross`).
public struct Quote: Sendable, Equatable {
    public let symbol: String
    /// Normalized by `TickTimestamp` (fixed-width UTC), so string order is time order.
    public let timestamp: String
    public let price: Decimal
    public let previousClose: Decimal
    public let volume: Int

    public init(symbol: String, timestamp: String, price: Decimal, previousClose: Decimal, volume: Int) {
        self.symbol = symbol
        self.timestamp = timestamp
        self.price = price
        self.previousClose = previousClose
        self.volume = volume
    }

    /// `price - previous_close`, exact.
    public var change: Decimal { price - previousClose }

    /// Percent change against the previous close, rounded half away from zero to 2 places.
    public var changePercent: Decimal {
        (change / previousClose * 100).rounded(scale: 2, .plain)
    }

    /// The PutItem item. `change` and `change_percent` are stored for the dashboard queries the
    /// seed runs; they are derived, so reading an item back ignores them.
    public var item: DynamoDBItem {
        [
            "symbol": .s(symbol),
            "timestamp": .s(timestamp),
            "price": .number(price),
            "previous_close": .number(previousClose),
            "volume": .number(volume),
            "change": .number(change),
            "change_percent": .number(changePercent),
        ]
    }

    /// Reads a quotes-table item (a Query result); nil when a required attribute is missing.
    public init?(item: DynamoDBItem) {
        guard let symbol = item["symbol"]?.stringValue, let timestamp = item["timestamp"]?.stringValue,
              let price = item["price"]?.decimalValue, let previousClose = item["previous_close"]?.decimalValue,
              let volume = item["volume"]?.intValue
        else { return nil }
        self.init(symbol: symbol, timestamp: timestamp, price: price, previousClose: previousClose, volume: volume)
    }
}
