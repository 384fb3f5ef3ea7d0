#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The object tick-processor writes: the tick plus `processed_at`, for Athena's
/// `symbol string, price double, volume int, processed_at string` table.
public struct ProcessedTick: Encodable, Sendable, Equatable {
    public let symbol: String
    public let price: Decimal
    public let volume: Int
    public let timestamp: String?
    /// ISO-8601 UTC with milliseconds, from the handler's clock.
    public let processedAt: String
    /// Whole seconds of `processedAt` since the epoch: the key's EPOCH.
    public let epoch: Int64

    enum CodingKeys: String, CodingKey { case symbol, price, volume, timestamp, processedAt = "processed_at" }

    public init(_ tick: TickMessage, processedAt date: Date) {
        symbol = tick.symbol
        price = tick.price
        volume = tick.volume
        timestamp = tick.timestamp
        epoch = Int64(date.timeIntervalSince1970.rounded(.down))
        processedAt = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `<prefix><SYMBOL>/<EPOCH>-<messageId>.json`. The seed's key is `processed/<SYMBOL>/<EPOCH>.json`;
    /// a batch (up to 10 messages, processed within milliseconds) easily holds two ticks of one
    /// symbol in the same second, which would overwrite each other, so the SQS message id is
    /// appended. Athena reads every object under the prefix, so the suffix changes no query.
    public static func key(prefix: String, symbol: String, epoch: Int64, messageId: String) -> String {
        let folder = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
        return "\(folder)\(symbol)/\(epoch)-\(messageId).json"
    }

    /// One JSON object, keys sorted, no slashes escaped (Athena's JSON SerDe reads it as is).
    public func body() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
