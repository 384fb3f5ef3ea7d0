import Foundation
import LambdaEvents
import MarketLogic
import XCTest

final class MarketAnalysisHandlerTests: XCTestCase {
    struct Rig {
        let quotes = MemoryQuoteStore()
        let ledger = MemoryAlertLedger()
        let publisher = MemoryPublisher()
        let logs = LogLines()
        var handler: MarketAnalysisHandler { MarketAnalysisHandler(quotes: quotes, ledger: ledger, publisher: publisher) }

        /// Inserts each quote as market-processing would, then delivers its INSERT in a batch of its own.
        func feed(_ series: [Quote]) async throws -> [BatchItemFailures] {
            var results: [BatchItemFailures] = []
            for (index, quote) in series.enumerated() {
                try await quotes.put(quote)
                results.append(try await handler.handle(streamEvent([("INSERT", quote, "\(index + 1)00")]), context: testContext(logs)))
            }
            return results
        }
    }

    func testPublishesOneBuyThenOneSellAsTicksArrive() async throws {
        let rig = Rig()
        let results = try await rig.feed(series(buyThenSell))
        XCTAssertTrue(results.allSatisfy(\.isEmpty))
        let subjects = await rig.publisher.subjects
        XCTAssertEqual(subjects, ["BUY signal: AAPL SMA-5 crossed above SMA-20", "SELL signal: AAPL SMA-5 crossed below SMA-20"])
        let messages = await rig.publisher.published.map(\.message)
        XCTAssertTrue(messages[0].contains("2025-01-02T10:24:00.000000Z") && messages[0].contains("Price: 14"))
        XCTAssertTrue(messages[1].contains("2025-01-02T10:28:00.000000Z"))
    }

    func testRedeliveredBatchesPublishNothingNew() async throws {
        let rig = Rig()
        let quotes = series(buyThenSell)
        _ = try await rig.feed(quotes)
        // The whole stream again (a retried batch, an iterator reset), one batch holding every INSERT.
        let replay = try streamEvent(quotes.enumerated().map { ("INSERT", $1, "\($0 + 1)00") })
        let failures = try await rig.handler.handle(replay, context: testContext(rig.logs))
        XCTAssertTrue(failures.isEmpty)
        let count = await rig.publisher.published.count
        XCTAssertEqual(count, 2)
        XCTAssertEqual(rig.logs.lines.filter { $0.contains("cross already alerted") }.count, 2)
    }

    func testSeveralInsertsOfOneSymbolInOneBatchEachGetJudged() async throws {
        // Ticks 21–30 reach the table before the stream delivers them, in one batch: the crosses at
        // 24 and 28 are not newest in the table any more, yet both are found.
        let rig = Rig()
        let quotes = series(buyThenSell)
        for quote in quotes { try await rig.quotes.put(quote) }
        let batch = try streamEvent(quotes[20...].enumerated().map { ("INSERT", $1, "\($0 + 21)00") })
        let failures = try await rig.handler.handle(batch, context: testContext())
        XCTAssertTrue(failures.isEmpty)
        let subjects = await rig.publisher.subjects
        XCTAssertEqual(subjects.map { String($0.prefix(4)) }, ["BUY ", "SELL"])
    }

    func testOnlyInsertsCount() async throws {
        let rig = Rig()
        let quotes = series(buyThenSell)
        for quote in quotes.prefix(24) { try await rig.quotes.put(quote) }
        let event = try streamEvent([("MODIFY", quotes[23], "1"), ("REMOVE", quotes[23], "2")])
        _ = try await rig.handler.handle(event, context: testContext())
        let published = await rig.publisher.published.count, queries = await rig.quotes.queries
        XCTAssertEqual(published, 0)
        XCTAssertEqual(queries, 0)
    }

