import CommandLineArguments
import Foundation
import ProducerLogic

/// The options both producers share: how long to run and what to seed the simulation with.
public struct RunOptions: Sendable {
    public static let parameters: [CommandParameter] = [
        .option("seed", help: "Seed of the simulation (default: from the clock, printed so the run can be replayed)."),
        .option("count", help: "Stop after this many ticks (default: never; with --csv, the file's rows)."),
    ]

    public var seed: UInt64?
    public var count: Int?

    public init(seed: UInt64? = nil, count: Int? = nil) {
        self.seed = seed
        self.count = count
    }

    public init(_ parsed: ParsedArguments) throws(UsageError) {
        seed = try parsed.uint64("seed")
        count = try parsed.int("count")
        if let count, count < 1 { throw parsed.usageError("--count must be >= 1") }
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
