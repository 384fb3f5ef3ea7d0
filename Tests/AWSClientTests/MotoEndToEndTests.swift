import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import DynamoDBAttributes
import XCTest
@testable import AWSClient

/// The clients against a real moto server on 127.0.0.1 over the default (libcurl) transport. Moto does not check
/// signatures, but it routes on the signed scope and parses our bodies, so this proves the wire
/// format end to end. Resources are created with tiny helpers below (signed through our stack);
/// the library itself has no Create calls. Needs `moto_server` on PATH: fails, not skips, without it.
final class MotoEndToEndTests: XCTestCase {
    var server: MotoServer?
    var context: AWSContext!

    override func setUp() async throws {
        let server = try await MotoServer.start()
        self.server = server
        context = AWSContext(credentials: Credentials(accessKeyId: "AKIDTEST", secretAccessKey: "test"), region: "us-east-1",
                             endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.endpoint]),
                             retryPolicy: .none)
    }

    override func tearDown() {
        server?.stop()  // by the PID it started
        server = nil
    }

    func testS3PutGetHead() async throws {
        try await createBucket("market-raw")
        let s3 = S3Client(context: context)
        let key = "raw-data/ÄAPL/ü 1.json"
        let etag = try await s3.putObject(bucket: "market-raw", key: key, body: Data(#"{"p":1}"#.utf8),
                                          contentType: "application/json", metadata: ["source": "ticks"])
        XCTAssertNotNil(etag)
        let object = try await s3.getObject(bucket: "market-raw", key: key)
        XCTAssertEqual(String(decoding: object.body, as: UTF8.self), #"{"p":1}"#)
        XCTAssertEqual(object.metadata.contentType, "application/json")
        XCTAssertEqual(object.metadata.metadata["source"], "ticks")
        let head = try await s3.headObject(bucket: "market-raw", key: key)
        XCTAssertEqual(head.contentLength, 7)
        XCTAssertEqual(head.eTag, etag)
        do {
            _ = try await s3.headObject(bucket: "market-raw", key: "missing")
            XCTFail("expected NotFound")
        } catch let error as AWSError {
            XCTAssertEqual(error.status, 404)
        }
    }

    func testDynamoDBPutQueryUpdate() async throws {
        try await createTable("Quotes")
        let db = DynamoDBClient(context: context)
        for (time, price) in [("09:29", "189.25"), ("09:30", "189.5"), ("09:31", "190")] {
            try await db.putItem(table: "Quotes", item: ["symbol": .s("AAPL"), "timestamp": .s(time), "price": .n(price)])
        }
        let latest = try await db.query(table: "Quotes", keyCondition: .init("#s = :s", names: ["#s": "symbol"],
                                                                              values: [":s": .s("AAPL")]),
                                        limit: 2, scanIndexForward: false)
        XCTAssertEqual(latest.items.map { $0["timestamp"] }, [.s("09:31"), .s("09:30")])
        XCTAssertNotNil(latest.lastEvaluatedKey)

        let key: DynamoDBItem = ["symbol": .s("AAPL"), "timestamp": .s("09:31")]
        let updated = try await db.updateItem(table: "Quotes", key: key,
                                              update: .init("SET price = :p", values: [":p": .n("191")]),
                                              condition: .init("price = :old", values: [":old": .n("190")]),
                                              returnValues: .allNew)
        XCTAssertEqual(updated["price"], .n("191"))
        do {
            try await db.updateItem(table: "Quotes", key: key, update: .init("SET price = :p", values: [":p": .n("1")]),
                                    condition: .init("price = :old", values: [":old": .n("190")]))
            XCTFail("the condition no longer holds")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, "ConditionalCheckFailedException")
        }
    }

    func testSNSSQSKinesis() async throws {
        let topicArn = try await createTopic("alerts")
        let messageId = try await SNSClient(context: context).publish(topicArn: topicArn, message: "AAPL up & away",
                                                                      subject: "Trend")
        XCTAssertFalse(messageId.isEmpty)

        let queueURL = try await createQueue("work")
        let sent = try await SQSClient(context: context).sendMessage(queueURL: queueURL, body: #"{"job":1}"#,
                                                                     attributes: ["kind": "tick"])
        XCTAssertFalse(sent.messageId.isEmpty)
        XCTAssertEqual(sent.md5OfMessageBody, Self.md5Hex(#"{"job":1}"#))

        try await createStream("ticks")
        let kinesis = KinesisClient(context: context)
        let one = try await kinesis.putRecord(stream: "ticks", data: Data("tick".utf8), partitionKey: "AAPL")
        XCTAssertEqual(one.shardId, "shardId-000000000000")
        let many = try await kinesis.putRecords(stream: "ticks", records: [
            .init(data: Data("a".utf8), partitionKey: "A"), .init(data: Data("b".utf8), partitionKey: "B"),
        ])
        XCTAssertEqual(many.failedRecordCount, 0)
        XCTAssertEqual(many.records.count, 2)
        XCTAssertNotNil(many.records[1].sequenceNumber)
    }

    // MARK: Test-only create helpers, signed through our stack.

    func createBucket(_ name: String) async throws {
        let url = S3Addressing(endpoint: context.endpoint(serviceId: "S3", hostPrefix: "s3"), region: context.region)
            .url(bucket: name)
        _ = try await context.send(HTTPRequest(method: "PUT", url: url, headers: ["Content-Type": "application/xml"]),
                                   signingName: "s3")
    }

    func createTable(_ name: String) async throws {
        let body: JSONValue = [
            "TableName": .string(name), "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [["AttributeName": "symbol", "AttributeType": "S"],
                                     ["AttributeName": "timestamp", "AttributeType": "S"]],
            "KeySchema": [["AttributeName": "symbol", "KeyType": "HASH"], ["AttributeName": "timestamp", "KeyType": "RANGE"]],
        ]
        _ = try await context.jsonCall(context.endpoint(serviceId: "DynamoDB", hostPrefix: "dynamodb"), signingName: "dynamodb",
                                       target: "DynamoDB_20120810.CreateTable", jsonVersion: "1.0", body: body)
    }

    func createTopic(_ name: String) async throws -> String {
        let request = HTTPRequest(method: "POST", url: AWSContext.rootURL(context.endpoint(serviceId: "SNS", hostPrefix: "sns").url),
                                  headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
                                  body: Data("Action=CreateTopic&Version=2010-03-31&Name=\(name)".utf8))
        let response = try await context.send(request, signingName: "sns")
        return try XCTUnwrap(XMLElementNode.parse(response.body)?.first("TopicArn")?.text)
    }

    func createQueue(_ name: String) async throws -> String {
        let response = try await context.jsonCall(context.endpoint(serviceId: "SQS", hostPrefix: "sqs"), signingName: "sqs",
                                                  target: "AmazonSQS.CreateQueue", jsonVersion: "1.0",
                                                  body: ["QueueName": .string(name)])
        return try XCTUnwrap(response["QueueUrl"]?.stringValue)
    }

    func createStream(_ name: String) async throws {
        _ = try await context.jsonCall(context.endpoint(serviceId: "Kinesis", hostPrefix: "kinesis"), signingName: "kinesis",
                                       target: "Kinesis_20131202.CreateStream", jsonVersion: "1.1",
                                       body: ["StreamName": .string(name), "ShardCount": 1])
    }

    // MARK: Server plumbing

    static func md5Hex(_ text: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["md5sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}
