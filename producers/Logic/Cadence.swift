import Foundation

/// Sends at a fixed rate: tick `i` is due at `start + i × interval`, so a slow send shortens the next
/// wait instead of pushing every later tick back; a send longer than the interval is followed at once
/// (no burst to catch up). Stops after `count` sends, or never. The clock and the sleep are injected, so
/// tests run the loop without waiting.
public struct Cadence: Sendable {
    public var interval: Double
    public var count: Int?

    public init(interval: Double, count: Int? = nil) {
        self.interval = interval
        self.count = count
    }

    /// Runs `send(i)` for i = 0, 1, …; returns how many were sent. An error from `send` or `sleep` ends the run.
    @discardableResult
    public func run(
        now: () -> Double,
        sleep: (Double) async throws -> Void,
        send: (Int) async throws -> Void
    ) async throws -> Int {
        let start = now()
        var sent = 0
        while count.map({ sent < $0 }) ?? true {
            try await send(sent)
            sent += 1
            if let count, sent >= count { break }
            let wait = start + Double(sent) * interval - now()
            if wait > 0 { try await sleep(wait) }
        }
        return sent
    }
}
