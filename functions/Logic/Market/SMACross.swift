#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

public enum TrendSignal: String, Sendable, Equatable {
    /// SMA-5 crossed above SMA-20.
    case buy = "BUY"
    /// SMA-5 crossed below SMA-20.
    case sell = "SELL"
}

/// A cross, identified by the record where it happened (symbol + timestamp).
public struct CrossSignal: Sendable, Equatable {
    public let signal: TrendSignal
    public let symbol: String
    public let timestamp: String
    public let price: Decimal
    public let sma5: Decimal
    public let sma20: Decimal
    /// The averages of the last window before this one whose SMA-5 and SMA-20 differed.
    public let previousSMA5: Decimal
    public let previousSMA20: Decimal

    public init(signal: TrendSignal, symbol: String, timestamp: String, price: Decimal, sma5: Decimal, sma20: Decimal,
                previousSMA5: Decimal, previousSMA20: Decimal) {
        self.signal = signal
        self.symbol = symbol
        self.timestamp = timestamp
        self.price = price
        self.sma5 = sma5
        self.sma20 = sma20
        self.previousSMA5 = previousSMA5
        self.previousSMA20 = previousSMA20
    }
}

/// SMA-5 / SMA-20 cross detection over quotes of one symbol.
///
/// Windows: the window ending at record i is its last 20 records; SMA-20 is their mean, SMA-5
/// the mean of its last 5. Let d(i) = SMA-5(i) − SMA-20(i), defined from the 20th record on.
/// A cross happens at record t (the newest one given) when d(t) ≠ 0 and the latest earlier
/// window with d ≠ 0 had the opposite sign: BUY when d(t) > 0, SELL when d(t) < 0.
/// So a touch (d = 0) is never a cross by itself; − 0 + is one BUY at the `+` record,
/// + 0 + is nothing. With no earlier non-zero d in the history given (fewer than 21 records, or
/// only touches since the 20th) there is no signal.
///
/// Only records count, not time: gaps between timestamps (nights, weekends, a stalled producer)
/// do not matter, as in the seed's pipeline.
///
/// Arithmetic is Decimal: prices have few decimals and dividing by 5 or 20 terminates, so the
/// averages are exact and a flat series gives d = 0 exactly (Double would see spurious crosses
/// in rounding noise).
public enum SMACross {
    public static let shortPeriod = 5
    public static let longPeriod = 20

    /// Records market-analysis reads per check: the current window and 10 earlier ones, so that a
    /// cross after up to 9 consecutive touches is still seen.
    public static let historyLength = longPeriod + 10

    /// (SMA-5, SMA-20) of the window ending at `end` (inclusive), nil before the 20th record.
    public static func averages(_ prices: [Decimal], endingAt end: Int) -> (sma5: Decimal, sma20: Decimal)? {
        guard end >= longPeriod - 1, end < prices.count else { return nil }
        let long = prices[(end - longPeriod + 1)...end]
        let short = prices[(end - shortPeriod + 1)...end]
        return (mean(short), mean(long))
    }

    /// The cross at the newest of `quotes`, if any. `quotes` are of one symbol; order does not
    /// matter (they are sorted by timestamp here).
    public static func crossAtNewest(_ quotes: [Quote]) -> CrossSignal? {
        let sorted = quotes.sorted { $0.timestamp < $1.timestamp }
        let prices = sorted.map(\.price)
        let newest = prices.count - 1
        guard let current = averages(prices, endingAt: newest) else { return nil }
        let d = current.sma5 - current.sma20
        guard d != 0 else { return nil }
        for earlier in stride(from: newest - 1, through: longPeriod - 1, by: -1) {
            guard let previous = averages(prices, endingAt: earlier) else { break }
            let e = previous.sma5 - previous.sma20
            if e == 0 { continue }
            guard (d > 0) != (e > 0) else { return nil }
            let last = sorted[newest]
            return CrossSignal(signal: d > 0 ? .buy : .sell, symbol: last.symbol, timestamp: last.timestamp,
                               price: last.price, sma5: current.sma5, sma20: current.sma20,
                               previousSMA5: previous.sma5, previousSMA20: previous.sma20)
        }
        return nil
    }

    private static func mean(_ values: ArraySlice<Decimal>) -> Decimal {
        values.reduce(Decimal(0), +) / Decimal(values.count)
    }
}
