#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Kinesis PutRecord/PutRecords (JSON 1.1 protocol, `Kinesis_20131202.<Operation>`, data base64-encoded).
public struct KinesisClient: Sendable {
    public struct Record: Sendable, Equatable {
        public var data: Data
        public var partitionKey: String
        public init(data: Data, partitionKey: String) { self.data = data; self.partitionKey = partitionKey }
    }

    /// One entry per record sent, in order: a shard and sequence number, or an error code.
    public struct RecordResult: Sendable, Equatable {
        public var shardId: String?
        public var sequenceNumber: String?
        public var errorCode: String?
        public var errorMessage: String?
    }

    public struct PutRecordsOutput: Sendable, Equatable {
        /// PutRecords is not atomic: records can fail individually while the call succeeds.
        public var failedRecordCount: Int
        public var records: [RecordResult]
    }

    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    public func putRecord(stream: String, data: Data, partitionKey: String) async throws -> RecordResult {
        let response = try await call("PutRecord", ["StreamName": .string(stream), "Data": .string(data.base64EncodedString()),
                                                    "PartitionKey": .string(partitionKey)])
        guard response["SequenceNumber"]?.stringValue != nil else {
            throw MalformedResponse(detail: "PutRecord: no SequenceNumber")
        }
        return Self.result(response)
    }

    public func putRecords(stream: String, records: [Record]) async throws -> PutRecordsOutput {
        let entries: [JSONValue] = records.map {
            ["Data": .string($0.data.base64EncodedString()), "PartitionKey": .string($0.partitionKey)]
        }
        let response = try await call("PutRecords", ["StreamName": .string(stream), "Records": .array(entries)])
        let results = (response["Records"]?.arrayValue ?? []).map(Self.result)
        guard results.count == records.count else {
            throw MalformedResponse(detail: "PutRecords: \(results.count) results for \(records.count) records")
        }
        return PutRecordsOutput(failedRecordCount: Int(response["FailedRecordCount"]?.numberValue ?? 0), records: results)
    }

    private func call(_ operation: String, _ body: [String: JSONValue]) async throws -> JSONValue {
        try await context.jsonCall(context.endpoint(serviceId: "Kinesis", hostPrefix: "kinesis"), signingName: "kinesis",
                                   target: "Kinesis_20131202.\(operation)", jsonVersion: "1.1", body: .object(body))
    }

    static func result(_ json: JSONValue) -> RecordResult {
        RecordResult(shardId: json["ShardId"]?.stringValue, sequenceNumber: json["SequenceNumber"]?.stringValue,
                     errorCode: json["ErrorCode"]?.stringValue, errorMessage: json["ErrorMessage"]?.stringValue)
    }
}
