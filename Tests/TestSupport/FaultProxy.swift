import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback HTTP proxy between a client and an emulator that answers a share of requests with
/// faults: throttling errors, 500s, and dropped connections — some dropped before the request reaches
/// the emulator, some after (the emulator acted, the client never hears). Faults come from a seeded
/// generator (reproducible runs) and never more than `maxConsecutive` in a row, so a client with a
/// few retries can always get through. It records what reached the emulator.
public final class FaultProxy: @unchecked Sendable {
    public enum Fault: String, CaseIterable, Sendable { case throttle, serverError, dropBeforeForwarding, dropAfterForwarding }

    /// A request that reached the emulator: method, path, and the form fields of a Query-protocol body.
    public struct Forwarded: Sendable {
        public var method: String
        public var path: String
        public var form: [String: String]
        public var action: String? { form["Action"] }
    }

    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    let upstreamPort: Int
    let faultRate: Double
    let maxConsecutive: Int
    private let listener: Int32
    private let lock = NSLock()
    private var rng: UInt64
    private var consecutive = 0
    private var _forwarded: [Forwarded] = []
    private var _faults: [Fault: Int] = [:]
    private var _requests = 0

    /// Faults for the first occurrences of a Query action, in order, before any drawn at random: the
    /// way to be sure CreateChangeSet and ExecuteChangeSet meet each kind.
    private var scripted: [String: [Fault]]
    /// Faults for every occurrence of a Query action once the scripted ones are used: an endpoint that
    /// keeps failing one call.
    private let always: [String: Fault]
    /// The body of a `serverError`: a proxy's or a crashed emulator's page, not an AWS error.
    private let serverErrorPage: String

    public init(upstreamPort: Int, faultRate: Double = 0.3, seed: UInt64 = 2026, maxConsecutive: Int = 2,
                scripted: [String: [Fault]] = [:], always: [String: Fault] = [:],
                serverErrorPage: String = "<html><body>Internal Server Error</body></html>") throws {
        self.upstreamPort = upstreamPort
        self.scripted = scripted
        self.always = always
        self.serverErrorPage = serverErrorPage
        self.faultRate = faultRate
        self.maxConsecutive = maxConsecutive
        rng = seed
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw MotoServer.Failure(description: "FaultProxy: bind/listen failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [weak self] in self?.acceptLoop() }
        thread.start()
    }

    public func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    public var forwarded: [Forwarded] { lock.lock(); defer { lock.unlock() }; return _forwarded }
    public var faults: [Fault: Int] { lock.lock(); defer { lock.unlock() }; return _faults }
    public var requests: Int { lock.lock(); defer { lock.unlock() }; return _requests }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            Thread { [self] in handle(client) }.start()
        }
    }

    /// SplitMix64: small, seeded, good enough to spread faults.
    private func nextFault(action: String?) -> Fault? {
        lock.lock(); defer { lock.unlock() }
        _requests += 1
        if let action, var planned = scripted[action], !planned.isEmpty {
            let fault = planned.removeFirst()
            scripted[action] = planned
            _faults[fault, default: 0] += 1
            return fault
        }
        if let action, let fault = always[action] {
            _faults[fault, default: 0] += 1
            return fault
        }
        rng &+= 0x9E37_79B9_7F4A_7C15
        var z = rng
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let draw = Double(z >> 11) / Double(1 << 53)
        guard draw < faultRate, consecutive < maxConsecutive else { consecutive = 0; return nil }
        consecutive += 1
        let fault = Fault.allCases[Int(z % UInt64(Fault.allCases.count))]
        _faults[fault, default: 0] += 1
        return fault
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        guard var request = readRequest(client) else { return }
        let isQuery = request.head.lowercased().contains("application/x-www-form-urlencoded")
        switch nextFault(action: FormBody.decode(request.body)["Action"]) {
        case .throttle?:
            let body = isQuery
                ? "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"
                : "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
            respond(client, status: isQuery ? "400 Bad Request" : "503 Slow Down", body: request.method == "HEAD" ? "" : body)
        case .serverError?:
            respond(client, status: "500 Internal Server Error", body: serverErrorPage)
        case .dropBeforeForwarding?:
            return
        case .dropAfterForwarding?:
            _ = forward(&request)
        case nil:
            if let response = forward(&request) { writeAll(client, response) }
        }
    }

    private struct Request {
        var head: String
        var body: Data
        var method: String { String(head.prefix { $0 != " " }) }
        var path: String { head.split(separator: " ").dropFirst().first.map(String.init) ?? "" }
    }

    private func readRequest(_ fd: Int32) -> Request? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
        let end = buffer.range(of: separator)!
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        var body = Data(buffer[end.upperBound...])
        let length = head.split(separator: "\r\n").compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        if head.lowercased().contains("expect: 100-continue") { writeAll(fd, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
        while body.count < length {
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { return nil }
            body.append(contentsOf: chunk[0..<n])
        }
        return Request(head: head, body: body)
    }

    /// Sends the request upstream on a fresh connection and reads the answer to EOF.
    private func forward(_ request: inout Request) -> Data? {
        let lines = request.head.split(separator: "\r\n", omittingEmptySubsequences: false).filter {
            let name = $0.split(separator: ":").first?.lowercased() ?? ""
            return name != "connection" && name != "expect" && name != "keep-alive"
        }
        let head = (lines + ["Connection: close"]).joined(separator: "\r\n") + "\r\n\r\n"
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(upstream) }
        var address = Self.loopback(port: UInt16(upstreamPort))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        writeAll(upstream, Data(head.utf8) + request.body)
        lock.lock()
        _forwarded.append(Forwarded(method: request.method, path: request.path, form: FormBody.decode(request.body)))
        lock.unlock()
        var response = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(upstream, &chunk, chunk.count)
            if n <= 0 { break }
            response.append(contentsOf: chunk[0..<n])
        }
        return response
    }

    private func respond(_ fd: Int32, status: String, body: String) {
        let text = "HTTP/1.1 \(status)\r\nContent-Type: text/xml\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        writeAll(fd, Data(text.utf8))
    }

    private func writeAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                offset += n
            }
        }
    }

}
