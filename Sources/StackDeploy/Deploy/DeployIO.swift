import Foundation

/// How the deploy engine talks to the person running it: lines out, yes/no questions, waiting, and
/// Ctrl-C. Injected so tests capture output, answer questions and never sleep.
public struct DeployIO: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Asks a yes/no question; nil when there is no terminal to ask on (CI, a pipe).
    public var ask: @Sendable (String) -> Bool?
    /// Waits between polls of CloudFormation.
    public var sleep: @Sendable (Double) async throws -> Void
    /// Raised by Ctrl-C: watchers stop and report; nothing is cancelled.
    public var stop: StopSignal
    /// Seconds between polls: change-set creation, stack events.
    public var pollInterval: Double
    /// The clock stall warnings are measured with; tests advance their own from `sleep`.
    public var now: @Sendable () -> Date
    /// Seconds a stack may stay in progress without a new event before the watcher warns (once per stall).
    public var stallWarningAfter: Double

    public static let defaultStallWarning: Double = 300

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                ask: @escaping @Sendable (String) -> Bool?,
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) },
                stop: StopSignal = StopSignal(), pollInterval: Double = 2,
                now: @escaping @Sendable () -> Date = { Date() }, stallWarningAfter: Double = DeployIO.defaultStallWarning) {
        self.out = out
        self.err = err
        self.ask = ask
        self.sleep = sleep
        self.stop = stop
        self.pollInterval = pollInterval
        self.now = now
        self.stallWarningAfter = stallWarningAfter
    }
}

/// A flag set once (by SIGINT) and read by every watcher.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    public init() {}

    public var isRaised: Bool { lock.lock(); defer { lock.unlock() }; return raised }

    public func raise() { lock.lock(); raised = true; lock.unlock() }
}
