#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Lambda Runtime API (`/2018-06-01/runtime/...`), behind a protocol so that the loop can be
/// driven by a scripted fake in tests. `HTTPRuntimeAPI` is the real one.
public protocol RuntimeAPI: Sendable {
    /// `GET invocation/next`: blocks until Lambda has an event for this environment.
    func nextInvocation() async throws -> Invocation
    /// `POST invocation/{id}/response`
    func sendResponse(requestID: String, body: Data) async throws
    /// `POST invocation/{id}/error`
    func sendError(requestID: String, error: FunctionError) async throws
    /// `POST init/error`: the function could not start; the runtime exits after this.
    func sendInitError(_ error: FunctionError) async throws
}

/// One event as `invocation/next` hands it over.
public struct Invocation: Sendable, Equatable {
    public let requestID: String
    public let deadline: Date
    public let invokedFunctionARN: String
    public let traceID: String?
    public let body: Data

    public init(requestID: String, deadline: Date, invokedFunctionARN: String, traceID: String? = nil, body: Data) {
        self.requestID = requestID
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.body = body
    }

    /// Reads the `Lambda-Runtime-*` headers (names compared case-insensitively, as HTTP wants).
    public init(headers: [String: String], body: Data) throws {
        let lower = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        func required(_ name: String) throws -> String {
            guard let value = lower[name.lowercased()], !value.isEmpty else { throw RuntimeAPIError.missingHeader(name) }
            return value
        }
        let deadlineText = try required("Lambda-Runtime-Deadline-Ms")
        guard let deadlineMs = Int64(deadlineText) else { throw RuntimeAPIError.invalidHeader("Lambda-Runtime-Deadline-Ms", deadlineText) }
        self.init(
            requestID: try required("Lambda-Runtime-Aws-Request-Id"),
            deadline: Date(timeIntervalSince1970: Double(deadlineMs) / 1000),
            invokedFunctionARN: try required("Lambda-Runtime-Invoked-Function-Arn"),
            traceID: lower["lambda-runtime-trace-id"],
            body: body)
    }
}

/// The error document the runtime API takes: `{"errorType":"...","errorMessage":"..."}`.
public struct FunctionError: Codable, Sendable, Equatable, Error {
    public var errorType: String
    public var errorMessage: String

    public init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    /// `errorType` from `LambdaReportableError`, else the Swift type name; message from its description.
    public init(_ error: any Error) {
        if let known = error as? FunctionError { self = known; return }
        let type = (error as? any LambdaReportableError)?.errorType ?? String(describing: Swift.type(of: error))
        self.init(errorType: type, errorMessage: String(describing: error))
    }
}

public enum RuntimeAPIError: Error, Equatable, CustomStringConvertible {
    case missingEndpoint
    case missingHeader(String)
    case invalidHeader(String, String)
    case unexpectedStatus(path: String, status: Int, body: String)
    case transport(String)

    public var description: String {
        switch self {
        case .missingEndpoint: "AWS_LAMBDA_RUNTIME_API is not set: not running inside Lambda?"
        case .missingHeader(let name): "runtime API response lacks the \(name) header"
        case .invalidHeader(let name, let value): "runtime API header \(name) has an invalid value: \(value)"
        case .unexpectedStatus(let path, let status, let body): "runtime API \(path) answered \(status): \(body)"
        case .transport(let message): "runtime API unreachable: \(message)"
        }
    }
}
