import AWSClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON objects written into one bucket: the raw-tick and processed-tick stores of both estates are this
/// one adapter (see the protocol conformances in MarketClients.swift and TickClients.swift).
public struct S3JSONStore: Sendable {
    let s3: S3Client
    public let bucket: String

    public init(context: AWSContext, bucket: String) {
        s3 = S3Client(context: context)
        self.bucket = bucket
    }

    func put(key: String, body: Data) async throws {
        try await s3.putObject(bucket: bucket, key: key, body: body, contentType: "application/json")
    }
}
