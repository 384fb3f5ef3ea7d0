import TestSupport
import AWSClient
import Foundation
import FunctionClients
import LambdaEvents
import LambdaRuntime
import MarketLogic
import TickLogic
import XCTest

/// The three handlers, in process, with the real `FunctionClients` adapters against moto_server:
/// what each function does to S3, DynamoDB and SNS, observed through the same APIs.
final class FunctionsEndToEndTests: MotoTestCase {

    private func context(_ name: String) -> LambdaContext {
        LambdaContext(requestID: UUID().uuidString, deadline: Date().addingTimeInterval(60),
                      invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:\(name)",
                      logger: LambdaLogger(minimumLevel: .warn))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ json: JSONValue) throws -> T {
        try JSONDecoder().decode(type, from: json.encoded())
    }

    // MARK: market-processing

    func testProcessingStoresRawTickAndQuote() async throws {
        try await aws.createBucket("raw")
        try await aws.createQuotesTable("quotes")
        let config = try MarketProcessingConfig(environment: ["RAW_BUCKET": "raw", "RAW_PREFIX": "raw-data", "QUOTES_TABLE": "quotes"])
        let handler = MarketProcessingHandler(config: config, rawStore: S3JSONStore(context: aws.context, bucket: "raw"),
                                              quoteStore: DynamoDBQuoteStore(context: aws.context, table: "quotes"))
        let tick = #"{"symbol":"AAPL","price":189.5,"previous_close":187.2,"volume":51234,"open":188.1,"high":190.02,"low":187.9,"timestamp":"2025-01-02T14:30:05.123456"}"#
        let sequence = "49590338271490256608559692538361571095921575989136588898"
        let event = try decode(KinesisEvent.self, ["Records": [[
            "kinesis": [
                "kinesisSchemaVersion": "1.0", "partitionKey": "AAPL", "sequenceNumber": .string(sequence),
                "data": .string(Data(tick.utf8).base64EncodedString()), "approximateArrivalTimestamp": 1735828205.5,
            ],
            "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": .string("shardId-000000000000:\(sequence)"),
            "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/processing",
            "awsRegion": "us-east-1", "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/ticks",
        ]]])

        let failures = try await handler.handle(event, context: context("market-processing"))

        XCTAssertEqual(failures.identifiers, [])
        let key = "raw-data/AAPL/2025-01-02T14:30:05.123456Z-\(sequence).json"
        let listed = try await aws.keys(bucket: "raw", prefix: "raw-data/AAPL/")
        XCTAssertEqual(listed, [key])
        let object = try await S3Client(context: aws.context).getObject(bucket: "raw", key: key)
        XCTAssertEqual(String(decoding: object.body, as: UTF8.self), tick, "the raw copy is the record's bytes")

        let items = try await aws.items(table: "quotes", symbol: "AAPL")
        XCTAssertEqual(items, [[
            "symbol": .s("AAPL"), "timestamp": .s("2025-01-02T14:30:05.123456Z"), "price": .n("189.5"),
            "previous_close": .n("187.2"), "volume": .n("51234"), "change": .n("2.3"), "change_percent": .n("1.23"),
        ]])
        let latest = try await DynamoDBQuoteStore(context: aws.context, table: "quotes").latest(symbol: "AAPL", limit: 5)
        XCTAssertEqual(latest, [Quote(symbol: "AAPL", timestamp: "2025-01-02T14:30:05.123456Z", price: Decimal(string: "189.5")!,
                                      previousClose: Decimal(string: "187.2")!, volume: 51234)])
    }

    // MARK: market-analysis

    /// 20 falling prices (SMA-5 below SMA-20), 10 rising, 10 falling: one BUY (at record 24, price
    /// 116) and one SELL (at record 36, price 103).
    static let prices: [Decimal] = (0..<20).map { Decimal(120 - $0) } + (1...10).map { Decimal(101 + 3 * $0) }
        + (1...10).map { Decimal(131 - 4 * $0) }

    static func timestamp(_ i: Int) -> String {
        String(format: "2025-01-02T14:%02d:%02d.000000Z", 30 + i / 60, i % 60)
    }

    private func insertEvent(_ records: Range<Int>) throws -> DynamoDBStreamEvent {
        try decode(DynamoDBStreamEvent.self, ["Records": .array(records.map { i in
            let keys: JSONValue = ["symbol": ["S": "AAPL"], "timestamp": ["S": .string(Self.timestamp(i))]]
            return [
                "eventID": .string("event-\(i)"), "eventVersion": "1.1", "eventName": "INSERT", "eventSource": "aws:dynamodb",
                "awsRegion": "us-east-1",
                "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/quotes/stream/2025-01-02T00:00:00.000",
                "dynamodb": [
                    "ApproximateCreationDateTime": 1735828200, "Keys": keys, "NewImage": keys,
                    "SequenceNumber": .string(String(1000 + i)), "SizeBytes": 100, "StreamViewType": "NEW_IMAGE",
                ],
            ]
        })])
    }

