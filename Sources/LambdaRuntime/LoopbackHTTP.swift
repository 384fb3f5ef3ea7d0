import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TextBasics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client for the Runtime API, a plain-HTTP server next to the function
/// (`127.0.0.1:9001`): one connection per request, `Connection: close`, bodies by Content-Length or
/// chunked. Not URLSession: FoundationNetworking would make libcurl and its ~30 libraries load-time
/// dependencies of every function, paid at each cold start.
struct LoopbackHTTP: Sendable {
    struct Request: Equatable, Sendable {
        var method: String
        /// Path and query, as sent on the request line.
        var path: String
        var headers: [(name: String, value: String)] = []
        var body = Data()

        static func == (a: Request, b: Request) -> Bool {
            a.method == b.method && a.path == b.path && a.body == b.body
                && a.headers.map { "\($0.name): \($0.value)" } == b.headers.map { "\($0.name): \($0.value)" }
        }

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    struct Response: Sendable {
        var status: Int
        /// Names lower-cased.
        var headers: [String: String]
        var body: Data
    }

    /// What one response may hold: the event of `invocation/next` is at most Lambda's 6 MB payload
    /// limit; anything larger (or a head that never ends) is refused before it fills memory.
    enum Limits {
        static let maxHeadBytes = 64 * 1024
        static let maxBodyBytes = 6 * 1024 * 1024
    }

    let host: String
    let port: String

    /// Sends on a thread of its own: `invocation/next` blocks until an event arrives, without limit.
    func send(_ request: Request) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try exchange(request) }) }
        }
    }

    func encode(_ request: Request) -> Data {
        var head = "\(request.method) \(request.path) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        for (name, value) in request.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(request.body.count)\r\nConnection: close\r\n\r\n"
        return Data(head.utf8) + request.body
    }

    private func exchange(_ request: Request) throws -> Response {
        let socket = try connect()
        defer { close(socket) }
        let bytes = encode(request)
        try bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = write(socket, raw.baseAddress! + sent, raw.count - sent)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw RuntimeAPIError.transport("write failed: \(String(cString: strerror(errno)))") }
                sent += n
            }
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(socket, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw RuntimeAPIError.transport("read failed: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            received.append(contentsOf: buffer[0..<n])
            if let response = try Self.parse(received) { return response }
        }
        guard let response = try Self.parse(received, atEnd: true) else {
            throw RuntimeAPIError.transport("the connection closed before a complete response")
        }
        return response
    }

    private func connect() throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, port, &hints, &list)
        guard status == 0, let first = list else {
            throw RuntimeAPIError.transport("cannot resolve \(host):\(port): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            if fd >= 0 {
                if systemConnect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return fd }
                lastError = String(cString: strerror(errno))
                close(fd)
            }
            candidate = address.pointee.ai_next
        }
        throw RuntimeAPIError.transport("cannot connect to \(host):\(port): \(lastError)")
    }

    /// The response in `data` when it is complete; nil when more bytes are needed (or, `atEnd`, when
    /// the body has no length and runs to the close).
    static func parse(_ data: Data, atEnd: Bool = false) throws -> Response? {
        guard let headEnd = data.firstRange(of: Data("\r\n\r\n".utf8)) else {
            if data.count > Limits.maxHeadBytes { throw tooLarge("the status line and headers", Limits.maxHeadBytes, "maxHeadBytes") }
            return nil
        }
        let lines = String(decoding: data[data.startIndex..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            throw RuntimeAPIError.transport("not an HTTP response: \(lines[0].prefix(80))")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = TextBasics.trimmingWhitespace(line[line.index(after: colon)...])
        }
        let rest = data[headEnd.upperBound...]
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let body = try dechunk(rest) else {
                // Framing included: a chunk-size line that never ends must not grow without bound either.
                if rest.count > 2 * Limits.maxBodyBytes { throw tooLarge("the chunked body", Limits.maxBodyBytes, "maxBodyBytes") }
                return nil
            }
            return Response(status: status, headers: headers, body: body)
        }
        if let length = headers["content-length"].flatMap(Int.init) {
            guard length >= 0 else { throw RuntimeAPIError.transport("bad Content-Length in the response: \(length)") }
            if length > Limits.maxBodyBytes { throw tooLarge("the body (Content-Length \(length))", Limits.maxBodyBytes, "maxBodyBytes") }
            guard rest.count >= length else { return nil }
            return Response(status: status, headers: headers, body: Data(rest.prefix(length)))
        }
        if rest.count > Limits.maxBodyBytes { throw tooLarge("the body", Limits.maxBodyBytes, "maxBodyBytes") }
        return atEnd ? Response(status: status, headers: headers, body: Data(rest)) : nil
    }

    static func tooLarge(_ what: String, _ limit: Int, _ name: String) -> RuntimeAPIError {
        .transport("\(what) of the response exceed \(limit) bytes (limit \(name)): not a Lambda runtime API")
    }

    /// A chunked body, or nil until its last chunk has arrived.
    static func dechunk(_ data: Data) throws -> Data? {
        var body = Data()
        var index = data.startIndex
        while true {
            guard let lineEnd = data[index...].firstRange(of: Data("\r\n".utf8)) else { return nil }
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(TextBasics.trimmingWhitespace(sizeText), radix: 16), size >= 0 else {
                throw RuntimeAPIError.transport("bad chunk size in the response: \(sizeText.prefix(20))")
            }
            let start = lineEnd.upperBound
            if size == 0 { return body }
            guard size <= Limits.maxBodyBytes - body.count else { throw tooLarge("the chunked body", Limits.maxBodyBytes, "maxBodyBytes") }
            guard data.distance(from: start, to: data.endIndex) >= size + 2 else { return nil }
            let end = data.index(start, offsetBy: size)
            body.append(data[start..<end])
            index = data.index(end, offsetBy: 2)
        }
    }
}

/// `connect` from the C library (the name is taken by `LoopbackHTTP.connect`).
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>!, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.connect(fd, address, length)
    #elseif canImport(Musl)
    return Musl.connect(fd, address, length)
    #else
    return Darwin.connect(fd, address, length)
    #endif
}
