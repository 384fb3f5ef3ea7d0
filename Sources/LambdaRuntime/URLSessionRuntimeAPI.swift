import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The Runtime API over HTTP at `http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/`.
/// Requests are built by static functions so that tests check them without a server.
public struct URLSessionRuntimeAPI: RuntimeAPI {
    public let baseURL: URL
    private let session: URLSession

    /// `endpoint` is `host:port`, as Lambda sets `AWS_LAMBDA_RUNTIME_API`.
    public init(endpoint: String) throws {
        guard !endpoint.isEmpty, let url = URL(string: "http://\(endpoint)/2018-06-01/runtime/") else {
            throw RuntimeAPIError.missingEndpoint
        }
        baseURL = url
        let configuration = URLSessionConfiguration.ephemeral
        // `next` blocks until an event arrives and the environment may be frozen meanwhile:
        // no client-side timeout may cut it short.
        configuration.timeoutIntervalForRequest = Self.noTimeout
        configuration.timeoutIntervalForResource = Self.noTimeout
        session = URLSession(configuration: configuration)
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let endpoint = environment["AWS_LAMBDA_RUNTIME_API"] else { throw RuntimeAPIError.missingEndpoint }
        try self.init(endpoint: endpoint)
    }

    static let noTimeout: TimeInterval = 365 * 24 * 3600

    // MARK: requests

    public static func nextRequest(baseURL: URL) -> URLRequest {
        var request = URLRequest(url: baseURL.appendingPathComponent("invocation/next"))
        request.httpMethod = "GET"
        request.timeoutInterval = noTimeout
        return request
    }

    public static func responseRequest(baseURL: URL, requestID: String, body: Data) -> URLRequest {
        post(baseURL.appendingPathComponent("invocation").appendingPathComponent(requestID)
                .appendingPathComponent("response"), body: body)
    }

    public static func errorRequest(baseURL: URL, requestID: String, error: FunctionError) -> URLRequest {
        var request = post(baseURL.appendingPathComponent("invocation").appendingPathComponent(requestID)
                .appendingPathComponent("error"), body: encode(error))
        request.setValue(error.errorType, forHTTPHeaderField: "Lambda-Runtime-Function-Error-Type")
        return request
    }

    public static func initErrorRequest(baseURL: URL, error: FunctionError) -> URLRequest {
        var request = post(baseURL.appendingPathComponent("init/error"), body: encode(error))
        request.setValue(error.errorType, forHTTPHeaderField: "Lambda-Runtime-Function-Error-Type")
        return request
    }

    private static func post(_ url: URL, body: Data) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        return request
    }

    static func encode(_ error: FunctionError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(error)) ?? Data()
    }

    // MARK: RuntimeAPI

    public func nextInvocation() async throws -> Invocation {
        let (data, response) = try await send(Self.nextRequest(baseURL: baseURL), expecting: 200)
        var headers: [String: String] = [:]
        for case let (name as String, value as String) in response.allHeaderFields { headers[name] = value }
        return try Invocation(headers: headers, body: data)
    }

    public func sendResponse(requestID: String, body: Data) async throws {
        _ = try await send(Self.responseRequest(baseURL: baseURL, requestID: requestID, body: body), expecting: 202)
    }

    public func sendError(requestID: String, error: FunctionError) async throws {
        _ = try await send(Self.errorRequest(baseURL: baseURL, requestID: requestID, error: error), expecting: 202)
    }

    public func sendInitError(_ error: FunctionError) async throws {
        _ = try await send(Self.initErrorRequest(baseURL: baseURL, error: error), expecting: 202)
    }

    /// A continuation around `dataTask`: works the same on every Foundation.
    private func send(_ request: URLRequest, expecting status: Int) async throws -> (Data, HTTPURLResponse) {
        let (data, response): (Data, HTTPURLResponse) = try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: RuntimeAPIError.transport(String(describing: error)))
                } else if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: (data ?? Data(), http))
                } else {
                    continuation.resume(throwing: RuntimeAPIError.transport("no HTTP response"))
                }
            }.resume()
        }
        guard response.statusCode == status else {
            throw RuntimeAPIError.unexpectedStatus(
                path: request.url?.path ?? "", status: response.statusCode,
                body: String(decoding: data.prefix(512), as: UTF8.self))
        }
        return (data, response)
    }
}
