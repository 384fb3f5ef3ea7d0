#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The event Lambda's Kinesis event source mapping delivers: a batch of records from one shard,
/// oldest first. A batch handler answers with `BatchItemFailures` naming sequence numbers.
public struct KinesisEvent: Decodable, Sendable {
    public let records: [Record]

    enum CodingKeys: String, CodingKey { case records = "Records" }

    public struct Record: Decodable, Sendable {
        public let eventID: String
        public let eventName: String
        public let eventSource: String
        public let eventVersion: String
        public let eventSourceARN: String
        public let awsRegion: String
        public let invokeIdentityArn: String?
        public let kinesis: Payload

        /// The record's bytes, base64-decoded.
        public var data: Data { kinesis.data }
        public var partitionKey: String { kinesis.partitionKey }
        /// Also the `itemIdentifier` of a batch item failure.
        public var sequenceNumber: String { kinesis.sequenceNumber }
        public var approximateArrivalTimestamp: Date { kinesis.approximateArrivalTimestamp }

        /// Decodes the record's bytes as JSON.
        public func decode<T: Decodable>(_ type: T.Type = T.self, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
            try decoder.decode(T.self, from: data)
        }
    }

    public struct Payload: Decodable, Sendable {
        public let kinesisSchemaVersion: String
        public let partitionKey: String
        public let sequenceNumber: String
        public let data: Data
        public let approximateArrivalTimestamp: Date
        public let encryptionType: String?

        enum CodingKeys: String, CodingKey {
            case kinesisSchemaVersion, partitionKey, sequenceNumber, data, approximateArrivalTimestamp, encryptionType
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kinesisSchemaVersion = try c.decode(String.self, forKey: .kinesisSchemaVersion)
            partitionKey = try c.decode(String.self, forKey: .partitionKey)
            sequenceNumber = try c.decode(String.self, forKey: .sequenceNumber)
            data = try Base64Field.decode(c, .data)
            approximateArrivalTimestamp = try EventTime.decodeEpochSeconds(c, .approximateArrivalTimestamp)
            encryptionType = try c.decodeIfPresent(String.self, forKey: .encryptionType)
        }
    }
}
