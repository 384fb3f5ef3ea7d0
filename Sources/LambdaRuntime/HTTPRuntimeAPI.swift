#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Runtime API over HTTP at `http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/`.
/// Requests are built by static functions so that tests check them without a server.
public struct HTTPRuntimeAPI: RuntimeAPI {
    static let base = "/2018-06-01/runtime/"
    let http: LoopbackHTTP

    /// `endpoint` is `host:port`, as Lambda sets `AWS_LAMBDA_RUNTIME_API`.
    public init(endpoint: String) throws {
        guard let colon = endpoint.lastIndex(of: ":"), colon != endpoint.startIndex,
              let port = UInt16(endpoint[endpoint.index(after: colon)...]) else {
            throw RuntimeAPIError.missingEndpoint
        }
        var host = String(endpoint[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // [::1]:9001
        http = LoopbackHTTP(host: host, port: String(port))
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let endpoint = environment["AWS_LAMBDA_RUNTIME_API"], !endpoint.isEmpty else { throw RuntimeAPIError.missingEndpoint }
        try self.init(endpoint: endpoint)
    }

    /// `host:port` the requests go to.
    public var endpoint: String { "\(http.host):\(http.port)" }

    // MARK: requests

    static func nextRequest() -> LoopbackHTTP.Request {
        LoopbackHTTP.Request(method: "GET", path: base + "invocation/next")
    }

    static func responseRequest(requestID: String, body: Data) -> LoopbackHTTP.Request {
        post(base + "invocation/\(requestID)/response", body: body)
    }

    static func errorRequest(requestID: String, error: FunctionError) -> LoopbackHTTP.Request {
        var request = post(base + "invocation/\(requestID)/error", body: encode(error))
        request.headers.append(("Lambda-Runtime-Function-Error-Type", error.errorType))
        return request
    }

    static func initErrorRequest(error: FunctionError) -> LoopbackHTTP.Request {
        var request = post(base + "init/error", body: encode(error))
        request.headers.append(("Lambda-Runtime-Function-Error-Type", error.errorType))
        return request
    }

    private static func post(_ path: String, body: Data) -> LoopbackHTTP.Request {
        LoopbackHTTP.Request(method: "POST", path: path, headers: [("Content-Type", "application/json")], body: body)
    }

    static func encode(_ error: FunctionError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(error)) ?? Data()
    }

    // MARK: RuntimeAPI

    public func nextInvocation() async throws -> Invocation {
        let response = try await send(Self.nextRequest(), expecting: 200)
        return try Invocation(headers: response.headers, body: response.body)
    }

    public func sendResponse(requestID: String, body: Data) async throws {
        _ = try await send(Self.responseRequest(requestID: requestID, body: body), expecting: 202)
    }

    public func sendError(requestID: String, error: FunctionError) async throws {
        _ = try await send(Self.errorRequest(requestID: requestID, error: error), expecting: 202)
    }

    public func sendInitError(_ error: FunctionError) async throws {
        _ = try await send(Self.initErrorRequest(error: error), expecting: 202)
    }

    private func send(_ request: LoopbackHTTP.Request, expecting status: Int) async throws -> LoopbackHTTP.Response {
        let response = try await http.send(request)
        guard response.status == status else {
            throw RuntimeAPIError.unexpectedStatus(path: request.path, status: response.status,
                                                   body: String(decoding: response.body.prefix(512), as: UTF8.self))
        }
        return response
    }
}
