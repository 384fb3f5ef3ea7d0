#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// SQS SendMessage over the JSON protocol (`AmazonSQS.SendMessage`, `application/x-amz-json-1.0`).
public struct SQSClient: Sendable {
    public struct SendMessageOutput: Sendable, Equatable {
        public var messageId: String
        public var md5OfMessageBody: String?
    }

    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    /// String message attributes only; that is all our functions send.
    @discardableResult
    public func sendMessage(queueURL: String, body: String, delaySeconds: Int? = nil,
                            attributes: [String: String] = [:], messageGroupId: String? = nil) async throws -> SendMessageOutput {
        var request: [String: JSONValue] = ["QueueUrl": .string(queueURL), "MessageBody": .string(body)]
        if let delaySeconds { request["DelaySeconds"] = .number(Double(delaySeconds)) }
        if let messageGroupId { request["MessageGroupId"] = .string(messageGroupId) }
        if !attributes.isEmpty {
            request["MessageAttributes"] = .object(attributes.mapValues { ["DataType": "String", "StringValue": .string($0)] })
        }
        let response = try await context.jsonCall(context.endpoint(serviceId: "SQS", hostPrefix: "sqs"), signingName: "sqs",
                                                  target: "AmazonSQS.SendMessage", jsonVersion: "1.0",
                                                  body: .object(request))
        guard let id = response["MessageId"]?.stringValue else { throw MalformedResponse(detail: "SendMessage: no MessageId") }
        return SendMessageOutput(messageId: id, md5OfMessageBody: response["MD5OfMessageBody"]?.stringValue)
    }
}
