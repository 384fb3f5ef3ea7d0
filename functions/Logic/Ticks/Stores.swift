#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// What tick-processor needs from AWS. The AWSClient module (written later) provides the S3 and
// SNS implementations; tests use in-memory fakes.

/// S3 PutObject into the processed bucket (the implementation knows the bucket).
public protocol ProcessedTickStore: Sendable {
    func putProcessedTick(key: String, body: Data) async throws
}

/// SNS Publish to the alert topic.
public protocol AlertPublisher: Sendable {
    func publish(subject: String, message: String) async throws
}
