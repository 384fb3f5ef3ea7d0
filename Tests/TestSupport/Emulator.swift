import AWSClient
import Foundation
import DynamoDBAttributes

/// Setting up and observing moto with small signed requests through an `AWSContext` like the one the
/// functions build from a Lambda-like environment (`environment`).
public struct Emulator: Sendable {
    public static let region = "us-east-1"
    public let environment: [String: String]
    public let context: AWSContext

    public init(moto: MotoServer) throws {
        environment = [
            "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": Self.region,
            "AWS_ENDPOINT_URL": moto.endpoint,
        ]
        context = AWSContext(credentials: Credentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret", sessionToken: nil),
                             region: Self.region, endpoints: EndpointResolver(environment: environment))
    }

    public struct Failure: Error, CustomStringConvertible { public let description: String }

    // MARK: S3

    private var s3: S3Addressing { S3Addressing(endpoint: context.endpoint(serviceId: "S3", hostPrefix: "s3"), region: Self.region) }

    public func createBucket(_ name: String) async throws {
        _ = try await context.send(HTTPRequest(method: "PUT", url: s3.url(bucket: name),
                                               headers: ["Content-Type": "application/xml"]), signingName: "s3")
    }

    /// ListObjectsV2 keys under `prefix` (one page is plenty here).
    public func keys(bucket: String, prefix: String) async throws -> [String] {
        let encoded = prefix.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? prefix
        let response = try await context.send(
            HTTPRequest(method: "GET", url: s3.url(bucket: bucket, query: "list-type=2&prefix=\(encoded)")), signingName: "s3")
        guard let root = XMLElementNode.parse(response.body) else { throw Failure(description: "ListObjectsV2: not XML") }
        return root.children.filter { $0.name == "Contents" }.compactMap { $0.child("Key") }.sorted()
    }

    // MARK: DynamoDB

    public func dynamo(_ operation: String, _ body: JSONValue) async throws -> JSONValue {
        try await context.jsonCall(context.endpoint(serviceId: "DynamoDB", hostPrefix: "dynamodb"), signingName: "dynamodb",
                                   target: "DynamoDB_20120810.\(operation)", jsonVersion: "1.0", body: body)
    }

    /// The quotes table as the stack defines it: `symbol` (S) + `timestamp` (S).
    public func createQuotesTable(_ name: String) async throws {
        _ = try await dynamo("CreateTable", [
            "TableName": .string(name),
            "KeySchema": [["AttributeName": "symbol", "KeyType": "HASH"], ["AttributeName": "timestamp", "KeyType": "RANGE"]],
            "AttributeDefinitions": [["AttributeName": "symbol", "AttributeType": "S"],
                                     ["AttributeName": "timestamp", "AttributeType": "S"]],
            "BillingMode": "PAY_PER_REQUEST",
        ])
    }

    /// Every item of `symbol`, oldest first, in wire form.
    public func items(table: String, symbol: String) async throws -> [DynamoDBItem] {
        try await DynamoDBClient(context: context).query(
            table: table, keyCondition: .init("#s = :s", names: ["#s": "symbol"], values: [":s": .s(symbol)])).items
    }

    // MARK: SNS and SQS

    private func snsCall(_ parameters: [(String, String)]) async throws -> XMLElementNode {
        let body = (parameters + [("Version", "2010-03-31")])
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }
            .joined(separator: "&")
        let url = context.endpoint(serviceId: "SNS", hostPrefix: "sns").url
        let response = try await context.send(
            HTTPRequest(method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
                        body: Data(body.utf8)), signingName: "sns")
        guard let root = XMLElementNode.parse(response.body) else { throw Failure(description: "SNS: not XML") }
        return root
    }

    public func createTopic(_ name: String) async throws -> String {
        guard let arn = try await snsCall([("Action", "CreateTopic"), ("Name", name)]).first("TopicArn")?.text, !arn.isEmpty
        else { throw Failure(description: "CreateTopic: no TopicArn") }
        return arn
    }

    public func sqs(_ operation: String, _ body: JSONValue) async throws -> JSONValue {
        try await context.jsonCall(context.endpoint(serviceId: "SQS", hostPrefix: "sqs"), signingName: "sqs",
                                   target: "AmazonSQS.\(operation)", jsonVersion: "1.0", body: body)
    }

    /// A queue subscribed to `topicArn`; returns its URL.
    public func subscribedQueue(_ name: String, topicArn: String) async throws -> String {
        guard let url = try await sqs("CreateQueue", ["QueueName": .string(name)])["QueueUrl"]?.stringValue else {
            throw Failure(description: "CreateQueue: no QueueUrl")
        }
        let attributes = try await sqs("GetQueueAttributes", ["QueueUrl": .string(url), "AttributeNames": ["QueueArn"]])
        guard let arn = attributes["Attributes"]?["QueueArn"]?.stringValue else {
            throw Failure(description: "GetQueueAttributes: no QueueArn")
        }
        _ = try await snsCall([("Action", "Subscribe"), ("TopicArn", topicArn), ("Protocol", "sqs"), ("Endpoint", arn)])
        return url
    }

    /// Drains the queue: the SNS envelopes (`Subject`, `Message`, `TopicArn`...) of every message.
    public func receiveNotifications(queueURL: String) async throws -> [JSONValue] {
        var notifications: [JSONValue] = []
        while true {
            let response = try await sqs("ReceiveMessage", [
                "QueueUrl": .string(queueURL), "MaxNumberOfMessages": 10, "WaitTimeSeconds": 0,
            ])
            let messages = response["Messages"]?.arrayValue ?? []
            if messages.isEmpty { return notifications }
            for message in messages {
                guard let body = message["Body"]?.stringValue, let envelope = JSONValue.decode(Data(body.utf8)) else {
                    throw Failure(description: "ReceiveMessage: a message without a JSON body")
                }
                notifications.append(envelope)
                if let handle = message["ReceiptHandle"]?.stringValue {
                    _ = try await sqs("DeleteMessage", ["QueueUrl": .string(queueURL), "ReceiptHandle": .string(handle)])
                }
            }
        }
    }
}
