import Foundation

/// The figures of Lambda's `REPORT` log line for one local invocation, which is always a cold start:
/// init = process start to the runtime's first `next`; duration = event handed out to outcome received;
/// billed = init + duration rounded up to the millisecond (an OS-only runtime such as provided.al2023 is
/// billed for its init phase, and since August 2025 every runtime is); max memory = the process's peak
/// resident set.
public struct InvocationReport: Sendable, Equatable {
    public var requestID: String
    public var initDuration: Duration
    public var duration: Duration
    public var memorySizeMB: Int
    /// Nil when the process ended before it could be read.
    public var maxMemoryUsedMB: Int?
    /// Lambda's `Status:` field, for an invocation that ended without an outcome (`timeout`, `error`).
    public var status: String?
    public var errorType: String?

    public init(requestID: String, initDuration: Duration, duration: Duration, memorySizeMB: Int,
                maxMemoryUsedMB: Int?, status: String? = nil, errorType: String? = nil) {
        self.requestID = requestID
        self.initDuration = initDuration
        self.duration = duration
        self.memorySizeMB = memorySizeMB
        self.maxMemoryUsedMB = maxMemoryUsedMB
        self.status = status
        self.errorType = errorType
    }

    /// Whole milliseconds, rounded up.
    public var billedDurationMS: Int { Int((Self.milliseconds(initDuration + duration)).rounded(.up)) }

    /// As Lambda writes it: tab-separated fields, durations with two decimals, memory in MB.
    public var line: String {
        var fields = ["REPORT RequestId: \(requestID)",
                      "Duration: \(Self.format(duration)) ms",
                      "Billed Duration: \(billedDurationMS) ms",
                      "Memory Size: \(memorySizeMB) MB"]
        if let maxMemoryUsedMB { fields.append("Max Memory Used: \(maxMemoryUsedMB) MB") }
        fields.append("Init Duration: \(Self.format(initDuration)) ms")
        if let status { fields.append("Status: \(status)") }
        if let errorType { fields.append("Error Type: \(errorType)") }
        return fields.joined(separator: "\t")
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func format(_ duration: Duration) -> String { String(format: "%.2f", max(0, milliseconds(duration))) }
}

/// The peak resident set of a running process in MB (rounded up), from `VmHWM` in `/proc/PID/status`.
/// Not `ru_maxrss` from `wait4`: Linux carries the parent's peak into a child over fork/vfork and exec,
/// so a function started by stackctl (or a test runner) would report the parent's hundreds of MB.
enum PeakMemory {
    static func megabytes(ofProcess pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return megabytes(fromStatus: status)
    }

    static func megabytes(fromStatus status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            // "VmHWM:	   12345 kB"
            let number = line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
                .first.flatMap { Int($0) }
            return number.map { ($0 + 1023) / 1024 }
        }
        return nil
    }
}
