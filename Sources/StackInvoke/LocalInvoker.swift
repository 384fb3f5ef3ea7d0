import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a built function binary once, behind a `RuntimeAPIServer`: starts the process with the given
/// environment (plus `AWS_LAMBDA_RUNTIME_API`), hands it the event, and waits for its response, its error,
/// its exit, or the function's timeout — whichever comes first. The process is then killed, as Lambda
/// discards an environment; its output (the function's logs) goes to `log` line by line as it comes.
public struct LocalInvoker: Sendable {
    public var executable: URL
    public var environment: [String: String]
    public var timeoutSeconds: Int
    /// The function's `MemorySize`, for the REPORT line (the process is not limited to it).
    public var memorySizeMB: Int
    public var log: @Sendable (String) -> Void

    public init(executable: URL, environment: [String: String], timeoutSeconds: Int, memorySizeMB: Int = 128,
                log: @escaping @Sendable (String) -> Void) {
        self.executable = executable
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
        self.memorySizeMB = memorySizeMB
        self.log = log
    }

    public struct Result: Sendable, Equatable {
        public var outcome: InvocationOutcome
        public var requestID: String
        public var duration: Duration
        /// Lambda's REPORT figures; nil when the function never asked for its event.
        public var report: InvocationReport?
    }

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    public func invoke(event: Data, functionARN: String) throws(Failure) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        let server: RuntimeAPIServer
        do {
            server = try RuntimeAPIServer(event: .init(deadline: deadline, functionARN: functionARN, body: event))
        } catch {
            throw Failure(description: "cannot start the runtime API emulator: \(error)")
        }
        defer { server.stop() }

        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = executable.deletingLastPathComponent()
        var environment = environment
        environment["AWS_LAMBDA_RUNTIME_API"] = server.endpoint
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { ended in server.settle(.exited(status: ended.terminationStatus)) }
        let forwarding = LineForwarder(handle: output.fileHandleForReading, log: log)
        let started = clock.now  // init duration runs from here, as Lambda's runs from starting the runtime
        do { try process.run() } catch {
            throw Failure(description: "cannot start \(executable.path): \(error.localizedDescription)")
        }
        // The pipe's write end belongs to the child now: EOF comes when the child is gone.
        try? output.fileHandleForWriting.close()
        forwarding.start()
        // Foundation starts the child in a process group of its own: killing the group also ends anything
        // it started, which would otherwise keep the log pipe open.
        let pid = process.processIdentifier
        let ownGroup = getpgid(pid) == pid

        let outcome = server.waitForOutcome(until: deadline) ?? .timedOut(seconds: timeoutSeconds)
        let ended = clock.now
        let duration = ended - start
        // Read while the process lives (held in its next `next`): a dead one has no memory to show.
        let peak = PeakMemory.megabytes(ofProcess: pid)
        let report = Self.report(server.timeline, started: started, ended: ended, outcome: outcome,
                                 requestID: server.event.requestID, memorySizeMB: memorySizeMB, peakMB: peak)
        if ownGroup { kill(-pid, SIGKILL) } else if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        forwarding.finish()
        return Result(outcome: outcome, requestID: server.event.requestID, duration: duration, report: report)
    }

    static func report(_ timeline: RuntimeAPIServer.Timeline, started: ContinuousClock.Instant, ended: ContinuousClock.Instant,
                       outcome: InvocationOutcome, requestID: String, memorySizeMB: Int, peakMB: Int?) -> InvocationReport? {
        guard let firstNext = timeline.firstNext, let handedOut = timeline.handedOut else { return nil }
        var status: String?, errorType: String?
        switch outcome {
        case .timedOut: status = "timeout"
        case .exited: status = "error"; errorType = "Runtime.ExitError"
        case .response, .error, .initError: break
        }
        return InvocationReport(requestID: requestID, initDuration: firstNext - started,
                                duration: (timeline.settled ?? ended) - handedOut, memorySizeMB: memorySizeMB,
                                maxMemoryUsedMB: peakMB, status: status, errorType: errorType)
    }
}

/// Reads a pipe on a thread of its own and hands over complete lines (a last partial line at EOF too).
final class LineForwarder: @unchecked Sendable {
    let handle: FileHandle
    let log: @Sendable (String) -> Void
    private let done = DispatchSemaphore(value: 0)

    init(handle: FileHandle, log: @escaping @Sendable (String) -> Void) {
        self.handle = handle
        self.log = log
    }

    func start() {
        Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData  // blocks; empty at EOF
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    log(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            if !pending.isEmpty { log(String(decoding: pending, as: UTF8.self)) }
            done.signal()
        }.start()
    }

    /// Waits for the last line (the process has ended, so EOF is near).
    func finish() { _ = done.wait(timeout: .now() + 5) }
}
