#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the function knows about the invocation it is handling.
public struct LambdaContext: Sendable {
    public let requestID: String
    /// When Lambda stops the invocation.
    public let deadline: Date
    public let invokedFunctionARN: String
    /// The X-Ray trace header (`Root=...;Parent=...;Sampled=...`), when tracing is on.
    public let traceID: String?
    /// Structured logger whose lines carry this invocation's request id.
    public let logger: LambdaLogger
    private let clock: @Sendable () -> Date

    public init(
        requestID: String,
        deadline: Date,
        invokedFunctionARN: String,
        traceID: String? = nil,
        logger: LambdaLogger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.requestID = requestID
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.logger = logger
        self.clock = clock
    }

    /// Time left before the deadline; negative once it has passed.
    public var remainingTime: TimeInterval { deadline.timeIntervalSince(clock()) }
}
