#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// When and how long to wait before sending a request again.
///
/// Retried: throttling (HTTP 429 or a throttling error code), 5xx, and requests that got no
/// response because the connection failed or dropped. Never retried: other 4xx (the request itself
/// is wrong) and any other error. Delays use exponential backoff with full jitter:
/// `random(0 ... min(maxDelay, baseDelay * 2^retry))`.
public struct RetryPolicy: Sendable {
    public var maxRetries: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// Whether 5xx answers and dropped connections are retried. They are ambiguous: the service may
    /// have acted before the answer was lost. Calls that must not happen twice (executing a change set)
    /// turn this off and find out what happened instead; throttling is always retried (it is a refusal).
    public var retriesAmbiguousFailures = true
    /// Injected so tests control jitter; defaults to the system generator.
    public var random: @Sendable (ClosedRange<Double>) -> Double
    /// Injected so tests do not wait; defaults to `Task.sleep`.
    public var sleep: @Sendable (Double) async throws -> Void

    public init(maxRetries: Int = 3, baseDelay: Double = 0.1, maxDelay: Double = 20,
                random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) },
                sleep: @escaping @Sendable (Double) async throws -> Void = {
                    try await Task.sleep(nanoseconds: UInt64($0 * 1_000_000_000))
                }) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.random = random
        self.sleep = sleep
    }

    public static let none = RetryPolicy(maxRetries: 0)

    /// The delay before retry number `retry` (0-based).
    public func delay(retry: Int) -> Double {
        random(0...min(maxDelay, baseDelay * Double(sign: .plus, exponent: retry, significand: 1)))
    }

    public func shouldRetry(_ response: HTTPResponse) -> Bool {
        if response.status == 429 { return true }
        guard response.status >= 400 else { return false }
        if response.status >= 500, retriesAmbiguousFailures { return true }
        return AWSError.parse(response).isThrottling
    }

    /// Network failures worth another attempt (see `TransportError.isRetryable`; curl's "empty reply
    /// from server" is a dropped connection). Not retried when ambiguous failures are not.
    public func shouldRetry(_ error: any Error) -> Bool {
        guard retriesAmbiguousFailures, let transportError = error as? TransportError else { return false }
        return transportError.isRetryable
    }

    /// Runs `attempt` until it gives a response that is not retryable or retries run out. The last
    /// response is returned even when it is an error; the last transport error is rethrown.
    public func run(_ attempt: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        var retry = 0
        while true {
            do {
                let response = try await attempt()
                guard retry < maxRetries, shouldRetry(response) else { return response }
            } catch {
                guard retry < maxRetries, shouldRetry(error) else { throw error }
            }
            try await sleep(delay(retry: retry))
            retry += 1
        }
    }
}
