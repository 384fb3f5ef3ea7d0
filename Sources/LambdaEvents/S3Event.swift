#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TextBasics

/// An S3 event notification delivered to Lambda.
public struct S3Event: Decodable, Sendable {
    public let records: [Record]

    enum CodingKeys: String, CodingKey { case records = "Records" }

    public struct Record: Decodable, Sendable {
        public let eventVersion: String
        public let eventSource: String
        public let awsRegion: String
        public let eventTime: Date
        /// `ObjectCreated:Put`, `ObjectRemoved:Delete`, ...
        public let eventName: String
        public let s3: Entity

        public var bucketName: String { s3.bucket.name }
        public var objectKey: String { s3.object.key }

        enum CodingKeys: String, CodingKey { case eventVersion, eventSource, awsRegion, eventTime, eventName, s3 }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            eventVersion = try c.decode(String.self, forKey: .eventVersion)
            eventSource = try c.decode(String.self, forKey: .eventSource)
            awsRegion = try c.decode(String.self, forKey: .awsRegion)
            eventTime = try EventTime.decodeISO8601(c, .eventTime)
            eventName = try c.decode(String.self, forKey: .eventName)
            s3 = try c.decode(Entity.self, forKey: .s3)
        }
    }

    public struct Entity: Decodable, Sendable {
        public let s3SchemaVersion: String
        public let configurationId: String
        public let bucket: Bucket
        public let object: Object
    }

    public struct Bucket: Decodable, Sendable {
        public let name: String
        public let arn: String
    }

    public struct Object: Decodable, Sendable {
        /// The key as S3 sent it: URL-encoded, with `+` for spaces (`my+file%281%29.json`).
        public let urlEncodedKey: String
        /// Absent for deletions.
        public let size: Int?
        public let eTag: String?
        public let versionId: String?
        public let sequencer: String

        enum CodingKeys: String, CodingKey { case key, size, eTag, versionId, sequencer }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            urlEncodedKey = try c.decode(String.self, forKey: .key)
            size = try c.decodeIfPresent(Int.self, forKey: .size)
            eTag = try c.decodeIfPresent(String.self, forKey: .eTag)
            versionId = try c.decodeIfPresent(String.self, forKey: .versionId)
            sequencer = try c.decode(String.self, forKey: .sequencer)
        }

        /// The real key: `+` → space first (a literal `+` arrives as `%2B`), then percent-decoding.
        public var key: String {
            let spaced = String(urlEncodedKey.map { $0 == "+" ? " " : $0 })
            return TextBasics.percentDecoded(spaced) ?? spaced
        }
    }
}
