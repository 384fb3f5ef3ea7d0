#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The event Lambda receives from an SNS subscription: one record per invocation in practice.
public struct SNSEvent: Decodable, Sendable {
    public let records: [Record]

    enum CodingKeys: String, CodingKey { case records = "Records" }

    public struct Record: Decodable, Sendable {
        public let eventVersion: String
        public let eventSubscriptionArn: String
        public let eventSource: String
        public let sns: Message

        enum CodingKeys: String, CodingKey {
            case eventVersion = "EventVersion", eventSubscriptionArn = "EventSubscriptionArn"
            case eventSource = "EventSource", sns = "Sns"
        }
    }

    public struct Message: Decodable, Sendable {
        public let type: String
        public let messageId: String
        public let topicArn: String
        public let subject: String?
        public let message: String
        public let timestamp: Date
        public let signatureVersion: String
        public let signature: String
        public let signingCertURL: String
        public let unsubscribeURL: String
        public let messageAttributes: [String: MessageAttribute]

        enum CodingKeys: String, CodingKey {
            case type = "Type", messageId = "MessageId", topicArn = "TopicArn", subject = "Subject"
            case message = "Message", timestamp = "Timestamp", signatureVersion = "SignatureVersion"
            case signature = "Signature", signingCertURL = "SigningCertUrl", unsubscribeURL = "UnsubscribeUrl"
            case messageAttributes = "MessageAttributes"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            type = try c.decode(String.self, forKey: .type)
            messageId = try c.decode(String.self, forKey: .messageId)
            topicArn = try c.decode(String.self, forKey: .topicArn)
            // SNS sends `"Subject": null` when the publisher gave none.
            subject = try c.decodeIfPresent(String.self, forKey: .subject)
            message = try c.decode(String.self, forKey: .message)
            timestamp = try EventTime.decodeISO8601(c, .timestamp)
            signatureVersion = try c.decode(String.self, forKey: .signatureVersion)
            signature = try c.decode(String.self, forKey: .signature)
            signingCertURL = try c.decode(String.self, forKey: .signingCertURL)
            unsubscribeURL = try c.decode(String.self, forKey: .unsubscribeURL)
            messageAttributes = try c.decodeIfPresent([String: MessageAttribute].self, forKey: .messageAttributes) ?? [:]
        }
    }

    public struct MessageAttribute: Decodable, Sendable {
        public let type: String
        public let value: String

        enum CodingKeys: String, CodingKey { case type = "Type", value = "Value" }
    }
}
