import AWSClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TickLogic

/// Processed ticks are JSON objects in one bucket.
extension S3JSONStore: ProcessedTickStore {
    public func putProcessedTick(key: String, body: Data) async throws { try await put(key: key, body: body) }
}

extension SNSAlertPublisher: TickLogic.AlertPublisher {}
