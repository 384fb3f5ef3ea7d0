import Foundation
import LambdaRuntime
import TickLogic

/// Stands in for the AWSClient-backed S3 and SNS clients until they exist: constructing it
/// fails, which the runtime reports to init/error. See the note in main.swift.
struct UnwiredAWSClient: ProcessedTickStore, AlertPublisher {
    struct NotWired: LambdaReportableError, CustomStringConvertible {
        var errorType: String { "Runtime.AWSClientNotWired" }
        var description: String { "AWS client not wired yet: tick-processor cannot reach S3 or SNS" }
    }

    init() throws { throw NotWired() }

    func putProcessedTick(key: String, body: Data) async throws { throw NotWired() }
    func publish(subject: String, message: String) async throws { throw NotWired() }
}
