import ArgumentParser
import Foundation
import ProducerLogic

/// The options both producers share: how long to run and what to seed the simulation with.
public struct RunOptions: ParsableArguments {
    @Option(help: "Seed of the simulation (default: from the clock, printed so the run can be replayed).")
    public var seed: UInt64?

    @Option(help: "Stop after this many ticks (default: never; with --csv, the file's rows).")
    public var count: Int?

    public init() {}

    public func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be >= 1") }
    }

    public var resolvedSeed: UInt64 { seed ?? UInt64(Date().timeIntervalSince1970 * 1000) }
}

extension Cadence {
    /// The loop on the wall clock.
    public func runInRealTime(_ send: (Int) async throws -> Void) async throws {
        try await run(now: { Date().timeIntervalSince1970 },
                      sleep: { try await Task.sleep(nanoseconds: UInt64($0 * 1_000_000_000)) },
                      send: send)
    }
}
