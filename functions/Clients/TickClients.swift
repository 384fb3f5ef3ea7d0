import AWSClient
import Foundation
import TickLogic

/// Processed ticks: S3 PutObject into one bucket.
public struct S3ProcessedTickStore: ProcessedTickStore {
    let s3: S3Client
    public let bucket: String

    public init(context: AWSContext, bucket: String) {
        s3 = S3Client(context: context)
        self.bucket = bucket
    }

    public func putProcessedTick(key: String, body: Data) async throws {
        try await s3.putObject(bucket: bucket, key: key, body: body, contentType: "application/json")
    }
}

extension SNSAlertPublisher: TickLogic.AlertPublisher {}
