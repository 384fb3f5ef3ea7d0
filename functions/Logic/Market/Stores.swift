#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// What the market functions need from AWS, as small protocols. The AWSClient module (written
// later) provides S3/DynamoDB/SNS implementations; tests use in-memory fakes.

/// S3 PutObject into the raw bucket (the implementation knows the bucket).
public protocol RawTickStore: Sendable {
    func putRawTick(key: String, body: Data) async throws
}

/// The quotes table.
public protocol QuoteStore: Sendable {
    /// PutItem of `quote.item` (same key again overwrites: retries are harmless).
    func put(_ quote: Quote) async throws
    /// Query `symbol = :s [AND timestamp <= :t]`, newest first, `Limit: limit`, returned
    /// oldest first (newest last).
    func latest(symbol: String, atOrBefore timestamp: String?, limit: Int) async throws -> [Quote]
}

extension QuoteStore {
    public func latest(symbol: String, limit: Int) async throws -> [Quote] {
        try await latest(symbol: symbol, atOrBefore: nil, limit: limit)
    }
}

/// Remembers which crosses were alerted, so a redelivered stream batch does not alert twice.
/// Intended implementation: UpdateItem on the cross's own quote item,
/// `SET alert_signal = :signal` with `ConditionExpression: attribute_not_exists(alert_signal)`;
/// a ConditionalCheckFailed answer means "already claimed" (false). That write emits a MODIFY
/// stream record, which market-analysis ignores.
public protocol AlertLedger: Sendable {
    /// True when this call claimed the cross; false when it was claimed before.
    func claim(_ cross: CrossSignal) async throws -> Bool
    /// Undoes a claim whose alert could not be published, so the retry can publish it.
    func release(_ cross: CrossSignal) async throws
}

/// SNS Publish to the alert topic.
public protocol AlertPublisher: Sendable {
    func publish(subject: String, message: String) async throws
}
