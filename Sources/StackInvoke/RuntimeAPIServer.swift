import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one local invocation ended.
public enum InvocationOutcome: Sendable, Equatable {
    /// `POST invocation/{id}/response`: the function's output.
    case response(Data)
    /// `POST invocation/{id}/error`: the error document and its `Lambda-Runtime-Function-Error-Type`.
    case error(type: String, message: String, body: Data)
    /// `POST init/error`: the function could not start.
    case initError(type: String, message: String, body: Data)
    /// The process ended without reporting anything.
    case exited(status: Int32)
    /// No outcome before the deadline from the function's timeout.
    case timedOut(seconds: Int)
}

/// The Lambda Runtime API for one invocation, served on 127.0.0.1 and an ephemeral port: the function's
/// runtime loop asks `GET /2018-06-01/runtime/invocation/next` for the event (with the `Lambda-Runtime-*`
/// headers) and posts its result to `.../response` or `.../error`, or its cold-start failure to
/// `init/error`. Once the event has been handed out, another `next` is held open — the environment would
/// be frozen there on Lambda — until the server stops.
public final class RuntimeAPIServer: @unchecked Sendable {
    public struct Event: Sendable {
        public var requestID: String
        public var deadline: Date
        public var functionARN: String
        public var traceID: String
        public var body: Data

        public init(requestID: String = UUID().uuidString.lowercased(), deadline: Date, functionARN: String,
                    traceID: String? = nil, body: Data) {
            self.requestID = requestID
            self.deadline = deadline
            self.functionARN = functionARN
            self.traceID = traceID ?? Self.newTraceID(at: Date())
            self.body = body
        }

        /// `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0`, as X-Ray formats it.
        static func newTraceID(at date: Date) -> String {
            func hex(_ count: Int) -> String { String((0..<count).map { _ in "0123456789abcdef".randomElement()! }) }
            return "Root=1-\(String(Int(date.timeIntervalSince1970), radix: 16))-\(hex(24));Parent=\(hex(16));Sampled=0"
        }
    }

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    static let base = "/2018-06-01/runtime/"
    /// Lambda's synchronous response payload limit.
    public static let maxResponseBytes = 6 * 1024 * 1024

    public let event: Event
    public let port: Int
    /// `host:port`, what `AWS_LAMBDA_RUNTIME_API` holds.
    public var endpoint: String { "127.0.0.1:\(port)" }

    private let listener: Int32
    private let condition = NSCondition()
    private var outcome: InvocationOutcome?
    private var handedOut = false
    private var stopped = false
    private var connections: [Int32] = []
    private var times = Timeline()

    /// When the phases of the invocation happened, for the REPORT line: the first `next` (init is over),
    /// the event handed out, the outcome received. Nil until it happened.
    public struct Timeline: Sendable, Equatable {
        public var firstNext: ContinuousClock.Instant?
        public var handedOut: ContinuousClock.Instant?
        public var settled: ContinuousClock.Instant?
    }

    public var timeline: Timeline {
        condition.lock()
        defer { condition.unlock() }
        return times
    }

