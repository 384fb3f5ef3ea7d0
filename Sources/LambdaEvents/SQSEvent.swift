#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The event of an SQS event source mapping. Batch item failures name `messageId`s; only those
/// messages become visible again (and reach the DLQ after the queue's maxReceiveCount).
public struct SQSEvent: Decodable, Sendable {
    public let records: [Message]

    enum CodingKeys: String, CodingKey { case records = "Records" }

    public struct Message: Decodable, Sendable {
        public let messageId: String
        public let receiptHandle: String
        public let body: String
        /// System attributes: `ApproximateReceiveCount`, `SentTimestamp` (epoch ms), `SenderId`,
        /// `ApproximateFirstReceiveTimestamp`, and for FIFO queues `MessageGroupId`, ...
        public let attributes: [String: String]
        public let messageAttributes: [String: MessageAttribute]
        public let md5OfBody: String
        public let eventSource: String
        public let eventSourceARN: String
        public let awsRegion: String

        public var approximateReceiveCount: Int? { attributes["ApproximateReceiveCount"].flatMap { Int($0) } }

        /// When the message was sent to the queue; unlike the receive count it is the same on every delivery.
        public var sentTimestamp: Date? {
            attributes["SentTimestamp"].flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0 / 1000) }
        }
    }

    public struct MessageAttribute: Decodable, Sendable {
        public let dataType: String
        public let stringValue: String?
        public let binaryValue: Data?
        public let stringListValues: [String]
        public let binaryListValues: [Data]

        enum CodingKeys: String, CodingKey {
            case dataType, stringValue, binaryValue, stringListValues, binaryListValues
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dataType = try c.decode(String.self, forKey: .dataType)
            stringValue = try c.decodeIfPresent(String.self, forKey: .stringValue)
            // Lambda sends `"binaryValue": null` for string attributes.
            let hasBinary = try c.contains(.binaryValue) && !c.decodeNil(forKey: .binaryValue)
            binaryValue = hasBinary ? try Base64Field.decode(c, .binaryValue) : nil
            stringListValues = try c.decodeIfPresent([String].self, forKey: .stringListValues) ?? []
            let blobs = try c.decodeIfPresent([String].self, forKey: .binaryListValues) ?? []
            binaryListValues = blobs.compactMap { Data(base64Encoded: $0) }
        }
    }
}
