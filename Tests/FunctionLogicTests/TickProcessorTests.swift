import Foundation
import LambdaEvents
import LambdaRuntime
import TickLogic
import XCTest

final class TickProcessorConfigTests: XCTestCase {
    let base = ["BUCKET": "ticks", "PROCESSED_PREFIX": "processed", "SNS_TOPIC_ARN": "arn:aws:sns:us-east-2:123456789012:StockAlerts"]

    func testReadsTheContract() throws {
        var env = base
        env["ALERT_THRESHOLD"] = "1200"
        let config = try TickProcessorConfig(environment: env)
        XCTAssertEqual(config.alertThreshold, 1200)
        XCTAssertEqual(config.processedPrefix, "processed/")
        env["ALERT_THRESHOLD"] = "1200.50"
        XCTAssertEqual(try TickProcessorConfig(environment: env).alertThreshold, dec("1200.5"))
    }

    func testBadOrMissingThresholdIsAnInitError() {
        for bad in ["abc", "-5", "0", "12abc", " 1200", "1,200", "NaN"] {
            var env = base
            env["ALERT_THRESHOLD"] = bad
            XCTAssertThrowsError(try TickProcessorConfig(environment: env), bad) { error in
                XCTAssertEqual(error as? ConfigurationError,
                               .invalid(name: "ALERT_THRESHOLD", value: bad, reason: "not a positive number"))
                XCTAssertEqual(FunctionError(error).errorType, "Runtime.ConfigInvalid")
            }
        }
        XCTAssertThrowsError(try TickProcessorConfig(environment: base)) {
            XCTAssertEqual($0 as? ConfigurationError, .missing(["ALERT_THRESHOLD"]))
        }
        XCTAssertThrowsError(try TickProcessorConfig(environment: [:])) {
            XCTAssertEqual($0 as? ConfigurationError, .missing(["BUCKET", "PROCESSED_PREFIX", "SNS_TOPIC_ARN", "ALERT_THRESHOLD"]))
        }
    }
}