    public init(event: Event) throws {
        self.event = event
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0  // the kernel picks a free port
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0, listen(fd, 16) == 0 else {
            let code = errno
            _ = closeSocket(fd)
            throw Failure(description: "cannot listen on 127.0.0.1: errno \(code)")
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "runtime-api-accept"
        thread.start()
    }

    /// Waits for the outcome until `deadline`; nil when none came.
    public func waitForOutcome(until deadline: Date) -> InvocationOutcome? {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil, condition.wait(until: deadline) {}
        return outcome
    }

    /// Records an outcome from outside (the process ended); the first outcome wins.
    public func settle(_ result: InvocationOutcome) {
        let now = ContinuousClock.now
        condition.lock()
        if outcome == nil { outcome = result; times.settled = now }
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the listener and every open connection (a held `next` returns an error to the client).
    public func stop() {
        condition.lock()
        let open = connections
        let first = !stopped
        stopped = true
        condition.broadcast()
        condition.unlock()
        guard first else { return }
        shutdownSocket(listener)
        _ = closeSocket(listener)
        for fd in open { shutdownSocket(fd) }
    }

    deinit { stop() }

    // MARK: serving

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return  // closed by stop()
            }
            condition.lock()
            if stopped { condition.unlock(); _ = closeSocket(fd); return }
            connections.append(fd)
            condition.unlock()
            let thread = Thread { [self] in serve(HTTPConnection(fd: fd, maxBody: Self.maxResponseBytes)) }
            thread.start()
        }
    }

    private func serve(_ connection: HTTPConnection) {
        defer {
            condition.lock()
            connections.removeAll { $0 == connection.fd }
            condition.unlock()
            connection.close()
        }
        while true {
            switch connection.readRequest() {
            case .closed: return
            case .malformed(let reason):
                connection.respond(status: 400, reason: "Bad Request", body: Self.errorBody("InvalidRequest", reason))
                return
            case .tooLarge(let head):
                connection.respond(status: 413, reason: "Request Entity Too Large", body: Self.errorBody(
                    "RequestEntityTooLarge", "\(head.path): the body exceeds \(Self.maxResponseBytes) bytes"))
            case .request(let request):
                guard route(request, connection) else { return }
            }
        }
    }

    /// Answers one request; false when the connection must end (a held `next` released by stop()).
    private func route(_ request: HTTPRequestHead, _ connection: HTTPConnection) -> Bool {
        // The request has been read whole: for a response, that is when Lambda has it.
        let arrived = ContinuousClock.now
        let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
        guard path.hasPrefix(Self.base) else {
            connection.respond(status: 404, reason: "Not Found", body: Self.errorBody("NotFound", "no route \(path)"))
            return true
        }
        let route = path.dropFirst(Self.base.count).split(separator: "/").map(String.init)
        let method = request.method
        if method == "GET", route == ["invocation", "next"] {
            return next(connection, arrived: arrived)
        } else if method == "POST", route.count == 3, route[0] == "invocation", route[2] == "response" {
            report(route[1], .response(request.body), connection, arrived: arrived)
        } else if method == "POST", route.count == 3, route[0] == "invocation", route[2] == "error" {
            let (type, message) = Self.errorFields(request)
            report(route[1], .error(type: type, message: message, body: request.body), connection, arrived: arrived)
        } else if method == "POST", route == ["init", "error"] {
            let (type, message) = Self.errorFields(request)
            settleAccepted(.initError(type: type, message: message, body: request.body), connection, arrived: arrived)
        } else {
            connection.respond(status: 404, reason: "Not Found", body: Self.errorBody("NotFound", "no route \(method) \(path)"))
        }
        return true
    }

    private func next(_ connection: HTTPConnection, arrived: ContinuousClock.Instant) -> Bool {
        condition.lock()
        if times.firstNext == nil { times.firstNext = arrived }
        if handedOut {
            // Lambda freezes the environment here; hold the request until the invoke is over.
            while !stopped { condition.wait() }
            condition.unlock()
            return false
        }
        handedOut = true
        // From here the function has its event (stamped before the write, so a fast response cannot come first).
        times.handedOut = ContinuousClock.now
        condition.unlock()
        connection.respond(status: 200, reason: "OK", headers: [
            "Lambda-Runtime-Aws-Request-Id": event.requestID,
            "Lambda-Runtime-Deadline-Ms": String(Int64((event.deadline.timeIntervalSince1970 * 1000).rounded())),
            "Lambda-Runtime-Invoked-Function-Arn": event.functionARN,
            "Lambda-Runtime-Trace-Id": event.traceID,
            "Content-Type": "application/json",
        ], body: event.body)
        return true
    }

    private func report(_ id: String, _ result: InvocationOutcome, _ connection: HTTPConnection, arrived: ContinuousClock.Instant) {
        guard id == event.requestID else {
            connection.respond(status: 400, reason: "Bad Request", body: Self.errorBody("InvalidRequestID", "unknown request id \(id)"))
            return
        }
        settleAccepted(result, connection, arrived: arrived)
    }

    private func settleAccepted(_ result: InvocationOutcome, _ connection: HTTPConnection, arrived: ContinuousClock.Instant) {
        condition.lock()
        let first = outcome == nil
        if first { outcome = result; times.settled = arrived }
        condition.broadcast()
        condition.unlock()
        if first {
            connection.respond(status: 202, reason: "Accepted", body: Data(#"{"status":"OK"}"#.utf8))
        } else {
            connection.respond(status: 403, reason: "Forbidden", body: Self.errorBody(
                "InvalidStateTransition", "the invocation already has an outcome"))
        }
    }

    static func errorFields(_ request: HTTPRequestHead) -> (type: String, message: String) {
        struct Document: Decodable { var errorType: String?; var errorMessage: String? }
        let document = try? JSONDecoder().decode(Document.self, from: request.body)
        let type = document?.errorType ?? request.headers["lambda-runtime-function-error-type"] ?? "Unhandled"
        let message = document?.errorMessage ?? String(decoding: request.body.prefix(2048), as: UTF8.self)
        return (type, message)
    }

    static func errorBody(_ type: String, _ message: String) -> Data {
        (try? JSONEncoder().encode(["errorType": type, "errorMessage": message])) ?? Data()
    }
}

func closeSocket(_ fd: Int32) -> Int32 {
    #if os(Linux)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}

func shutdownSocket(_ fd: Int32) {
    #if os(Linux)
    _ = shutdown(fd, Int32(SHUT_RDWR))
    #else
    _ = shutdown(fd, SHUT_RDWR)
    #endif
}
