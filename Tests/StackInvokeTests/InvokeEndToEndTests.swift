import AWSClient
import Foundation
import TestSupport
import XCTest

/// `stackctl invoke --env local` running the real function binaries (built by `stackctl build`, release,
/// unpacked from their zips) against a moto_server of the test's own. The resources are created with
/// the physical names the local templates give them, so the functions find them through the variables
/// invoke resolves — nothing is passed by hand.
final class InvokeEndToEndTests: MotoTestCase {
    nonisolated(unsafe) private static var built: CLIRun?

    struct BuildFailed: Error, CustomStringConvertible { var description: String }

    static let rawBucket = "mkt-local-market-stream-raw-data-123456789012"
    static let quotesTable = "mkt-local-stock-market-data"
    static let trendTopic = "mkt-local-market-stream-trend-alerts"
    static let processedBucket = "mkt-local-tick-alerts-processed-data-123456789012"
    static let tickTopic = "mkt-local-tick-alerts-stock-alerts"

    override func setUp() async throws {
        // One release build of the three functions per run (incremental, or "up to date"). Strict: built here, on a
        // newer glibc than provided.al2023's, they must still pass the glibc and no-ICU checks (issue 11).
        if Self.built == nil {
            Self.built = runCLI(["build", "--env", "local"], environment: ProcessInfo.processInfo.environment)
        }
        let build = try XCTUnwrap(Self.built)
        guard build.status == 0 else { throw BuildFailed(description: "stackctl build failed: \(build.stderr)") }
        try await super.setUp()
    }

