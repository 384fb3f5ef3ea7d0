#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Log levels, named as Lambda's advanced logging controls name them (`AWS_LAMBDA_LOG_LEVEL`).
public enum LogLevel: String, Sendable, Comparable, CaseIterable {
    case trace = "TRACE", debug = "DEBUG", info = "INFO", warn = "WARN", error = "ERROR", fatal = "FATAL"

    private var rank: Int { LogLevel.allCases.firstIndex(of: self)! }
    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rank < b.rank }
}

/// A value of an extra log field.
public enum LogValue: Sendable, Equatable, Encodable,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    case string(String), int(Int), double(Double), bool(Bool)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let v): try c.encode(v)
        case .int(let v): try c.encode(v)
        case .double(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        }
    }
}

/// Where log lines go. Lambda forwards a function's stdout to CloudWatch Logs line by line.
public struct LogSink: Sendable {
    public let write: @Sendable (String) -> Void
    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Unbuffered stdout: a buffered line could be lost if the process is frozen or killed.
    public static let standardOutput = LogSink { line in
        var bytes = Array((line + "\n").utf8)[...]
        while !bytes.isEmpty {  // one write(2) per line, repeated only if the kernel took part of it
            let written = bytes.withUnsafeBytes { systemWrite(1, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

private let systemWrite = write  // `write` alone means the sink's property inside LogSink

/// Writes one JSON object per line: `level`, `message`, `timestamp` (ISO-8601 UTC, ms),
/// `requestId` when inside an invocation, and the extra fields (which cannot override those four).
/// Keys are sorted so that lines are stable for tests and greps.
public struct LambdaLogger: Sendable {
    public var minimumLevel: LogLevel
    public var requestID: String?
    private let sink: LogSink
    private let clock: @Sendable () -> Date

    public init(minimumLevel: LogLevel = .info, requestID: String? = nil, sink: LogSink = .standardOutput,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.minimumLevel = minimumLevel
        self.requestID = requestID
        self.sink = sink
        self.clock = clock
    }

    /// The level Lambda's logging configuration asks for, INFO when unset or unknown.
    public static func level(from environment: [String: String]) -> LogLevel {
        environment["AWS_LAMBDA_LOG_LEVEL"].flatMap { LogLevel(rawValue: $0.uppercased()) } ?? .info
    }

    public func with(requestID: String?) -> LambdaLogger {
        var copy = self
        copy.requestID = requestID
        return copy
    }

    public func log(_ level: LogLevel, _ message: String, _ fields: [String: LogValue] = [:]) {
        guard level >= minimumLevel else { return }
        var line = fields
        line["level"] = .string(level.rawValue)
        line["message"] = .string(message)
        line["timestamp"] = .string(clock().formatted(Self.timestampStyle))
        if let requestID { line["requestId"] = .string(requestID) } else { line["requestId"] = nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, ints, bools and finite doubles cannot fail; a NaN field can.
        let data = (try? encoder.encode(line)) ?? Data(#"{"level":"ERROR","message":"unencodable log line"}"#.utf8)
        sink.write(String(decoding: data, as: UTF8.self))
    }

    public func debug(_ message: String, _ fields: [String: LogValue] = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: [String: LogValue] = [:]) { log(.info, message, fields) }
    public func warn(_ message: String, _ fields: [String: LogValue] = [:]) { log(.warn, message, fields) }
    public func error(_ message: String, _ fields: [String: LogValue] = [:]) { log(.error, message, fields) }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
