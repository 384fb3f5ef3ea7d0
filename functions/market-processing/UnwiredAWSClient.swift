import Foundation
import LambdaRuntime
import MarketLogic

/// Stands in for the AWSClient-backed S3 and DynamoDB clients until they exist: constructing it
/// fails, which the runtime reports to init/error. See the note in main.swift.
struct UnwiredAWSClient: RawTickStore, QuoteStore {
    struct NotWired: LambdaReportableError, CustomStringConvertible {
        var errorType: String { "Runtime.AWSClientNotWired" }
        var description: String { "AWS client not wired yet: market-processing cannot reach S3 or DynamoDB" }
    }

    init() throws { throw NotWired() }

    func putRawTick(key: String, body: Data) async throws { throw NotWired() }
    func put(_ quote: Quote) async throws { throw NotWired() }
    func latest(symbol: String, atOrBefore timestamp: String?, limit: Int) async throws -> [Quote] { throw NotWired() }
}
