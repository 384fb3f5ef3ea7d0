import Foundation
import LambdaEvents
import MarketLogic
import XCTest

final class MarketProcessingHandlerTests: XCTestCase {
    let config = try! MarketProcessingConfig(environment: [
        "RAW_BUCKET": "raw-bucket", "RAW_PREFIX": "raw-data", "QUOTES_TABLE": "Quotes",
    ])

    func tick(_ symbol: String, _ price: String, _ time: String) -> String {
        #"{"symbol":"\#(symbol)","price":\#(price),"previous_close":100,"volume":10,"timestamp":"2025-01-02T14:30:\#(time)Z"}"#
    }

    func testConfigReadsTheContractAndReportsAllMissingVariables() throws {
        XCTAssertEqual(config.rawPrefix, "raw-data/")
        XCTAssertEqual(config.rawBucket, "raw-bucket")
        XCTAssertThrowsError(try MarketProcessingConfig(environment: ["RAW_BUCKET": "b"])) {
            XCTAssertEqual(String(describing: $0), "environment variables not set: RAW_PREFIX, QUOTES_TABLE")
        }
        XCTAssertThrowsError(try MarketAnalysisConfig(environment: ["QUOTES_TABLE": "Q", "ALERT_TOPIC_ARN": "alerts"]))
        XCTAssertNoThrow(try MarketAnalysisConfig(environment: [
            "QUOTES_TABLE": "Q", "ALERT_TOPIC_ARN": "arn:aws:sns:us-east-1:123456789012:TrendAlerts"]))
    }

    func testStoresRawBytesAndQuotesAndSkipsMalformedRecords() async throws {
        let objects = MemoryObjectStore(), quotes = MemoryQuoteStore(), logs = LogLines()
        let handler = MarketProcessingHandler(config: config, rawStore: objects, quoteStore: quotes)
        let first = tick("AAPL", "101", "01")
        let event = try kinesisEvent([
            ("100", first), ("200", #"{"symbol":"AAPL","price":"oops"}"#), ("300", "\u{1}binary"), ("400", tick("MSFT", "55.5", "02")),
        ])
        let failures = try await handler.handle(event, context: testContext(logs))
        XCTAssertEqual(failures, BatchItemFailures(), "malformed records are skipped, not retried")
        let stored = await objects.objects
        XCTAssertEqual(stored.keys.sorted(), [
            "raw-data/AAPL/2025-01-02T14:30:01.000000Z-100.json", "raw-data/MSFT/2025-01-02T14:30:02.000000Z-400.json",
        ])
        XCTAssertEqual(stored["raw-data/AAPL/2025-01-02T14:30:01.000000Z-100.json"], Data(first.utf8), "raw means the bytes as sent")
        let aapl = await quotes.all("AAPL"), msft = await quotes.all("MSFT")
        XCTAssertEqual(aapl.map(\.price), [101])
        XCTAssertEqual(msft.map(\.price), [dec("55.5")])
        XCTAssertEqual(logs.count(level: "WARN"), 2)
        XCTAssertTrue(logs.lines.contains { $0.contains(#""sequenceNumber":"200""#) && $0.contains("not a tick record") })
    }

    func testStorageFailureReportsThatRecordAndStops() async throws {
        let objects = MemoryObjectStore(), quotes = MemoryQuoteStore()
        await quotes.setFailPutsAfter(1) // the first quote put works, the second fails
        let handler = MarketProcessingHandler(config: config, rawStore: objects, quoteStore: quotes)
        let event = try kinesisEvent([("1", tick("AAPL", "101", "01")), ("2", tick("AAPL", "102", "02")),
                                      ("3", tick("AAPL", "103", "03"))])
        let failures = try await handler.handle(event, context: testContext())
        XCTAssertEqual(failures.identifiers, ["2"])
        let keys = await objects.putOrder
        XCTAssertEqual(keys.count, 2, "record 3 is not touched: Lambda redelivers it after 2")
        let stored = await quotes.all("AAPL")
        XCTAssertEqual(stored.map(\.price), [101])
    }

    func testS3FailureReportsTheRecordBeforeAnyQuoteWrite() async throws {
        let objects = MemoryObjectStore(), quotes = MemoryQuoteStore()
        await objects.failPut(number: 1)
        let handler = MarketProcessingHandler(config: config, rawStore: objects, quoteStore: quotes)
        let failures = try await handler.handle(try kinesisEvent([("7", tick("AAPL", "101", "01"))]), context: testContext())
        XCTAssertEqual(failures.identifiers, ["7"])
        let stored = await quotes.all("AAPL")
        XCTAssertTrue(stored.isEmpty, "no quote (and so no analysis) without its raw copy")
    }

    func testRedeliveryRewritesTheSameKeys() async throws {
        let objects = MemoryObjectStore(), quotes = MemoryQuoteStore()
        let handler = MarketProcessingHandler(config: config, rawStore: objects, quoteStore: quotes)
        let event = try kinesisEvent([("1", tick("AAPL", "101", "01")), ("2", tick("AAPL", "102", "02"))])
        _ = try await handler.handle(event, context: testContext())
        _ = try await handler.handle(event, context: testContext())
        let keys = await objects.objects.keys.count, puts = await objects.putOrder.count
        XCTAssertEqual(keys, 2)
        XCTAssertEqual(puts, 4)
        let stored = await quotes.all("AAPL")
        XCTAssertEqual(stored.count, 2)
    }
}
