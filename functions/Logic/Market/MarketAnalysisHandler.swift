#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents
import LambdaRuntime

/// market-analysis: quotes-table stream → SMA-5/SMA-20 crosses → BUY/SELL alerts on SNS.
///
/// For each INSERT (other events are ignored), in stream order:
/// 1. read the symbol's latest `SMACross.historyLength` quotes *at or before the inserted
///    record's timestamp*, so the verdict for a record depends only on the table up to it: the
///    same on every delivery, and not hidden when later ticks of the same symbol are already in
///    the table (several inserts of one symbol in a batch would otherwise hide all but the newest
///    record's cross);
/// 2. publish only when the cross happened *at that record* (`SMACross.crossAtNewest`), so an
///    old cross is never announced again by a later record;
/// 3. claim the cross in the `AlertLedger` before publishing, so a redelivered batch (after a
///    failure, a timeout, or a later record's failure) publishes nothing new. A failed publish
///    releases the claim and fails the record, so the retry publishes it. The one window left is
///    a crash between claim and publish: that alert is lost rather than sent twice.
/// A failure returns the record's sequence number and stops: Lambda resumes from there.
public struct MarketAnalysisHandler: LambdaHandler {
    let quotes: any QuoteStore
    let ledger: any AlertLedger
    let publisher: any AlertPublisher

    public init(quotes: any QuoteStore, ledger: any AlertLedger, publisher: any AlertPublisher) {
        self.quotes = quotes
        self.ledger = ledger
        self.publisher = publisher
    }

    public func handle(_ event: DynamoDBStreamEvent, context: LambdaContext) async throws -> BatchItemFailures {
        for record in event.records where record.eventName == .insert {
            guard let symbol = record.keys["symbol"]?.stringValue, let timestamp = record.keys["timestamp"]?.stringValue else {
                context.logger.warn("skipped an INSERT without string keys symbol/timestamp",
                                    ["sequenceNumber": .string(record.sequenceNumber)])
                continue
            }
            do {
                try await check(symbol: symbol, timestamp: timestamp, context: context)
            } catch {
                context.logger.error("analysis failed; the batch resumes from this record", [
                    "sequenceNumber": .string(record.sequenceNumber), "symbol": .string(symbol),
                    "timestamp": .string(timestamp), "error": .string(String(describing: error)),
                ])
                return BatchItemFailures([record.sequenceNumber])
            }
        }
        return BatchItemFailures()
    }

    private func check(symbol: String, timestamp: String, context: LambdaContext) async throws {
        let window = try await quotes.latest(symbol: symbol, atOrBefore: timestamp, limit: SMACross.historyLength)
        guard window.contains(where: { $0.timestamp == timestamp }) else {
            // Deleted (or the table answered from a stale replica): nothing to judge this record by.
            context.logger.warn("inserted quote not found in the table", ["symbol": .string(symbol), "timestamp": .string(timestamp)])
            return
        }
        guard let cross = SMACross.crossAtNewest(window), cross.timestamp == timestamp else { return }
        let fields: [String: LogValue] = [
            "symbol": .string(symbol), "timestamp": .string(timestamp), "signal": .string(cross.signal.rawValue),
        ]
        guard try await ledger.claim(cross) else {
            context.logger.info("cross already alerted", fields)
            return
        }
        do {
            try await publisher.publish(subject: TrendAlert.subject(cross), message: TrendAlert.message(cross))
        } catch {
            try? await ledger.release(cross)
            throw error
        }
        context.logger.info("cross alerted", fields)
    }
}
