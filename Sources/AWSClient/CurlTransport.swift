#if canImport(Glibc)
import CCurlLoader
import Glibc
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TextBasics

/// HTTP over libcurl's easy API (one handle per request; a blocking transfer runs on a dispatch thread
/// so the caller's task does not hold a cooperative thread).
public struct CurlTransport: Transport {
    /// Connecting longer than this fails the attempt (and the retry policy takes over).
    public var connectTimeout: Double
    /// A transfer that moves no byte for this long is dropped; a slow but moving upload is not.
    public var stallTimeout: Int

    public init(connectTimeout: Double = 10, stallTimeout: Int = 60) {
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try perform(request) })
            }
        }
    }

    func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        var lines: [String] = []
        for field in request.headers where field.name.lowercased() != "host" {
            // curl derives Host from the URL: the value that was signed.
            lines.append("\(field.name): \(field.value)")
        }
        // Headers curl would add on its own: a form Content-Type for bodies (S3 would store it) and
        // `Expect: 100-continue` for large ones (a round trip for nothing). A bare name removes them.
        if request.headers["Content-Type"] == nil { lines.append("Content-Type:") }
        lines.append("Expect:")

        var result = stackctl_http_result()
        let status = withCStrings(lines) { headers in
            request.body.withUnsafeBytes { body in
                stackctl_http_perform(request.method, request.url.absoluteString, headers, lines.count,
                                      body.baseAddress, body.count, Int(connectTimeout * 1000), stallTimeout, &result)
            }
        }
        defer { stackctl_http_result_free(&result) }
        guard status == 0 else {
            let message = withUnsafeBytes(of: result.error) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw TransportError(Self.kind(curlCode: result.curl_code), message, endpoint: TransportError.endpoint(of: request.url))
        }
        return HTTPResponse(status: result.status, headers: Self.parseHeaders(Self.bytes(result.headers)),
                            body: Self.bytes(result.body))
    }

    static func bytes(_ buffer: stackctl_buffer) -> Data {
        guard let data = buffer.data, buffer.length > 0 else { return Data() }
        return Data(bytes: data, count: buffer.length)
    }

    /// The header block of the final response: a status line, then `Name: value` lines.
    static func parseHeaders(_ block: Data) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for line in String(decoding: block, as: UTF8.self).split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("HTTP/") else { continue }
            let value = TextBasics.trimmingWhitespace(line[line.index(after: colon)...])
            headers.add(String(line[..<colon]), value)
        }
        return headers
    }

    /// libcurl's CURLcode values (curl.h), grouped by what a retry can do about them.
    static func kind(curlCode: Int32) -> TransportError.Kind {
        switch curlCode {
        case 7: return .cannotConnect            // COULDNT_CONNECT
        case 5, 6: return .unknownHost           // COULDNT_RESOLVE_PROXY, COULDNT_RESOLVE_HOST
        case 28: return .timedOut                // OPERATION_TIMEDOUT
        case 18, 52, 55, 56: return .connectionLost  // PARTIAL_FILE, GOT_NOTHING, SEND_ERROR, RECV_ERROR
        case 35, 51, 58, 59, 60, 77, 83, 90, 91: return .tls  // SSL_CONNECT_ERROR, PEER_FAILED_VERIFICATION, ...
        default: return .other
        }
    }

}


/// Calls `body` with a C array of C strings that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer<CChar>($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
#endif