    func testAnalysisAlertsOneBuyThenOneSellAndNothingOnRedelivery() async throws {
        try await aws.createQuotesTable("quotes")
        let topic = try await aws.createTopic("alerts")
        let queue = try await aws.subscribedQueue("alerts-inbox", topicArn: topic)
        let quotes = DynamoDBQuoteStore(context: aws.context, table: "quotes")
        for (i, price) in Self.prices.enumerated() {
            try await quotes.put(Quote(symbol: "AAPL", timestamp: Self.timestamp(i), price: price, previousClose: 100, volume: 1000 + i))
        }
        let config = try MarketAnalysisConfig(environment: ["QUOTES_TABLE": "quotes", "ALERT_TOPIC_ARN": topic])
        let handler = MarketAnalysisHandler(quotes: quotes, ledger: DynamoDBAlertLedger(context: aws.context, table: config.quotesTable),
                                            publisher: SNSAlertPublisher(context: aws.context, topicArn: config.alertTopicArn))

        // Two batches, as the stream would deliver them.
        let first = try await handler.handle(try insertEvent(0..<30), context: context("market-analysis"))
        let second = try await handler.handle(try insertEvent(30..<40), context: context("market-analysis"))
        XCTAssertEqual(first.identifiers, [])
        XCTAssertEqual(second.identifiers, [])

        let alerts = try await aws.receiveNotifications(queueURL: queue)
        XCTAssertEqual(alerts.map { $0["Subject"]?.stringValue }, [
            "BUY signal: AAPL SMA-5 crossed above SMA-20", "SELL signal: AAPL SMA-5 crossed below SMA-20",
        ])
        XCTAssertEqual(alerts.map { $0["TopicArn"]?.stringValue }, [topic, topic])
        XCTAssertTrue(alerts.first?["Message"]?.stringValue?.contains("at the tick of \(Self.timestamp(24))") == true,
                      String(describing: alerts.first?["Message"]))
        XCTAssertTrue(alerts.last?["Message"]?.stringValue?.contains("at the tick of \(Self.timestamp(36))") == true,
                      String(describing: alerts.last?["Message"]))

        // The ledger marked exactly the two cross items.
        let marked = try await aws.items(table: "quotes", symbol: "AAPL").compactMap { item -> String? in
            guard case .s(let signal)? = item["alert_signal"], case .s(let ts)? = item["timestamp"] else { return nil }
            return "\(signal)@\(ts)"
        }
        XCTAssertEqual(marked, ["BUY@\(Self.timestamp(24))", "SELL@\(Self.timestamp(36))"])

        // Redelivered batches (the second alone, then everything): nothing new is published.
        let again = try await handler.handle(try insertEvent(30..<40), context: context("market-analysis"))
        let all = try await handler.handle(try insertEvent(0..<40), context: context("market-analysis"))
        XCTAssertEqual(again.identifiers, [])
        XCTAssertEqual(all.identifiers, [])
        let afterRedelivery = try await aws.receiveNotifications(queueURL: queue)
        XCTAssertEqual(afterRedelivery.count, 0, "redelivery published: \(afterRedelivery)")
    }

    /// A publish that fails (the topic does not exist) releases the claim and fails the record, so
    /// the redelivered batch publishes the alert.
    func testAnalysisFailedPublishReleasesTheClaimAndTheRetryAlerts() async throws {
        try await aws.createQuotesTable("quotes")
        let topic = try await aws.createTopic("alerts")
        let queue = try await aws.subscribedQueue("alerts-inbox", topicArn: topic)
        let quotes = DynamoDBQuoteStore(context: aws.context, table: "quotes")
        for (i, price) in Self.prices.prefix(30).enumerated() {
            try await quotes.put(Quote(symbol: "AAPL", timestamp: Self.timestamp(i), price: price, previousClose: 100, volume: 1))
        }
        let ledger = DynamoDBAlertLedger(context: aws.context, table: "quotes")
        let broken = MarketAnalysisHandler(quotes: quotes, ledger: ledger, publisher: SNSAlertPublisher(
            context: aws.context, topicArn: "arn:aws:sns:us-east-1:123456789012:no-such-topic"))
        let failed = try await broken.handle(try insertEvent(0..<30), context: context("market-analysis"))
        XCTAssertEqual(failed.identifiers, ["1024"], "the BUY record (24) fails the batch")
        let marks = try await aws.items(table: "quotes", symbol: "AAPL").filter { $0["alert_signal"] != nil }
        XCTAssertEqual(marks.count, 0, "the claim was released")

        let fixed = MarketAnalysisHandler(quotes: quotes, ledger: ledger,
                                          publisher: SNSAlertPublisher(context: aws.context, topicArn: topic))
        let retried = try await fixed.handle(try insertEvent(24..<30), context: context("market-analysis"))
        XCTAssertEqual(retried.identifiers, [])
        let alerts = try await aws.receiveNotifications(queueURL: queue)
        XCTAssertEqual(alerts.map { $0["Subject"]?.stringValue }, ["BUY signal: AAPL SMA-5 crossed above SMA-20"])
    }

