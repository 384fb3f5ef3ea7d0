#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DynamoDBAttributes

/// The event of a DynamoDB stream event source mapping: item-level changes of one shard, in order.
/// Batch item failures name `SequenceNumber`s.
public struct DynamoDBStreamEvent: Decodable, Sendable {
    public let records: [Record]

    enum CodingKeys: String, CodingKey { case records = "Records" }

    public enum EventName: String, Decodable, Sendable {
        case insert = "INSERT", modify = "MODIFY", remove = "REMOVE"
    }

    public struct Record: Decodable, Sendable {
        public let eventID: String
        public let eventName: EventName
        public let eventVersion: String
        public let eventSource: String
        public let awsRegion: String
        public let eventSourceARN: String
        public let dynamodb: StreamRecord
        /// Present for deletions made by TTL (`{"type":"Service","principalId":"dynamodb.amazonaws.com"}`).
        public let userIdentity: UserIdentity?

        public var keys: DynamoDBItem { dynamodb.keys }
        public var newImage: DynamoDBItem? { dynamodb.newImage }
        public var oldImage: DynamoDBItem? { dynamodb.oldImage }
        /// Also the `itemIdentifier` of a batch item failure.
        public var sequenceNumber: String { dynamodb.sequenceNumber }
    }

    public struct StreamRecord: Decodable, Sendable {
        public let keys: DynamoDBItem
        /// Absent unless the stream view type includes new images (and for REMOVE).
        public let newImage: DynamoDBItem?
        /// Absent unless the stream view type includes old images (and for INSERT).
        public let oldImage: DynamoDBItem?
        public let sequenceNumber: String
        public let sizeBytes: Int
        public let streamViewType: String
        public let approximateCreationDateTime: Date?

        enum CodingKeys: String, CodingKey {
            case keys = "Keys", newImage = "NewImage", oldImage = "OldImage"
            case sequenceNumber = "SequenceNumber", sizeBytes = "SizeBytes"
            case streamViewType = "StreamViewType", approximateCreationDateTime = "ApproximateCreationDateTime"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            keys = try c.decode(DynamoDBItem.self, forKey: .keys)
            newImage = try c.decodeIfPresent(DynamoDBItem.self, forKey: .newImage)
            oldImage = try c.decodeIfPresent(DynamoDBItem.self, forKey: .oldImage)
            sequenceNumber = try c.decode(String.self, forKey: .sequenceNumber)
            sizeBytes = try c.decode(Int.self, forKey: .sizeBytes)
            streamViewType = try c.decode(String.self, forKey: .streamViewType)
            approximateCreationDateTime = c.contains(.approximateCreationDateTime)
                ? try EventTime.decodeEpochSeconds(c, .approximateCreationDateTime) : nil
        }
    }

    public struct UserIdentity: Decodable, Sendable {
        public let type: String
        public let principalId: String
    }
}
