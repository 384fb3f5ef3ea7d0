import DynamoDBAttributes
import Foundation
import LambdaEvents
import LambdaRuntime
import MarketLogic
import TickLogic

struct InjectedFailure: Error, CustomStringConvertible { var description: String { "injected failure" } }

/// The quotes table in memory: items by symbol, Query semantics of `QuoteStore`.
actor MemoryQuoteStore: QuoteStore {
    private(set) var quotes: [String: [String: Quote]] = [:]
    private(set) var queries = 0
    var failPutsAfter: Int?

    func setFailPutsAfter(_ n: Int?) { failPutsAfter = n }

    func put(_ quote: Quote) async throws {
        if let n = failPutsAfter {
            guard n > 0 else { throw InjectedFailure() }
            failPutsAfter = n - 1
        }
        quotes[quote.symbol, default: [:]][quote.timestamp] = quote
    }

    func latest(symbol: String, atOrBefore timestamp: String?, limit: Int) async throws -> [Quote] {
        queries += 1
        let all = (quotes[symbol] ?? [:]).values
            .filter { timestamp == nil || $0.timestamp <= timestamp! }
            .sorted { $0.timestamp < $1.timestamp }
        return Array(all.suffix(limit))
    }

    func all(_ symbol: String) -> [Quote] { (quotes[symbol] ?? [:]).values.sorted { $0.timestamp < $1.timestamp } }
}

/// The conditional-write ledger in memory.
actor MemoryAlertLedger: AlertLedger {
    private(set) var claimed: Set<String> = []
    func claim(_ cross: CrossSignal) async throws -> Bool { claimed.insert("\(cross.symbol)|\(cross.timestamp)").inserted }
    func release(_ cross: CrossSignal) async throws { claimed.remove("\(cross.symbol)|\(cross.timestamp)") }
}

/// Records published alerts; can fail the next N publishes.
actor MemoryPublisher: MarketLogic.AlertPublisher, TickLogic.AlertPublisher {
    private(set) var published: [(subject: String, message: String)] = []
    private var failures = 0

    func failNext(_ n: Int) { failures = n }

    func publish(subject: String, message: String) async throws {
        if failures > 0 { failures -= 1; throw InjectedFailure() }
        published.append((subject, message))
    }

    var subjects: [String] { published.map(\.subject) }
}

/// S3 in memory, for both raw and processed objects; can fail the Nth put (1-based).
actor MemoryObjectStore: RawTickStore, ProcessedTickStore {
    private(set) var objects: [String: Data] = [:]
    private(set) var putOrder: [String] = []
    private var failingPut: Int?
    private var puts = 0

    func failPut(number n: Int) { failingPut = n }

    private func store(_ key: String, _ body: Data) throws {
        puts += 1
        if puts == failingPut { throw InjectedFailure() }
        objects[key] = body
        putOrder.append(key)
    }

    func putRawTick(key: String, body: Data) async throws { try store(key, body) }
    func putProcessedTick(key: String, body: Data) async throws { try store(key, body) }
}

/// Collects log lines.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    var lines: [String] { lock.withLock { storage } }
    var sink: LogSink { LogSink { [self] line in lock.withLock { storage.append(line) } } }
    func count(level: String) -> Int { lines.filter { $0.contains(#""level":"\#(level)""#) }.count }
}

func testContext(_ logs: LogLines = LogLines()) -> LambdaContext {
    LambdaContext(requestID: "req-1", deadline: Date(timeIntervalSince1970: 1_700_000_060),
                  invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:test",
                  logger: LambdaLogger(requestID: "req-1", sink: logs.sink), clock: { Date(timeIntervalSince1970: 1_700_000_000) })
}

// MARK: event builders (the events are decoded from JSON, as the runtime would)

func decodeEvent<T: Decodable>(_ type: T.Type, _ object: [String: Any]) throws -> T {
    try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: object))
}

func kinesisEvent(_ records: [(sequence: String, payload: String)]) throws -> KinesisEvent {
    try decodeEvent(KinesisEvent.self, ["Records": records.map { record in
        [
            "kinesis": [
                "kinesisSchemaVersion": "1.0", "partitionKey": "AAPL", "sequenceNumber": record.sequence,
                "data": Data(record.payload.utf8).base64EncodedString(), "approximateArrivalTimestamp": 1_735_828_205.5,
            ],
            "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": "shardId-000000000000:\(record.sequence)",
            "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/processing",
            "awsRegion": "us-east-1", "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/ticks",
        ] as [String: Any]
    }])
}

/// One stream record per (eventName, quote, sequence number), with NEW_IMAGE as the stack configures.
func streamEvent(_ records: [(name: String, quote: Quote, sequence: String)]) throws -> DynamoDBStreamEvent {
    let encoder = JSONEncoder()
    func json(_ item: DynamoDBItem) throws -> Any { try JSONSerialization.jsonObject(with: encoder.encode(item)) }
    return try decodeEvent(DynamoDBStreamEvent.self, ["Records": records.map { record in
        var dynamodb: [String: Any] = [
            "Keys": try json(["symbol": .s(record.quote.symbol), "timestamp": .s(record.quote.timestamp)]),
            "SequenceNumber": record.sequence, "SizeBytes": 120, "StreamViewType": "NEW_IMAGE",
            "ApproximateCreationDateTime": 1_735_828_206,
        ]
        if record.name != "REMOVE" { dynamodb["NewImage"] = try json(record.quote.item) }
        return [
            "eventID": "id-\(record.sequence)", "eventName": record.name, "eventVersion": "1.1",
            "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
            "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Quotes/stream/2025-01-01T00:00:00.000",
            "dynamodb": dynamodb,
        ] as [String: Any]
    }])
}

func sqsEvent(_ messages: [(id: String, body: String)]) throws -> SQSEvent {
    try decodeEvent(SQSEvent.self, ["Records": messages.map { message in
        [
            "messageId": message.id, "receiptHandle": "AQEB-\(message.id)", "body": message.body,
            "attributes": ["ApproximateReceiveCount": "1", "SentTimestamp": "1700000000000",
                           "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "1700000000001"],
            "messageAttributes": [String: Any](), "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
            "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:StockQueue",
            "awsRegion": "us-east-2",
        ] as [String: Any]
    }])
}

func dec(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
