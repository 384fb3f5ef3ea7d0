#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A transport for tests: answers from a script, in order, and records what was sent.
/// A request beyond the script, or one that does not match what a step expects, throws
/// `ScriptedTransport.Unscripted` (which no retry policy retries), so a test cannot pass by
/// accident on a request nobody planned.
public actor ScriptedTransport: Transport {
    public struct Unscripted: Error, CustomStringConvertible {
        public var description: String
    }

    struct Step {
        var method: String?
        var path: String?
        var result: Result<HTTPResponse, any Error>
    }

    private var steps: [Step] = []
    public private(set) var requests: [HTTPRequest] = []

    public init() {}

    /// Scripts the next response; `method`/`path` (percent-encoded, as sent) are checked when given.
    public func respond(_ response: HTTPResponse, method: String? = nil, path: String? = nil) {
        steps.append(Step(method: method, path: path, result: .success(response)))
    }

    /// Scripts a transport failure (a dropped connection, say) for the next request.
    public func fail(with error: any Error, method: String? = nil, path: String? = nil) {
        steps.append(Step(method: method, path: path, result: .failure(error)))
    }

    /// Steps scripted but not used; a test that ends with leftovers sent fewer requests than planned.
    public var unusedSteps: Int { steps.count }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.append(request)
        let summary = "\(request.method) \(request.url.absoluteString)"
        guard !steps.isEmpty else {
            throw Unscripted(description: "unscripted request #\(requests.count): \(summary)")
        }
        let step = steps.removeFirst()
        if let method = step.method, method != request.method {
            throw Unscripted(description: "request #\(requests.count) \(summary): expected method \(method)")
        }
        if let path = step.path {
            let sent = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
            if path != sent {
                throw Unscripted(description: "request #\(requests.count) \(summary): expected path \(path)")
            }
        }
        return try step.result.get()
    }
}