    /// Invokes with the local environment pointed at this test's moto (no credentials: the emulator's).
    private func invoke(_ function: String, event: Any, _ extra: [String] = []) throws -> CLIRun {
        let file = try temporaryFolder(self).appendingPathComponent("event.json")
        try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]).write(to: file)
        return runCLI(["invoke", function, "--env", "local", "--event", file.path] + extra,
                      environment: ["PATH": "/usr/bin:/bin", "AWS_ENDPOINT_URL": moto.endpoint])
    }

    // MARK: events

    static func tick(_ i: Int, price: Double, symbol: String = "AAPL") -> String {
        #"{"symbol":"\#(symbol)","price":\#(price),"previous_close":100,"volume":\#(1000 + i),"timestamp":"\#(String(format: "2025-01-02T14:%02d:%02d", 30 + i / 60, i % 60))"}"#
    }

    static func kinesisEvent(_ ticks: [String]) -> Any {
        ["Records": ticks.enumerated().map { i, tick in
            let sequence = "4959033827149025660855969253836157109592157598913658" + String(format: "%04d", i)
            return [
                "kinesis": ["kinesisSchemaVersion": "1.0", "partitionKey": "AAPL", "sequenceNumber": sequence,
                            "data": Data(tick.utf8).base64EncodedString(), "approximateArrivalTimestamp": 1735828205.5] as [String: Any],
                "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": "shardId-000000000000:\(sequence)",
                "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/processing",
                "awsRegion": "us-east-1", "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/mkt-local-stock-market-stream",
            ] as [String: Any]
        }]
    }

    static func streamEvent(_ keys: [(symbol: String, timestamp: String)], from first: Int) -> Any {
        ["Records": keys.enumerated().map { offset, key in
            let image: [String: Any] = ["symbol": ["S": key.symbol], "timestamp": ["S": key.timestamp]]
            return [
                "eventID": "event-\(first + offset)", "eventVersion": "1.1", "eventName": "INSERT", "eventSource": "aws:dynamodb",
                "awsRegion": "us-east-1",
                "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/\(quotesTable)/stream/2025-01-02T00:00:00.000",
                "dynamodb": ["ApproximateCreationDateTime": 1735828200, "Keys": image, "NewImage": image,
                             "SequenceNumber": String(1000 + first + offset), "SizeBytes": 100, "StreamViewType": "NEW_IMAGE"] as [String: Any],
            ] as [String: Any]
        }]
    }

    static func sqsEvent(_ messages: [(id: String, body: String)]) -> Any {
        ["Records": messages.map { message in
            [
                "messageId": message.id, "receiptHandle": "handle", "body": message.body,
                "attributes": ["ApproximateReceiveCount": "1", "SentTimestamp": "1735828205000"], "messageAttributes": [String: Any](),
                "md5OfBody": "0", "eventSource": "aws:sqs", "awsRegion": "us-east-1",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:mkt-local-tick-alerts-stock-queue",
            ] as [String: Any]
        }]
    }

    // MARK: market-processing

    func testProcessingWritesTheRawObjectAndTheQuoteItem() async throws {
        try await aws.createBucket(Self.rawBucket)
        try await aws.createQuotesTable(Self.quotesTable)

        let run = try invoke("MarketStream/Processing", event: Self.kinesisEvent([Self.tick(5, price: 189.5)]))

        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, #"{"batchItemFailures":[]}"#)
        XCTAssertTrue(run.stderr.contains("MarketStream/Processing: succeeded in"), run.stderr)
        let keys = try await aws.keys(bucket: Self.rawBucket, prefix: "raw-data/AAPL/")
        XCTAssertEqual(keys, ["raw-data/AAPL/2025-01-02T14:30:05.000000Z-49590338271490256608559692538361571095921575989136580000.json"])
        let object = try await S3Client(context: aws.context).getObject(bucket: Self.rawBucket, key: try XCTUnwrap(keys.first))
        XCTAssertEqual(String(decoding: object.body, as: UTF8.self), Self.tick(5, price: 189.5))
        let items = try await aws.items(table: Self.quotesTable, symbol: "AAPL")
        XCTAssertEqual(items.count, 1)
        XCTAssertEqual(items.first?["timestamp"], .s("2025-01-02T14:30:05.000000Z"))
        XCTAssertEqual(items.first?["price"], .n("189.5"))
        XCTAssertEqual(items.first?["volume"], .n("1005"))
    }

    // MARK: market-analysis

    /// 20 falling prices, 10 rising, 10 falling: one BUY (record 24) and one SELL (record 36).
    static let prices: [Double] = (0..<20).map { Double(120 - $0) } + (1...10).map { Double(101 + 3 * $0) }
        + (1...10).map { Double(131 - 4 * $0) }

    func testAnalysisOfACrossingSequenceAlertsOneBuyThenOneSell() async throws {
        try await aws.createBucket(Self.rawBucket)
        try await aws.createQuotesTable(Self.quotesTable)
        let topic = try await aws.createTopic(Self.trendTopic)
        XCTAssertEqual(topic, "arn:aws:sns:us-east-1:123456789012:\(Self.trendTopic)", "the ARN invoke resolves for ALERT_TOPIC_ARN")
        let inbox = try await aws.subscribedQueue("alerts-inbox", topicArn: topic)

        // The quotes come in through the processing function, as on the stream.
        let ticks = Self.prices.enumerated().map { Self.tick($0.offset, price: $0.element) }
        let processing = try invoke("MarketStream/Processing", event: Self.kinesisEvent(ticks))
        XCTAssertEqual(processing.status, 0, processing.stderr)
        let keys = try await aws.items(table: Self.quotesTable, symbol: "AAPL").compactMap { item -> (String, String)? in
            guard case .s(let timestamp)? = item["timestamp"] else { return nil }
            return ("AAPL", timestamp)
        }
        XCTAssertEqual(keys.count, 40)

        // The table's stream, in two batches.
        let first = try invoke("MarketStream/Analysis", event: Self.streamEvent(Array(keys[0..<30]), from: 0))
        let second = try invoke("MarketStream/Analysis", event: Self.streamEvent(Array(keys[30..<40]), from: 30))
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(first.stdout, #"{"batchItemFailures":[]}"#)
        let alerts = try await aws.receiveNotifications(queueURL: inbox)
        XCTAssertEqual(alerts.map { $0["Subject"]?.stringValue }, [
            "BUY signal: AAPL SMA-5 crossed above SMA-20", "SELL signal: AAPL SMA-5 crossed below SMA-20",
        ])
        XCTAssertTrue(alerts.first?["Message"]?.stringValue?.contains(keys[24].1) == true, "\(alerts)")
        XCTAssertTrue(alerts.last?["Message"]?.stringValue?.contains(keys[36].1) == true, "\(alerts)")

        // The whole sequence delivered again: nothing new.
        let again = try invoke("MarketStream/Analysis", event: Self.streamEvent(keys, from: 0))
        XCTAssertEqual(again.status, 0, again.stderr)
        let afterRedelivery = try await aws.receiveNotifications(queueURL: inbox)
        XCTAssertEqual(afterRedelivery.count, 0, "\(afterRedelivery)")
    }

    // MARK: tick-processor

    func testProcessorStoresAlertsAndListsTheMalformedMessages() async throws {
        try await aws.createBucket(Self.processedBucket)
        let topic = try await aws.createTopic(Self.tickTopic)
        let inbox = try await aws.subscribedQueue("price-alerts-inbox", topicArn: topic)

        let run = try invoke("tick-processor", event: Self.sqsEvent([
            ("m-above", #"{"symbol":"AAPL","price":1250.5,"volume":12000}"#),
            ("m-bad-json", "price: 12"),
            ("m-below", #"{"symbol":"MSFT","price":"420.10","volume":300}"#),
            ("m-bad-symbol", #"{"symbol":"aapl; rm","price":1,"volume":1}"#),
            ("m-at", #"{"symbol":"GOOG","price":1200,"volume":5}"#),
        ]))

        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, #"{"batchItemFailures":[{"itemIdentifier":"m-bad-json"},{"itemIdentifier":"m-bad-symbol"}]}"#)
        let keys = try await aws.keys(bucket: Self.processedBucket, prefix: "processed/")
        XCTAssertEqual(keys.count, 3, "\(keys)")
        for (symbol, id) in [("AAPL", "m-above"), ("GOOG", "m-at"), ("MSFT", "m-below")] {
            XCTAssertTrue(keys.contains { $0.hasPrefix("processed/\(symbol)/") && $0.hasSuffix("-\(id).json") }, "\(symbol): \(keys)")
        }
        let msft = try await S3Client(context: aws.context).getObject(bucket: Self.processedBucket,
                                                                       key: try XCTUnwrap(keys.first { $0.contains("/MSFT/") }))
        let stored = try XCTUnwrap(JSONSerialization.jsonObject(with: msft.body) as? [String: Any])
        XCTAssertEqual(stored["symbol"] as? String, "MSFT")
        XCTAssertNotNil(stored["processed_at"] as? String)
        let alerts = try await aws.receiveNotifications(queueURL: inbox)
        XCTAssertEqual(alerts.compactMap { $0["Subject"]?.stringValue }.sorted(),
                       ["Price alert: AAPL at 1250.5", "Price alert: GOOG at 1200"], "the threshold is local.yaml's 1200")
    }

    /// The real binary's failures: a bad configuration ends the cold start in init/error, an event of the
    /// wrong type is the invocation's error; both exit 4 with the function's own error type.
    func testTheRealBinarysInitErrorAndEventErrorExitFour() throws {
        let unset = try invoke("TickAlerts/Processor", event: Self.sqsEvent([]), ["--set", "BUCKET="])
        XCTAssertEqual(unset.status, 4, unset.stderr)
        XCTAssertTrue(unset.stderr.contains("failed to start (init error): Runtime.ConfigInvalid: environment variables not set: BUCKET"),
                      unset.stderr)

        let wrongEvent = try invoke("TickAlerts/Processor", event: Self.kinesisEvent([Self.tick(0, price: 1)]))
        XCTAssertEqual(wrongEvent.status, 4, wrongEvent.stderr)
        XCTAssertTrue(wrongEvent.stderr.contains("Runtime.UnmarshalError"), wrongEvent.stderr)
        XCTAssertTrue(wrongEvent.stdout.contains(#""errorType":"Runtime.UnmarshalError""#), wrongEvent.stdout)
    }
}
