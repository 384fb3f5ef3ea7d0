import Foundation
import MarketLogic
import XCTest

/// Quotes of one symbol, record n (1-based) at minute n.
func series(_ prices: [Decimal], symbol: String = "AAPL") -> [Quote] {
    prices.enumerated().map { index, price in
        Quote(symbol: symbol, timestamp: String(format: "2025-01-02T10:%02d:00.000000Z", index + 1),
              price: price, previousClose: 100, volume: 1)
    }
}

/// The crosses `crossAtNewest` finds when each record in turn is the newest, as record numbers.
func crossesRecordByRecord(_ quotes: [Quote]) -> [(record: Int, signal: TrendSignal)] {
    (1...quotes.count).compactMap { n in SMACross.crossAtNewest(Array(quotes.prefix(n))).map { (n, $0.signal) } }
}

/// Records 1–20 at 10, then 8, 8, 14, 14, 14, 6, 6, 6, 6, 10 (records 21–30).
/// d = SMA-5 − SMA-20 per record (window = last 20 records):
///  20: sma5 10,   sma20 200/20 = 10             d =  0
///  21: sma5 (10+10+10+10+8)/5 = 48/5 = 9.6, sma20 (19·10+8)/20 = 198/20 = 9.9   d = −0.3
///  22: sma5 (10+10+10+8+8)/5 = 46/5 = 9.2,  sma20 (18·10+16)/20 = 196/20 = 9.8  d = −0.6
///  23: sma5 (10+10+8+8+14)/5 = 50/5 = 10,   sma20 (17·10+30)/20 = 200/20 = 10   d =  0   (touch)
///  24: sma5 (10+8+8+14+14)/5 = 54/5 = 10.8, sma20 (16·10+44)/20 = 204/20 = 10.2 d = +0.6 → BUY (last non-zero −0.6)
///  25: sma5 (8+8+14+14+14)/5 = 58/5 = 11.6, sma20 (15·10+58)/20 = 208/20 = 10.4 d = +1.2
///  26: sma5 (8+14+14+14+6)/5 = 56/5 = 11.2, sma20 (14·10+64)/20 = 204/20 = 10.2 d = +1.0
///  27: sma5 (14+14+14+6+6)/5 = 54/5 = 10.8, sma20 (13·10+70)/20 = 200/20 = 10   d = +0.8
///  28: sma5 (14+14+6+6+6)/5 = 46/5 = 9.2,   sma20 (12·10+76)/20 = 196/20 = 9.8  d = −0.6 → SELL
///  29: sma5 (14+6+6+6+6)/5 = 38/5 = 7.6,    sma20 (11·10+82)/20 = 192/20 = 9.6  d = −2.0
///  30: sma5 (6+6+6+6+10)/5 = 34/5 = 6.8,    sma20 (10·10+92)/20 = 192/20 = 9.6  d = −2.8
let buyThenSell: [Decimal] = Array(repeating: 10, count: 20) + [8, 8, 14, 14, 14, 6, 6, 6, 6, 10]

final class SMACrossTests: XCTestCase {
    func testHandComputedAverages() throws {
        let prices = buyThenSell
        XCTAssertNil(SMACross.averages(prices, endingAt: 18), "record 19: fewer than 20 records")
        let checks: [(record: Int, sma5: String, sma20: String)] = [
            (20, "10", "10"), (21, "9.6", "9.9"), (22, "9.2", "9.8"), (23, "10", "10"), (24, "10.8", "10.2"),
            (25, "11.6", "10.4"), (26, "11.2", "10.2"), (27, "10.8", "10"), (28, "9.2", "9.8"), (29, "7.6", "9.6"),
            (30, "6.8", "9.6"),
        ]
        for check in checks {
            let averages = try XCTUnwrap(SMACross.averages(prices, endingAt: check.record - 1))
            XCTAssertEqual(averages.sma5, dec(check.sma5), "SMA-5 at record \(check.record)")
            XCTAssertEqual(averages.sma20, dec(check.sma20), "SMA-20 at record \(check.record)")
        }
    }

    func testExactlyOneBuyThenOneSell() {
        let crosses = crossesRecordByRecord(series(buyThenSell))
        XCTAssertEqual(crosses.map(\.record), [24, 28])
        XCTAssertEqual(crosses.map(\.signal), [.buy, .sell])
    }

    func testCrossCarriesItsRecordAndAverages() throws {
        let cross = try XCTUnwrap(SMACross.crossAtNewest(series(Array(buyThenSell.prefix(24)))))
        XCTAssertEqual(cross, CrossSignal(
            signal: .buy, symbol: "AAPL", timestamp: "2025-01-02T10:24:00.000000Z", price: 14,
            sma5: dec("10.8"), sma20: dec("10.2"),
            previousSMA5: dec("9.2"), previousSMA20: dec("9.8")),  // record 22: record 23 was a touch
            "the previous averages are those of the last window that was not a touch")
    }