final class TickMessageTests: XCTestCase {
    func testParsesTheSeedsMessage() throws {
        XCTAssertEqual(try TickMessage.parse(#"{"symbol":"AAPL","price":1250.5,"volume":12000}"#),
                       TickMessage(symbol: "AAPL", price: dec("1250.5"), volume: 12000))
        XCTAssertEqual(try TickMessage.parse(#"{"symbol":"AAPL","price":"99.90","volume":"0","timestamp":"2025-01-02T14:30:05Z"}"#),
                       TickMessage(symbol: "AAPL", price: dec("99.9"), volume: 0, timestamp: "2025-01-02T14:30:05Z"))
    }

    func testRejections() {
        let cases: [(String, TickMessageRejection)] = [
            ("not json", .malformed("invalid JSON or field type")),
            (#"{"price":1,"volume":1}"#, .malformed("missing field symbol")),
            (#"{"symbol":"AAPL","volume":1}"#, .malformed("missing field price")),
            (#"{"symbol":"AAPL","price":true,"volume":1}"#, .malformed("invalid JSON or field type")),
            (#"{"symbol":"aapl","price":1,"volume":1}"#, .invalidSymbol("aapl")),
            (#"{"symbol":"../etc","price":1,"volume":1}"#, .invalidSymbol("../etc")),
            (#"{"symbol":"AAPL","price":0,"volume":1}"#, .invalidPrice("0")),
            (#"{"symbol":"AAPL","price":1,"volume":-2}"#, .invalidVolume("-2")),
            (#"{"symbol":"AAPL","price":1,"volume":2.5}"#, .invalidVolume("2.5")),
        ]
        for (body, expected) in cases {
            XCTAssertThrowsError(try TickMessage.parse(body), body) { XCTAssertEqual($0 as? TickMessageRejection, expected, body) }
        }
    }

    func testKeyAndBody() throws {
        // 1_700_000_000.75 s = 2023-11-14T22:13:20.750Z
        let processed = ProcessedTick(TickMessage(symbol: "AAPL", price: dec("1250.5"), volume: 12000),
                                      processedAt: Date(timeIntervalSince1970: 1_700_000_000.75))
        XCTAssertEqual(processed.epoch, 1_700_000_000)
        XCTAssertEqual(processed.processedAt, "2023-11-14T22:13:20.750Z")
        XCTAssertEqual(ProcessedTick.key(prefix: "processed/", symbol: "AAPL", epoch: processed.epoch,
                                         messageId: "059f36b4-87a3-44ab-83d2-661975830a7d"),
                       "processed/AAPL/1700000000-059f36b4-87a3-44ab-83d2-661975830a7d.json")
        XCTAssertEqual(String(decoding: try processed.body(), as: UTF8.self),
                       #"{"price":1250.5,"processed_at":"2023-11-14T22:13:20.750Z","symbol":"AAPL","volume":12000}"#)
        let withTimestamp = ProcessedTick(TickMessage(symbol: "AAPL", price: 1, volume: 1, timestamp: "2025-01-02T14:30:05Z"),
                                          processedAt: Date(timeIntervalSince1970: 0))
        XCTAssertEqual(String(decoding: try withTimestamp.body(), as: UTF8.self),
                       #"{"price":1,"processed_at":"1970-01-01T00:00:00.000Z","symbol":"AAPL","timestamp":"2025-01-02T14:30:05Z","volume":1}"#)
    }
}

final class TickProcessorHandlerTests: XCTestCase {
    let config = try! TickProcessorConfig(environment: [
        "BUCKET": "ticks", "PROCESSED_PREFIX": "processed/", "SNS_TOPIC_ARN": "arn:aws:sns:us-east-2:123456789012:StockAlerts",
        "ALERT_THRESHOLD": "1200",
    ])

    func handler(_ store: MemoryObjectStore, _ publisher: MemoryPublisher) -> TickProcessorHandler {
        TickProcessorHandler(config: config, store: store, publisher: publisher,
                             clock: { Date(timeIntervalSince1970: 1_700_000_000.75) })
    }

    func testThresholdEdges() async throws {
        let store = MemoryObjectStore(), publisher = MemoryPublisher()
        let prices = ["1199.99", "1200", "\"1200.00\"", "1200.01", "5"]
        let event = try sqsEvent(prices.enumerated().map { ("m\($0)", #"{"symbol":"AAPL","price":\#($1),"volume":1}"#) })
        let failures = try await handler(store, publisher).handle(event, context: testContext())
        XCTAssertTrue(failures.isEmpty)
        let subjects = await publisher.subjects
        XCTAssertEqual(subjects, ["Price alert: AAPL at 1200", "Price alert: AAPL at 1200", "Price alert: AAPL at 1200.01"],
                       "equal to the threshold alerts; below does not")
        XCTAssertTrue(handler(store, publisher).shouldAlert(1200))
        XCTAssertFalse(handler(store, publisher).shouldAlert(dec("1199.999999")))
        let stored = await store.objects.count
        XCTAssertEqual(stored, 5, "every tick is stored, alert or not")
    }

    func testStoresUnderPerMessageKeys() async throws {
        let store = MemoryObjectStore(), publisher = MemoryPublisher()
        let body = #"{"symbol":"AAPL","price":150,"volume":10}"#
        let event = try sqsEvent([("a", body), ("b", body)])
        _ = try await handler(store, publisher).handle(event, context: testContext())
        let keys = await store.objects.keys.sorted()
        XCTAssertEqual(keys, ["processed/AAPL/1700000000-a.json", "processed/AAPL/1700000000-b.json"],
                       "same symbol, same second: the message id keeps both")
        let published = await publisher.published.count
        XCTAssertEqual(published, 0, "150 is below 1200")
    }

    func testMalformedMessagesAreBatchItemFailuresAndTheRestIsProcessed() async throws {
        let store = MemoryObjectStore(), publisher = MemoryPublisher(), logs = LogLines()
        let event = try sqsEvent([("good-1", #"{"symbol":"AAPL","price":1300,"volume":10}"#), ("bad-1", "{oops"),
                                  ("bad-2", #"{"symbol":"AAPL","price":-1,"volume":10}"#),
                                  ("good-2", #"{"symbol":"MSFT","price":10,"volume":10}"#)])
        let failures = try await handler(store, publisher).handle(event, context: testContext(logs))
        XCTAssertEqual(failures.identifiers, ["bad-1", "bad-2"])
        let keys = await store.objects.keys.sorted()
        XCTAssertEqual(keys, ["processed/AAPL/1700000000-good-1.json", "processed/MSFT/1700000000-good-2.json"])
        XCTAssertEqual(logs.count(level: "ERROR"), 2)
    }

    func testStoreAndPublishFailuresFailOnlyTheirMessage() async throws {
        let store = MemoryObjectStore(), publisher = MemoryPublisher()
        await store.failPut(number: 1)
        await publisher.failNext(1)
        let body = #"{"symbol":"AAPL","price":1500,"volume":10}"#
        let event = try sqsEvent([("s3-fails", body), ("sns-fails", body), ("ok", body)])
        let failures = try await handler(store, publisher).handle(event, context: testContext())
        XCTAssertEqual(failures.identifiers, ["s3-fails", "sns-fails"])
        let subjects = await publisher.subjects
        XCTAssertEqual(subjects.count, 1, "the S3 failure published nothing; the SNS failure is retried")
    }
}
