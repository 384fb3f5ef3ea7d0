import Foundation

/// A seeded random walk of one symbol's price, as the market producer sends it when no CSV is given: each
/// step moves the price by up to ±`step` (a fraction), never below a cent. The session's open and previous
/// close are the start price; high and low follow the walk. The same seed gives the same ticks.
public struct RandomWalk: Sendable {
    public let symbol: String
    public let start: Double
    public let step: Double
    private var generator: SeededGenerator
    private var price: Double
    private var high: Double
    private var low: Double

    public init(symbol: String = "AAPL", seed: UInt64, start: Double = 190, step: Double = 0.01) {
        self.symbol = symbol
        self.start = cents(start)
        self.step = step
        generator = SeededGenerator(seed: seed)
        price = cents(start)
        high = price
        low = price
    }

    /// The next tick, stamped `date`.
    public mutating func next(at date: Date) -> MarketTick {
        price = max(0.01, cents(price * (1 + generator.uniform(-step...step))))
        high = max(high, price)
        low = min(low, price)
        return MarketTick(symbol: symbol, open: start, high: high, low: low, price: price, previousClose: start,
                          volume: generator.integer(1_000...100_000), timestamp: ProducerTime.iso(date))
    }
}
