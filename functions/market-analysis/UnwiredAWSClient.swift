import Foundation
import LambdaRuntime
import MarketLogic

/// Stands in for the AWSClient-backed DynamoDB and SNS clients until they exist: constructing it
/// fails, which the runtime reports to init/error. See the note in main.swift.
struct UnwiredAWSClient: QuoteStore, AlertLedger, AlertPublisher {
    struct NotWired: LambdaReportableError, CustomStringConvertible {
        var errorType: String { "Runtime.AWSClientNotWired" }
        var description: String { "AWS client not wired yet: market-analysis cannot reach DynamoDB or SNS" }
    }

    init() throws { throw NotWired() }

    func put(_ quote: Quote) async throws { throw NotWired() }
    func latest(symbol: String, atOrBefore timestamp: String?, limit: Int) async throws -> [Quote] { throw NotWired() }
    func claim(_ cross: CrossSignal) async throws -> Bool { throw NotWired() }
    func release(_ cross: CrossSignal) async throws { throw NotWired() }
    func publish(subject: String, message: String) async throws { throw NotWired() }
}
