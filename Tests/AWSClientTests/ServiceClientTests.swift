import Foundation
import DynamoDBAttributes
import XCTest
@testable import AWSClient

/// Each client against a ScriptedTransport: the exact request sent and the parsing of a realistic answer.
final class ServiceClientTests: XCTestCase {
    var transport: ScriptedTransport!
    var context: AWSContext!

    override func setUp() {
        transport = ScriptedTransport()
        context = AWSContext(credentials: Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"),
                             region: "eu-central-1", transport: transport, retryPolicy: .none,
                             now: { Date(timeIntervalSince1970: 1_709_285_415) })
    }

    func sent() async throws -> HTTPRequest {
        let requests = await transport.requests
        let unused = await transport.unusedSteps
        XCTAssertEqual(unused, 0, "scripted responses left unused")
        return try XCTUnwrap(requests.last)
    }

    func assertSigned(_ request: HTTPRequest, service: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(request.headers["X-Amz-Date"], "20240301T093015Z", file: file, line: line)
        XCTAssertTrue(request.headers["Authorization"]?.hasPrefix(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240301/eu-central-1/\(service)/aws4_request") == true,
                      file: file, line: line)
    }

    func body(_ request: HTTPRequest) -> String { String(decoding: request.body, as: UTF8.self) }

    // MARK: S3

    func testS3PutObject() async throws {
        await transport.respond(HTTPResponse(status: 200, headers: ["ETag": "\"9b2cf535f27731c974343645a3985328\"",
                                                                    "x-amz-request-id": "0A49CE4060975EAC"]))
        let etag = try await S3Client(context: context).putObject(
            bucket: "market-raw", key: "raw-data/ÄAPL/ü.json", body: Data(#"{"p":1}"#.utf8),
            contentType: "application/json", metadata: ["source": "ticks"])
        XCTAssertEqual(etag, "\"9b2cf535f27731c974343645a3985328\"")
        let request = try await sent()
        XCTAssertEqual(request.method, "PUT")
        XCTAssertEqual(request.url.absoluteString,
                       "https://market-raw.s3.eu-central-1.amazonaws.com/raw-data/%C3%84APL/%C3%BC.json")
        XCTAssertEqual(request.headers["Content-Type"], "application/json")
        XCTAssertEqual(request.headers["x-amz-meta-source"], "ticks")
        XCTAssertEqual(request.headers["X-Amz-Content-Sha256"], "4835f96cb95414c1b3dd5816bcabc7ae1405283accdbdf990de0f35f07075abb") // sha256sum of the body
        XCTAssertEqual(body(request), #"{"p":1}"#)
        assertSigned(request, service: "s3")
    }

    func testS3GetObjectAndPathStyleAgainstCustomEndpoint() async throws {
        context.endpoints = EndpointResolver(environment: ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:5000"])
        await transport.respond(HTTPResponse(
            status: 200,
            headers: ["Content-Type": "application/json", "Content-Length": "7", "ETag": "\"abc\"",
                      "Last-Modified": "Fri, 01 Mar 2024 09:30:15 GMT", "x-amz-meta-source": "ticks"],
            body: Data(#"{"p":1}"#.utf8)), method: "GET", path: "/market-raw/raw/a%20b.json")
        let object = try await S3Client(context: context).getObject(bucket: "market-raw", key: "raw/a b.json")
        XCTAssertEqual(object.body, Data(#"{"p":1}"#.utf8))
        XCTAssertEqual(object.metadata, S3Client.ObjectMetadata(
            contentType: "application/json", contentLength: 7, eTag: "\"abc\"",
            lastModified: "Fri, 01 Mar 2024 09:30:15 GMT", metadata: ["source": "ticks"]))
        let request = try await sent()
        XCTAssertEqual(request.url.absoluteString, "http://127.0.0.1:5000/market-raw/raw/a%20b.json")
        XCTAssertEqual(request.headers["Host"], "127.0.0.1:5000")
        XCTAssertEqual(request.body, Data())
    }

    func testS3HeadObjectMissingIsNotFound() async throws {
        await transport.respond(HTTPResponse(status: 404, headers: ["x-amz-request-id": "REQ404"]), method: "HEAD")
        do {
            _ = try await S3Client(context: context).headObject(bucket: "market-raw", key: "nope")
            XCTFail("expected NotFound")
        } catch let error as AWSError {
            XCTAssertEqual(error, AWSError(code: "NotFound", status: 404, requestId: "REQ404"))
        }
    }

    // MARK: Secrets Manager

    /// The request SigV4BotocoreTests signs with botocore too ("Secrets Manager PutSecretValue").
    static let putSecretValueBody = #"{"ClientRequestToken":"6c2f0b4e-8f3a-4d1e-9b7a-2f5c1d0e9a88","SecretId":"tws-dev-tweets-x-api","SecretString":"tok/+= ü"}"#

    func testSecretsManagerPutSecretValue() async throws {
        await transport.respond(HTTPResponse(status: 200, body: Data(#"""
            {"ARN":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:tws-dev-tweets-x-api-AbCdEf","Name":"tws-dev-tweets-x-api",
             "VersionId":"6c2f0b4e-8f3a-4d1e-9b7a-2f5c1d0e9a88","VersionStages":["AWSCURRENT"]}
            """#.utf8)))
        let result = try await SecretsManagerClient(context: context).putSecretValue(
            secretId: "tws-dev-tweets-x-api", value: "tok/+= ü", token: "6c2f0b4e-8f3a-4d1e-9b7a-2f5c1d0e9a88")
        XCTAssertEqual(result.versionId, "6c2f0b4e-8f3a-4d1e-9b7a-2f5c1d0e9a88")
        XCTAssertEqual(result.arn, "arn:aws:secretsmanager:eu-central-1:123456789012:secret:tws-dev-tweets-x-api-AbCdEf")
        let request = try await sent()
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.url.absoluteString, "https://secretsmanager.eu-central-1.amazonaws.com/")
        XCTAssertEqual(request.headers["X-Amz-Target"], "secretsmanager.PutSecretValue")
        XCTAssertEqual(request.headers["Content-Type"], "application/x-amz-json-1.1")
        XCTAssertEqual(body(request), Self.putSecretValueBody)
        assertSigned(request, service: "secretsmanager")
    }

    func testSecretsManagerGetSecretValueNeverPrintsTheValue() async throws {
        await transport.respond(HTTPResponse(status: 200, body: Data(#"""
            {"ARN":"arn:aws:secretsmanager:eu-central-1:123456789012:secret:x-AbCdEf","Name":"x","SecretString":"hunter2-token",
             "VersionId":"v1","VersionStages":["AWSCURRENT"],"CreatedDate":1.709285415E9}
            """#.utf8)))
        let value = try await SecretsManagerClient(context: context).getSecretValue(secretId: "x")
        XCTAssertEqual(value.string, "hunter2-token")
        XCTAssertEqual("\(value)", "x version v1: ****")
        let request = try await sent()
        XCTAssertEqual(request.headers["X-Amz-Target"], "secretsmanager.GetSecretValue")
        XCTAssertEqual(body(request), #"{"SecretId":"x"}"#)
        assertSigned(request, service: "secretsmanager")
    }

    func testSecretsManagerErrorsCarryTheCode() async throws {
        await transport.respond(HTTPResponse(status: 400, body: Data(
            #"{"__type":"ResourceNotFoundException","message":"Secrets Manager can't find the specified secret."}"#.utf8)))
        do {
            _ = try await SecretsManagerClient(context: context).putSecretValue(secretId: "missing", value: "v")
            XCTFail("expected an error")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, "ResourceNotFoundException")
            XCTAssertFalse("\(error)".contains("\"v\""))
        }
    }

    // MARK: DynamoDB

    func testDynamoDBPutItem() async throws {
        await transport.respond(HTTPResponse(status: 200, body: Data("{}".utf8)))
        try await DynamoDBClient(context: context).putItem(
            table: "Quotes", item: ["symbol": .s("AAPL"), "price": .n("189.50"), "tags": .ss(["tech"])],
            condition: .init("attribute_not_exists(#s)", names: ["#s": "symbol"]))
        let request = try await sent()
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.url.absoluteString, "https://dynamodb.eu-central-1.amazonaws.com/")
        XCTAssertEqual(request.headers["X-Amz-Target"], "DynamoDB_20120810.PutItem")
        XCTAssertEqual(request.headers["Content-Type"], "application/x-amz-json-1.0")
        XCTAssertEqual(body(request), ##"{"ConditionExpression":"attribute_not_exists(#s)","ExpressionAttributeNames":{"#s":"symbol"},"##
                       + #""Item":{"price":{"N":"189.50"},"symbol":{"S":"AAPL"},"tags":{"SS":["tech"]}},"TableName":"Quotes"}"#)
        XCTAssertNil(request.headers["X-Amz-Content-Sha256"])
        assertSigned(request, service: "dynamodb")
    }

    func testDynamoDBQuery() async throws {
        let response = #"""
            {"Count":2,"Items":[{"symbol":{"S":"AAPL"},"timestamp":{"S":"2024-03-01T09:30:00Z"},"price":{"N":"189.5"}},
            {"symbol":{"S":"AAPL"},"timestamp":{"S":"2024-03-01T09:29:00Z"},"price":{"N":"189.25"},"flags":{"M":{"halted":{"BOOL":false}}}}],
            "LastEvaluatedKey":{"symbol":{"S":"AAPL"},"timestamp":{"S":"2024-03-01T09:29:00Z"}},"ScannedCount":2}
            """#
        await transport.respond(HTTPResponse(status: 200, body: Data(response.utf8)))
        let output = try await DynamoDBClient(context: context).query(
            table: "Quotes",
            keyCondition: .init("#s = :s AND #t > :since", names: ["#s": "symbol", "#t": "timestamp"],
                                values: [":s": .s("AAPL"), ":since": .s("2024-03-01")]),
            limit: 2, scanIndexForward: false)
        XCTAssertEqual(output.count, 2)
        XCTAssertEqual(output.items[0]["price"], .n("189.5"))
        XCTAssertEqual(output.items[1]["flags"], .m(["halted": .bool(false)]))
        XCTAssertEqual(output.lastEvaluatedKey?["timestamp"], .s("2024-03-01T09:29:00Z"))
        let request = try await sent()
        XCTAssertEqual(request.headers["X-Amz-Target"], "DynamoDB_20120810.Query")
        XCTAssertEqual(body(request), ##"{"ExpressionAttributeNames":{"#s":"symbol","#t":"timestamp"},"##
                       + #""ExpressionAttributeValues":{":s":{"S":"AAPL"},":since":{"S":"2024-03-01"}},"#
                       + ##""KeyConditionExpression":"#s = :s AND #t > :since","Limit":2,"ScanIndexForward":false,"TableName":"Quotes"}"##)
    }

    func testDynamoDBUpdateItemWithCondition() async throws {
        await transport.respond(HTTPResponse(status: 200, body: Data(#"{"Attributes":{"hits":{"N":"6"}}}"#.utf8)))
        await transport.respond(HTTPResponse(
            status: 400, headers: ["x-amzn-RequestId": "REQ"],
            body: Data(#"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"#.utf8)))
        let client = DynamoDBClient(context: context)
        let update = DynamoDBClient.Expression("SET hits = hits + :one", values: [":one": .n("1")])
        let condition = DynamoDBClient.Expression("hits < :max", values: [":max": .n("10")])
        let attributes = try await client.updateItem(table: "Counters", key: ["id": .s("a")], update: update,
                                                     condition: condition, returnValues: .updatedNew)
        XCTAssertEqual(attributes, ["hits": .n("6")])
        let request = await transport.requests[0]
        XCTAssertEqual(request.headers["X-Amz-Target"], "DynamoDB_20120810.UpdateItem")
        XCTAssertEqual(body(request), #"{"ConditionExpression":"hits < :max","#
                       + #""ExpressionAttributeValues":{":max":{"N":"10"},":one":{"N":"1"}},"Key":{"id":{"S":"a"}},"#
                       + #""ReturnValues":"UPDATED_NEW","TableName":"Counters","UpdateExpression":"SET hits = hits + :one"}"#)
        do {
            try await client.updateItem(table: "Counters", key: ["id": .s("a")], update: update, condition: condition)
            XCTFail("expected the condition to fail")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, "ConditionalCheckFailedException")
            XCTAssertEqual(error.requestId, "REQ")
        }
    }

    func testAttributeValueRoundTrip() {
        let value: AttributeValue = .m(["b": .b(Data([0, 255])), "l": .l([.null, .n("1")]), "ns": .ns(["1", "2"]),
                                                "bs": .bs([Data([1])]), "t": .bool(true)])
        XCTAssertEqual(AttributeValue(json: value.json), value)
        XCTAssertNil(AttributeValue(json: ["X": "?"]))
    }

    // MARK: SNS, SQS, Kinesis

    func testSNSPublish() async throws {
        let response = """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>
              <ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata>
            </PublishResponse>
            """
        await transport.respond(HTTPResponse(status: 200, body: Data(response.utf8)), method: "POST", path: "/")
        let id = try await SNSClient(context: context).publish(
            topicArn: "arn:aws:sns:eu-central-1:123456789012:alerts", message: "AAPL up 5% & rising", subject: "Trend")
        XCTAssertEqual(id, "567910cd-659e-55d4-8ccb-5aaf14679dc0")
        let request = try await sent()
        XCTAssertEqual(request.url.absoluteString, "https://sns.eu-central-1.amazonaws.com/")
        XCTAssertEqual(request.headers["Content-Type"], "application/x-www-form-urlencoded; charset=utf-8")
        XCTAssertEqual(body(request), "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-central-1%3A123456789012%3Aalerts"
                       + "&Message=AAPL%20up%205%25%20%26%20rising&Subject=Trend")
        assertSigned(request, service: "sns")
    }

    func testSQSSendMessage() async throws {
        await transport.respond(HTTPResponse(status: 200, body: Data(
            #"{"MD5OfMessageBody":"51b0a325f7a4b8b0ab5e1a3a27a0e4c2","MessageId":"219f8380-5770-4cc2-8c3e-5c715e145f5e"}"#.utf8)))
        let output = try await SQSClient(context: context).sendMessage(
            queueURL: "https://sqs.eu-central-1.amazonaws.com/123456789012/work", body: #"{"job":1}"#,
            delaySeconds: 5, attributes: ["kind": "tick"])
        XCTAssertEqual(output, SQSClient.SendMessageOutput(messageId: "219f8380-5770-4cc2-8c3e-5c715e145f5e",
                                                           md5OfMessageBody: "51b0a325f7a4b8b0ab5e1a3a27a0e4c2"))
        let request = try await sent()
        XCTAssertEqual(request.url.absoluteString, "https://sqs.eu-central-1.amazonaws.com/")
        XCTAssertEqual(request.headers["X-Amz-Target"], "AmazonSQS.SendMessage")
        XCTAssertEqual(request.headers["Content-Type"], "application/x-amz-json-1.0")
        XCTAssertEqual(body(request), #"{"DelaySeconds":5,"MessageAttributes":{"kind":{"DataType":"String","StringValue":"tick"}},"#
                       + #""MessageBody":"{\"job\":1}","QueueUrl":"https://sqs.eu-central-1.amazonaws.com/123456789012/work"}"#)
        assertSigned(request, service: "sqs")
    }

    func testKinesisPutRecord() async throws {
        await transport.respond(HTTPResponse(status: 200, body: Data(
            #"{"SequenceNumber":"49546986683135544286507457936321625675700192471156785154","ShardId":"shardId-000000000000"}"#.utf8)))
        let result = try await KinesisClient(context: context).putRecord(stream: "ticks", data: Data("tick-1".utf8),
                                                                          partitionKey: "AAPL")
        XCTAssertEqual(result.shardId, "shardId-000000000000")
        XCTAssertEqual(result.sequenceNumber, "49546986683135544286507457936321625675700192471156785154")
        let request = try await sent()
        XCTAssertEqual(request.url.absoluteString, "https://kinesis.eu-central-1.amazonaws.com/")
        XCTAssertEqual(request.headers["X-Amz-Target"], "Kinesis_20131202.PutRecord")
        XCTAssertEqual(request.headers["Content-Type"], "application/x-amz-json-1.1")
        XCTAssertEqual(body(request), #"{"Data":"dGljay0x","PartitionKey":"AAPL","StreamName":"ticks"}"#)
        assertSigned(request, service: "kinesis")
    }

    func testKinesisPutRecordsWithPartialFailure() async throws {
        await transport.respond(HTTPResponse(status: 200, body: Data(#"""
            {"FailedRecordCount":1,"Records":[{"SequenceNumber":"4954","ShardId":"shardId-000000000001"},
            {"ErrorCode":"ProvisionedThroughputExceededException","ErrorMessage":"Rate exceeded for shard shardId-000000000001"}]}
            """#.utf8)))
        let output = try await KinesisClient(context: context).putRecords(stream: "ticks", records: [
            .init(data: Data([0x01, 0x02]), partitionKey: "A"), .init(data: Data("b".utf8), partitionKey: "B"),
        ])
        XCTAssertEqual(output.failedRecordCount, 1)
        XCTAssertEqual(output.records[0], .init(shardId: "shardId-000000000001", sequenceNumber: "4954"))
        XCTAssertEqual(output.records[1].errorCode, "ProvisionedThroughputExceededException")
        let request = try await sent()
        XCTAssertEqual(request.headers["X-Amz-Target"], "Kinesis_20131202.PutRecords")
        XCTAssertEqual(body(request), #"{"Records":[{"Data":"AQI=","PartitionKey":"A"},{"Data":"Yg==","PartitionKey":"B"}],"StreamName":"ticks"}"#)
    }

    func testContextRetriesAndResignsThenSurfacesAWSError() async throws {
        let clock = Clock()
        context.now = { clock.tick() }
        context.retryPolicy = RetryPolicy(maxRetries: 1, random: { $0.lowerBound }, sleep: { _ in })
        for _ in 0..<2 {
            await transport.respond(HTTPResponse(status: 400, body: Data(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.utf8)))
        }
        do {
            _ = try await KinesisClient(context: context).putRecord(stream: "s", data: Data(), partitionKey: "k")
            XCTFail("expected throttling to surface after the retry")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, "ThrottlingException")
        }
        let dates = await transport.requests.map { $0.headers["X-Amz-Date"] }
        XCTAssertEqual(dates, ["20240301T093015Z", "20240301T093016Z"])
    }

}

/// A clock that moves one second per reading.
final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var next = Date(timeIntervalSince1970: 1_709_285_415)
    func tick() -> Date { lock.withLock { defer { next += 1 }; return next } }
}
