import Foundation
import LambdaRuntime

/// A Runtime API that hands out scripted invocations and records what the runtime sends back.
/// When the script runs out, `next` fails like an unreachable API would.
actor ScriptedRuntimeAPI: RuntimeAPI {
    enum Call: Equatable {
        case response(String, String)
        case error(String, FunctionError)
        case initError(FunctionError)
    }

    private var pending: [Invocation]
    private(set) var calls: [Call] = []
    private(set) var nextCount = 0
    private let rejectResponsesWith: Int?

    init(_ invocations: [Invocation], rejectResponsesWith status: Int? = nil) {
        pending = invocations
        rejectResponsesWith = status
    }

    func nextInvocation() async throws -> Invocation {
        nextCount += 1
        guard !pending.isEmpty else { throw RuntimeAPIError.transport("connection refused") }
        return pending.removeFirst()
    }

    func sendResponse(requestID: String, body: Data) async throws {
        if let status = rejectResponsesWith {
            throw RuntimeAPIError.unexpectedStatus(path: "/invocation/\(requestID)/response", status: status, body: "too large")
        }
        calls.append(.response(requestID, String(decoding: body, as: UTF8.self)))
    }

    func sendError(requestID: String, error: FunctionError) async throws {
        calls.append(.error(requestID, error))
    }

    func sendInitError(_ error: FunctionError) async throws {
        calls.append(.initError(error))
    }
}

/// Collects log lines instead of printing them.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    var lines: [String] { lock.withLock { storage } }
    var sink: LogSink { LogSink { [self] line in lock.withLock { storage.append(line) } } }

    /// Each line parsed as a JSON object.
    func objects() throws -> [[String: Any]] {
        try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }
}

let fixedNow = Date(timeIntervalSince1970: 1_700_000_000)

func invocation(_ id: String, _ body: String, deadlineIn seconds: Double = 3, trace: String? = nil) -> Invocation {
    Invocation(requestID: id, deadline: fixedNow.addingTimeInterval(seconds),
               invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:echo", traceID: trace,
               body: Data(body.utf8))
}
