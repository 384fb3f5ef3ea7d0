#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LambdaEvents

/// How a run of the loop ended. The executable turns it into the process exit code; the library
/// itself never exits the process.
public enum RunOutcome: Sendable, Equatable {
    /// `maxInvocations` were handled (only in bounded runs, i.e. tests).
    case finished(invocations: Int)
    /// The handler factory threw; reported to `init/error`.
    case initFailed(FunctionError)
    /// The runtime API itself failed: Lambda expects the runtime to exit and starts a new one.
    case runtimeAPIFailed(String)

    public var exitCode: Int32 {
        switch self {
        case .finished: 0
        case .initFailed, .runtimeAPIFailed: 1
        }
    }
}

/// The custom-runtime loop: build the handler once, then `next` → decode → handle → encode →
/// `response`, forever. Any failure of one invocation (undecodable event, thrown error,
/// unencodable output) goes to that invocation's `error` endpoint and the loop goes on.
public struct LambdaRuntime: Sendable {
    public let api: any RuntimeAPI
    public let logger: LambdaLogger
    private let clock: @Sendable () -> Date

    public init(api: any RuntimeAPI, logger: LambdaLogger = LambdaLogger(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.logger = logger
        self.clock = clock
    }

    /// The runtime of a real Lambda environment: endpoint and log level from the environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LambdaRuntime {
        LambdaRuntime(api: try HTTPRuntimeAPI(environment: environment),
                      logger: LambdaLogger(minimumLevel: LambdaLogger.level(from: environment)))
    }

    /// Runs the loop for `product`: the handler must take the event the product is declared to handle
    /// (and the stacks wire to it), which the compiler checks.
    public func run<H: LambdaHandler>(
        _ product: FunctionProduct<H.Event>, maxInvocations: Int? = nil,
        makeHandler: @Sendable () async throws -> H
    ) async -> RunOutcome {
        await run(maxInvocations: maxInvocations, makeHandler: makeHandler)
    }

    /// Runs the loop; `maxInvocations` bounds it for tests (nil: until the runtime API fails).
    public func run<H: LambdaHandler>(
        maxInvocations: Int? = nil,
        makeHandler: @Sendable () async throws -> H
    ) async -> RunOutcome {
        let handler: H
        do {
            handler = try await makeHandler()
        } catch {
            let report = FunctionError(error)
            logger.log(.fatal, "init failed", ["errorType": .string(report.errorType), "errorMessage": .string(report.errorMessage)])
            do { try await api.sendInitError(report) } catch {
                logger.error("could not report the init error", ["error": .string(String(describing: error))])
            }
            return .initFailed(report)
        }

        var handled = 0
        while maxInvocations.map({ handled < $0 }) ?? true {
            do {
                let invocation = try await api.nextInvocation()
                try await process(invocation, with: handler)
                handled += 1
            } catch {
                logger.log(.fatal, "runtime API failed", ["error": .string(String(describing: error))])
                return .runtimeAPIFailed(String(describing: error))
            }
        }
        return .finished(invocations: handled)
    }

    /// Handles one invocation. Throws only when the runtime API cannot be told the result.
    func process<H: LambdaHandler>(_ invocation: Invocation, with handler: H) async throws {
        let log = logger.with(requestID: invocation.requestID)
        // The custom-runtime contract: the X-Ray SDK (and our AWS client) read the trace header from here.
        if let traceID = invocation.traceID { setenv("_X_AMZN_TRACE_ID", traceID, 1) } else { unsetenv("_X_AMZN_TRACE_ID") }
        let context = LambdaContext(
            requestID: invocation.requestID, deadline: invocation.deadline,
            invokedFunctionARN: invocation.invokedFunctionARN, traceID: invocation.traceID,
            logger: log, clock: clock)

        let event: H.Event
        do {
            event = try JSONDecoder().decode(H.Event.self, from: invocation.body)
        } catch {
            return try await fail(invocation, FunctionError(
                errorType: "Runtime.UnmarshalError",
                errorMessage: "could not decode the event as \(H.Event.self): \(Self.describe(error))"), log)
        }

        let output: H.Output
        do {
            output = try await handler.handle(event, context: context)
        } catch {
            return try await fail(invocation, FunctionError(error), log)
        }

        let body: Data
        do {
            body = try JSONEncoder().encode(output)
        } catch {
            return try await fail(invocation, FunctionError(
                errorType: "Runtime.MarshalError",
                errorMessage: "could not encode the output \(H.Output.self): \(Self.describe(error))"), log)
        }

        do {
            try await api.sendResponse(requestID: invocation.requestID, body: body)
        } catch RuntimeAPIError.unexpectedStatus(let path, let status, let text) where (400..<500).contains(status) {
            // Lambda refused this response (413: too large, ...): the invocation still needs an outcome.
            try await fail(invocation, FunctionError(
                errorType: "Runtime.ResponseRejected",
                errorMessage: "\(path) answered \(status): \(text)"), log)
        }
    }

    private func fail(_ invocation: Invocation, _ error: FunctionError, _ log: LambdaLogger) async throws {
        log.error("invocation failed", ["errorType": .string(error.errorType), "errorMessage": .string(error.errorMessage)])
        try await api.sendError(requestID: invocation.requestID, error: error)
    }

    /// DecodingError's own description is a wall of text; say where and what.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return String(describing: error) }
        let context: DecodingError.Context
        switch decoding {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return String(describing: error)
        }
        var path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        if case .keyNotFound(let key, _) = decoding { path += ".\(key.stringValue)" }
        return "\(path.isEmpty ? "<root>" : path): \(context.debugDescription)"
    }
}
