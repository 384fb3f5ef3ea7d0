import Foundation

/// Simulated ticks for the tick-alerts queue (seed 003's producer): a symbol from a fixed list, a price and
/// a volume drawn from ranges wide enough that some ticks reach the alert threshold.
/// `{"price":1250.5,"symbol":"AAPL","timestamp":"…","volume":12000}`.
public struct SimulatedTicks: Sendable {
    public struct Tick: Sendable, Equatable, Encodable {
        public var symbol: String
        public var price: Double
        public var volume: Int
        public var timestamp: String

        /// The message body: sorted keys, so the same tick is always the same text.
        public func json() -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        }
    }

    public let symbols: [String]
    public let prices: ClosedRange<Double>
    public let volumes: ClosedRange<Int>
    private var generator: SeededGenerator

    public init(seed: UInt64, symbols: [String] = ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"],
                prices: ClosedRange<Double> = 100...1500, volumes: ClosedRange<Int> = 100...20_000) {
        self.symbols = symbols.isEmpty ? ["AAPL"] : symbols
        self.prices = prices
        self.volumes = volumes
        generator = SeededGenerator(seed: seed)
    }

    public mutating func next(at date: Date) -> Tick {
        let symbol = symbols[generator.integer(0...(symbols.count - 1))]
        return Tick(symbol: symbol, price: cents(generator.uniform(prices)), volume: generator.integer(volumes),
                    timestamp: ProducerTime.iso(date))
    }
}