    func testLedgerClaimIsOnceAndReleaseAllowsAClaimAgain() async throws {
        try await aws.createQuotesTable("quotes")
        let quotes = DynamoDBQuoteStore(context: aws.context, table: "quotes")
        try await quotes.put(Quote(symbol: "MSFT", timestamp: Self.timestamp(0), price: 420, previousClose: 410, volume: 7))
        let ledger = DynamoDBAlertLedger(context: aws.context, table: "quotes")
        let cross = CrossSignal(signal: .buy, symbol: "MSFT", timestamp: Self.timestamp(0), price: 420, sma5: 2, sma20: 1,
                                previousSMA5: 1, previousSMA20: 2)
        let claimed = try await ledger.claim(cross)
        let claimedAgain = try await ledger.claim(cross)
        XCTAssertTrue(claimed)
        XCTAssertFalse(claimedAgain, "ConditionalCheckFailedException is 'already claimed', not an error")
        try await ledger.release(cross)
        let claimedAfterRelease = try await ledger.claim(cross)
        XCTAssertTrue(claimedAfterRelease)
        // A cross of a quote that is not in the table is not claimed, and no item is created for it.
        let missing = CrossSignal(signal: .sell, symbol: "MSFT", timestamp: Self.timestamp(1), price: 1, sma5: 1, sma20: 2,
                                  previousSMA5: 2, previousSMA20: 1)
        let claimedMissing = try await ledger.claim(missing)
        XCTAssertFalse(claimedMissing)
        let items = try await aws.items(table: "quotes", symbol: "MSFT")
        XCTAssertEqual(items.count, 1)
    }

    // MARK: tick-processor

    func testTickProcessorStoresAlertsAndReportsExactlyTheMalformedMessages() async throws {
        try await aws.createBucket("ticks")
        let topic = try await aws.createTopic("price-alerts")
        let queue = try await aws.subscribedQueue("price-alerts-inbox", topicArn: topic)
        let config = try TickProcessorConfig(environment: [
            "BUCKET": "ticks", "PROCESSED_PREFIX": "processed", "SNS_TOPIC_ARN": topic, "ALERT_THRESHOLD": "1000",
        ])
        let now = Date(timeIntervalSince1970: 1_735_828_205.25)
        let handler = TickProcessorHandler(config: config, store: S3JSONStore(context: aws.context, bucket: config.bucket),
                                           publisher: SNSAlertPublisher(context: aws.context, topicArn: config.alertTopicArn),
                                           clock: { now })
        let bodies: [(id: String, body: String)] = [
            ("m-above", #"{"symbol":"AAPL","price":1250.5,"volume":12000}"#),
            ("m-bad-json", "price: 12"),
            ("m-below", #"{"symbol":"MSFT","price":"420.10","volume":300,"timestamp":"2025-01-02T14:30:05Z"}"#),
            ("m-bad-symbol", #"{"symbol":"aapl; rm","price":1,"volume":1}"#),
            ("m-at", #"{"symbol":"GOOG","price":1000,"volume":5}"#),
        ]
        let event = try decode(SQSEvent.self, ["Records": .array(bodies.map {
            [
                "messageId": .string($0.id), "receiptHandle": "handle", "body": .string($0.body),
                "attributes": ["ApproximateReceiveCount": "1", "SentTimestamp": "1735828205000"], "messageAttributes": [:],
                "md5OfBody": "0", "eventSource": "aws:sqs", "awsRegion": "us-east-1",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:ticks",
            ]
        })])

        let failures = try await handler.handle(event, context: context("tick-processor"))

        XCTAssertEqual(failures.identifiers, ["m-bad-json", "m-bad-symbol"])
        let keys = try await aws.keys(bucket: "ticks", prefix: "processed/")
        XCTAssertEqual(keys, ["processed/AAPL/1735828205-m-above.json", "processed/GOOG/1735828205-m-at.json",
                              "processed/MSFT/1735828205-m-below.json"])
        let msft = try await S3Client(context: aws.context).getObject(bucket: "ticks", key: "processed/MSFT/1735828205-m-below.json")
        XCTAssertEqual(String(decoding: msft.body, as: UTF8.self),
                       #"{"price":420.1,"processed_at":"2025-01-02T14:30:05.250Z","symbol":"MSFT","timestamp":"2025-01-02T14:30:05Z","volume":300}"#)

        let alerts = try await aws.receiveNotifications(queueURL: queue)
        XCTAssertEqual(alerts.compactMap { $0["Subject"]?.stringValue }.sorted(),
                       ["Price alert: AAPL at 1250.5", "Price alert: GOOG at 1000"])
    }

    // MARK: cold start

    func testContextNeedsRegionAndCredentials() {
        XCTAssertThrowsError(try FunctionAWS.context(environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "s"])) {
            XCTAssertTrue("\($0)".contains("AWS_REGION"), "\($0)")
        }
        XCTAssertThrowsError(try FunctionAWS.context(environment: ["AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "A"])) {
            XCTAssertTrue("\($0)".contains("AWS_SECRET_ACCESS_KEY"), "\($0)")
            XCTAssertEqual(($0 as? LambdaReportableError)?.errorType, "Runtime.AWSConfiguration")
        }
    }
}
