import Foundation

/// Seconds that pass only when a test says so (from a sleep hook, say): for code that reads a clock.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double = 0

    public init() {}

    public var now: Double { lock.lock(); defer { lock.unlock() }; return seconds }

    public func advance(_ by: Double) { lock.lock(); seconds += by; lock.unlock() }
}
