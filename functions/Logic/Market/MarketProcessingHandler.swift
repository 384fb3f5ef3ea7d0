#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents
import LambdaRuntime

/// market-processing: Kinesis ticks → raw JSON in S3 + a quote item in DynamoDB.
///
/// Per record, in shard order:
/// - a record that is not a valid tick is logged (with its sequence number and the first 512
///   bytes) and skipped. Reporting it as a failure would make Lambda retry the batch from it again
///   and again — it can never succeed — which blocks the shard until the record expires.
/// - storage failures (S3 or DynamoDB) are transient: the record's sequence number is returned as
///   the batch item failure and processing stops there. Lambda checkpoints before the lowest
///   reported sequence number and redelivers from it, so later records would be redelivered
///   anyway; stopping keeps quote writes in shard order (market-analysis reads them in order).
/// Writes are idempotent (same S3 key, same DynamoDB key), so redelivery only rewrites.
/// Raw first, then the quote: the quote insert triggers analysis, by then the raw copy exists.
public struct MarketProcessingHandler: LambdaHandler {
    public let config: MarketProcessingConfig
    let rawStore: any RawTickStore
    let quoteStore: any QuoteStore

    public init(config: MarketProcessingConfig, rawStore: any RawTickStore, quoteStore: any QuoteStore) {
        self.config = config
        self.rawStore = rawStore
        self.quoteStore = quoteStore
    }

    public func handle(_ event: KinesisEvent, context: LambdaContext) async throws -> BatchItemFailures {
        var stored = 0, skipped = 0
        for record in event.records {
            let quote: Quote
            do {
                quote = try TickRecord.parse(record.data)
            } catch {
                skipped += 1
                context.logger.warn("skipped a record that is not a valid tick", [
                    "sequenceNumber": .string(record.sequenceNumber),
                    "partitionKey": .string(record.partitionKey),
                    "reason": .string(error.description),
                    "payload": .string(String(decoding: record.data.prefix(512), as: UTF8.self)),
                ])
                continue
            }
            let key = TickRecord.rawKey(prefix: config.rawPrefix, quote: quote, sequenceNumber: record.sequenceNumber)
            do {
                try await rawStore.putRawTick(key: key, body: record.data)
                try await quoteStore.put(quote)
                stored += 1
            } catch {
                context.logger.error("could not store a tick; the batch resumes from it", [
                    "sequenceNumber": .string(record.sequenceNumber),
                    "key": .string(key),
                    "error": .string(String(describing: error)),
                ])
                return BatchItemFailures([record.sequenceNumber])
            }
        }
        context.logger.info("batch processed", ["records": .int(event.records.count), "stored": .int(stored), "skipped": .int(skipped)])
        return BatchItemFailures()
    }
}
