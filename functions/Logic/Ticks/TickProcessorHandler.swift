#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents
import LambdaRuntime

/// tick-processor: SQS ticks → `processed/<SYMBOL>/<EPOCH>-<messageId>.json` in S3, and an SNS
/// alert when the price is at or above the threshold.
///
/// Messages are independent (SQS retries only the ones reported), so every message is tried and
/// each failure — malformed body, S3 or SNS error — is reported by its `messageId`.
/// Store first, then alert: if the alert fails the message is retried and stored again under a
/// new EPOCH (processed_at comes from the clock at each attempt), so a retried message can leave
/// two objects with the same message id in their keys; an alert is not sent twice for one
/// successful store. At-least-once, as SQS itself is.
public struct TickProcessorHandler: LambdaHandler {
    public let config: TickProcessorConfig
    let store: any ProcessedTickStore
    let publisher: any AlertPublisher
    let clock: @Sendable () -> Date

    public init(config: TickProcessorConfig, store: any ProcessedTickStore, publisher: any AlertPublisher,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.store = store
        self.publisher = publisher
        self.clock = clock
    }

    public func handle(_ event: SQSEvent, context: LambdaContext) async throws -> BatchItemFailures {
        var failures = BatchItemFailures()
        for message in event.records {
            do {
                try await process(message, context: context)
            } catch {
                failures.append(message.messageId)
                context.logger.error("message failed; it returns to the queue", [
                    "messageId": .string(message.messageId),
                    "receiveCount": .int(message.approximateReceiveCount ?? 0),
                    "error": .string(String(describing: error)),
                    "body": .string(String(message.body.prefix(512))),
                ])
            }
        }
        return failures
    }

    /// Whether a price triggers an alert: at or above the threshold.
    public func shouldAlert(_ price: Decimal) -> Bool { price >= config.alertThreshold }

    private func process(_ message: SQSEvent.Message, context: LambdaContext) async throws {
        let tick = try TickMessage.parse(message.body)
        let processed = ProcessedTick(tick, processedAt: clock())
        let key = ProcessedTick.key(prefix: config.processedPrefix, symbol: tick.symbol,
                                    epoch: processed.epoch, messageId: message.messageId)
        try await store.putProcessedTick(key: key, body: try processed.body())
        guard shouldAlert(tick.price) else { return }
        try await publisher.publish(
            subject: "Price alert: \(tick.symbol) at \(tick.price)",
            message: """
            \(tick.symbol) traded at \(tick.price), at or above the alert threshold of \(config.alertThreshold).
            Volume: \(tick.volume)
            Processed at: \(processed.processedAt)
            """)
        context.logger.info("price alert published", ["symbol": .string(tick.symbol), "key": .string(key)])
    }
}