    func testSymbolsAreIndependent() async throws {
        let rig = Rig()
        let aapl = series(buyThenSell, symbol: "AAPL"), msft = series(Array(repeating: 50, count: 30), symbol: "MSFT")
        for quote in aapl.prefix(24) + msft.prefix(24) { try await rig.quotes.put(quote) }
        let event = try streamEvent([("INSERT", msft[23], "1"), ("INSERT", aapl[23], "2")])
        _ = try await rig.handler.handle(event, context: testContext())
        let subjects = await rig.publisher.subjects
        XCTAssertEqual(subjects, ["BUY signal: AAPL SMA-5 crossed above SMA-20"])
    }

    func testFailedPublishFailsTheRecordAndTheRetryPublishesOnce() async throws {
        let rig = Rig()
        let quotes = series(buyThenSell)
        for quote in quotes.prefix(25) { try await rig.quotes.put(quote) }
        await rig.publisher.failNext(1)
        let event = try streamEvent([("INSERT", quotes[22], "2300"), ("INSERT", quotes[23], "2400"), ("INSERT", quotes[24], "2500")])
        let first = try await rig.handler.handle(event, context: testContext(rig.logs))
        XCTAssertEqual(first.identifiers, ["2400"], "record 24's alert failed; Lambda resumes from it")
        XCTAssertEqual(rig.logs.count(level: "ERROR"), 1)
        let claimed = await rig.ledger.claimed
        XCTAssertTrue(claimed.isEmpty, "the claim was released")

        let retry = try streamEvent([("INSERT", quotes[23], "2400"), ("INSERT", quotes[24], "2500")])
        let second = try await rig.handler.handle(retry, context: testContext())
        XCTAssertTrue(second.isEmpty)
        let subjects = await rig.publisher.subjects
        XCTAssertEqual(subjects.count, 1)
        XCTAssertTrue(subjects[0].hasPrefix("BUY"))
    }

    func testQueryFailureFailsTheRecord() async throws {
        struct BrokenStore: QuoteStore {
            func put(_ quote: Quote) async throws {}
            func latest(symbol: String, atOrBefore timestamp: String?, limit: Int) async throws -> [Quote] { throw InjectedFailure() }
        }
        let handler = MarketAnalysisHandler(quotes: BrokenStore(), ledger: MemoryAlertLedger(), publisher: MemoryPublisher())
        let quote = series([10])[0]
        let failures = try await handler.handle(try streamEvent([("INSERT", quote, "9"), ("INSERT", quote, "10")]), context: testContext())
        XCTAssertEqual(failures.identifiers, ["9"])
    }

    func testFewerThanTwentyOneRecordsPublishNothing() async throws {
        let rig = Rig()
        // The BUY series of SMACrossTests.testNeedsTwentyOneRecords without its first record: 20 records.
        let prices: [Decimal] = Array(repeating: 10, count: 14) + Array(repeating: 8, count: 5) + [30]
        _ = try await rig.feed(series(prices))
        let published = await rig.publisher.published.count
        XCTAssertEqual(published, 0)
    }

    func testReadsAtMostTheHistoryLength() async throws {
        struct CountingStore: QuoteStore {
            let limits = LimitLog()
            func put(_ quote: Quote) async throws {}
            func latest(symbol: String, atOrBefore timestamp: String?, limit: Int) async throws -> [Quote] {
                await limits.add(limit, timestamp)
                return []
            }
        }
        actor LimitLog { var seen: [(Int, String?)] = []; func add(_ l: Int, _ t: String?) { seen.append((l, t)) } }
        let store = CountingStore()
        let quote = series([10])[0]
        _ = try await MarketAnalysisHandler(quotes: store, ledger: MemoryAlertLedger(), publisher: MemoryPublisher())
            .handle(try streamEvent([("INSERT", quote, "1")]), context: testContext())
        let seen = await store.limits.seen
        XCTAssertEqual(seen.map(\.0), [30])
        XCTAssertEqual(seen.map(\.1), [quote.timestamp], "judged on the table up to the inserted record")
    }
}