    func testInputOrderDoesNotMatter() {
        let quotes = series(Array(buyThenSell.prefix(28)))
        XCTAssertEqual(SMACross.crossAtNewest(quotes.reversed())?.signal, .sell)
    }

    /// Records 1–20 at 10, then 12, 8, and 12 or 8:
    ///  21: sma5 (4·10+12)/5 = 52/5 = 10.4, sma20 (19·10+12)/20 = 202/20 = 10.1  d = +0.3
    ///  22: sma5 (3·10+12+8)/5 = 50/5 = 10, sma20 (18·10+12+8)/20 = 200/20 = 10  d = 0 (touch)
    ///  23 = 12: sma5 (10+10+12+8+12)/5 = 52/5 = 10.4, sma20 (17·10+32)/20 = 202/20 = 10.1  d = +0.3: + 0 +, no cross
    ///  23 = 8:  sma5 (10+10+12+8+8)/5 = 48/5 = 9.6,   sma20 (17·10+28)/20 = 198/20 = 9.9   d = −0.3: + 0 −, SELL at 23
    func testTouchIsNotACrossUntilTheSignChanges() throws {
        let flat = Array(repeating: Decimal(10), count: 20)
        let touchAndBack = series(flat + [12, 8, 12])
        XCTAssertTrue(crossesRecordByRecord(touchAndBack).isEmpty, "+ 0 + is a touch, not a cross")
        let avg22 = try XCTUnwrap(SMACross.averages(flat + [12, 8], endingAt: 21))
        XCTAssertEqual(avg22.sma5, avg22.sma20, "record 22 is an exact touch")

        let touchAndThrough = series(flat + [12, 8, 8])
        let crosses = crossesRecordByRecord(touchAndThrough)
        XCTAssertEqual(crosses.map(\.record), [23], "the cross belongs to the record where the sign changes")
        XCTAssertEqual(crosses.map(\.signal), [.sell])
    }

    func testFlatSeriesNeverCrosses() {
        // In Double, means of 100.1 wobble in the last bit; in Decimal they are equal.
        XCTAssertTrue(crossesRecordByRecord(series(Array(repeating: dec("100.1"), count: 40))).isEmpty)
    }

    /// Records 1–15 at 10, 16–20 at 8, 21 at 30:
    ///  20: sma5 40/5 = 8, sma20 (150+40)/20 = 9.5            d = −1.5
    ///  21: sma5 (4·8+30)/5 = 62/5 = 12.4, sma20 (14·10+5·8+30)/20 = 210/20 = 10.5   d = +1.9 → BUY
    func testNeedsTwentyOneRecords() {
        let prices: [Decimal] = Array(repeating: 10, count: 15) + Array(repeating: 8, count: 5) + [30]
        XCTAssertEqual(SMACross.crossAtNewest(series(prices))?.signal, .buy, "21 records: previous and current SMA-20")
        XCTAssertNil(SMACross.crossAtNewest(series(Array(prices.dropFirst()))), "20 records: one window, no previous")
        XCTAssertNil(SMACross.crossAtNewest(series(Array(prices.prefix(19)))), "19 records: no SMA-20 at all")
        XCTAssertNil(SMACross.crossAtNewest([]))
    }

    func testFirstDepartureFromAFlatHistoryIsNotACross() {
        // Record 21 of buyThenSell: d goes 0 → −0.3 with nothing non-zero before: no signal.
        XCTAssertNil(SMACross.crossAtNewest(series(Array(buyThenSell.prefix(21)))))
    }

    func testGapsInTimestampsDoNotMatter() {
        // Same prices, records days apart with irregular gaps: same crosses.
        let spaced = buyThenSell.enumerated().map { index, price in
            Quote(symbol: "AAPL", timestamp: String(format: "2025-%02d-%02dT15:59:00.000000Z", 1 + index / 28, 1 + index % 28),
                  price: price, previousClose: 100, volume: 1)
        }
        XCTAssertEqual(crossesRecordByRecord(spaced).map(\.record), [24, 28])
    }

    func testAlertText() throws {
        let cross = try XCTUnwrap(SMACross.crossAtNewest(series(Array(buyThenSell.prefix(28)))))
        XCTAssertEqual(TrendAlert.subject(cross), "SELL signal: AAPL SMA-5 crossed below SMA-20")
        XCTAssertEqual(TrendAlert.message(cross), """
            SELL signal for AAPL
            SMA-5 crossed below SMA-20 at the tick of 2025-01-02T10:28:00.000000Z.
            Price: 6
            SMA-5: 9.2
            SMA-20: 9.8
            Before the cross: SMA-5 10.8, SMA-20 10
            """)
    }
}
