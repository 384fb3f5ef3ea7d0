import Foundation
import StackDeploy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What deploy, destroy and bootstrap need from the process: questions, waiting, Ctrl-C, tokens.
/// The defaults are the real terminal and clock; tests replace them.
public struct DeployHooks: Sendable {
    /// Asks yes/no on the terminal; nil when stdin is not a terminal.
    public var ask: @Sendable (String) -> Bool? = DeployHooks.terminalQuestion
    public var sleep: @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }
    /// nil: the command installs a SIGINT handler of its own. Tests pass a signal they raise themselves.
    public var stop: StopSignal?
    public var pollInterval: Double = 2
    /// The clock and threshold of the "no new event" warning while a stack is in progress.
    public var now: @Sendable () -> Date = { Date() }
    public var stallWarningAfter: Double = DeployIO.defaultStallWarning
    public var makeToken: @Sendable () -> String = { UUID().uuidString.lowercased() }

    public init() {}

    static func terminalQuestion(_ question: String) -> Bool? {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        FileHandle.standardError.write(Data(question.utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    func io(_ context: CLIContext, stop: StopSignal) -> DeployIO {
        DeployIO(out: context.stdout, err: context.stderr, ask: ask, sleep: sleep, stop: stop, pollInterval: pollInterval,
                 now: now, stallWarningAfter: stallWarningAfter)
    }
}

/// Ctrl-C while deploying: the first stops the watchers (they report and exit), the second quits.
/// Nothing in AWS is cancelled either way.
///
/// A plain signal handler (a DispatchSource would need SIGINT blocked in every thread on Linux) only
/// counts, which is async-signal-safe; a timer turns the count into the StopSignal and the message.
final class InterruptHandler: @unchecked Sendable {
    let stop = StopSignal()
    private var timer: (any DispatchSourceTimer)?

    nonisolated(unsafe) static var count: Int32 = 0

    static func install(stderr: @escaping @Sendable (String) -> Void) -> InterruptHandler {
        let handler = InterruptHandler()
        count = 0
        // A parent may have started us with SIGINT blocked; a blocked signal never reaches the handler.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        signal(SIGINT) { _ in
            InterruptHandler.count += 1
            if InterruptHandler.count > 1 { _exit(130) }
        }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        let stop = handler.stop
        timer.schedule(deadline: .now(), repeating: .milliseconds(100))
        timer.setEventHandler {
            guard InterruptHandler.count > 0, !stop.isRaised else { return }
            stop.raise()
            stderr("\ninterrupted: stopping the watch after the current poll (nothing is cancelled; Ctrl-C again to quit now)")
        }
        timer.resume()
        handler.timer = timer
        return handler
    }

    func uninstall() {
        timer?.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
