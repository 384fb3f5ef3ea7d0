import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 request as the runtime API emulator needs it: method, path, headers, body.
struct HTTPRequestHead: Sendable, Equatable {
    var method: String
    var path: String
    /// Lowercased names.
    var headers: [String: String]
    var body: Data
}

/// Reads requests from and writes responses to one accepted socket. Only what a runtime client sends:
/// `Content-Length` bodies (a chunked body is refused with 411), keep-alive connections.
final class HTTPConnection {
    let fd: Int32
    private var buffer = Data()
    /// A body larger than this is drained unread and reported as too large (Lambda's limit is 6 MB).
    let maxBody: Int
    /// The request line and headers together; a runtime client sends a few hundred bytes.
    static let maxHeadBytes = 64 * 1024

    init(fd: Int32, maxBody: Int) {
        self.fd = fd
        self.maxBody = maxBody
    }

    enum ReadResult { case request(HTTPRequestHead), tooLarge(HTTPRequestHead), closed, malformed(String) }

    func readRequest() -> ReadResult {
        var headTooLarge = false
        guard let headerEnd = fill(until: { buffer in
            if let end = buffer.range(of: Data("\r\n\r\n".utf8)) { return end }
            headTooLarge = buffer.count > Self.maxHeadBytes
            return headTooLarge ? buffer.startIndex..<buffer.startIndex : nil
        }) else { return .closed }
        if headTooLarge || headerEnd.lowerBound - buffer.startIndex > Self.maxHeadBytes {
            return .malformed("the request line and headers exceed \(Self.maxHeadBytes) bytes (limit maxHeadBytes)")
        }
        let headText = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
        buffer.removeSubrange(buffer.startIndex..<headerEnd.upperBound)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return .malformed("bad request line") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return .malformed("bad header line") }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var head = HTTPRequestHead(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: Data())
        if headers["transfer-encoding"] != nil { return .malformed("chunked bodies are not supported") }
        let length = Int(headers["content-length"] ?? "0") ?? -1
        guard length >= 0 else { return .malformed("bad Content-Length") }
        if length > maxBody {
            // Read and dropped, never held: the connection stays usable for the error report that follows.
            guard drain(length) else { return .closed }
            return .tooLarge(head)
        }
        guard fill(until: { $0.count >= length ? $0.startIndex..<$0.startIndex : nil }) != nil else { return .closed }
        let body = buffer.prefix(length)
        buffer.removeFirst(length)
        head.body = Data(body)
        return .request(head)
    }

    /// Discards `length` bytes of body as they arrive; false when the peer closed first.
    private func drain(_ length: Int) -> Bool {
        var left = length
        while true {
            let dropped = min(left, buffer.count)
            buffer.removeFirst(dropped)
            left -= dropped
            if left == 0 { return true }
            guard fill(until: { $0.isEmpty ? nil : $0.startIndex..<$0.startIndex }) != nil else { return false }
        }
    }

    /// Reads until `found` finds something in the buffer; nil when the peer closed first.
    private func fill(until found: (Data) -> Range<Data.Index>?) -> Range<Data.Index>? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let range = found(buffer) { return range }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    func respond(status: Int, reason: String, headers: [String: String] = [:], body: Data = Data()) {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        var all = headers
        all["Content-Length"] = String(body.count)
        if all["Content-Type"] == nil, !body.isEmpty { all["Content-Type"] = "application/json" }
        for (name, value) in all.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        var bytes = Data(head.utf8)
        bytes.append(body)
        bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                #if os(Linux)
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                #else
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, 0)
                #endif
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return }
                sent += n
            }
        }
    }

    func close() {
        shutdownSocket(fd)
        _ = closeSocket(fd)
    }
}
