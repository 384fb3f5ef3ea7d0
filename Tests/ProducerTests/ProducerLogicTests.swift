import Foundation
import MarketLogic
import ProducerLogic
import TickLogic
import XCTest

final class ProducerLogicTests: XCTestCase {
    let date = Date(timeIntervalSince1970: 1_735_828_205.125)

    func testSeededGeneratorIsStableAndSeedDependent() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        XCTAssertEqual(first, (0..<5).map { _ in b.next() })
        XCTAssertNotEqual(first, (0..<5).map { _ in c.next() })
        // SplitMix64's published first output for seed 0 (the reference C implementation).
        var zero = SeededGenerator(seed: 0)
        XCTAssertEqual(zero.next(), 0xE220_A839_7B1D_CDAF)
        var unit = SeededGenerator(seed: 7)
        for _ in 0..<1000 {
            let u = unit.unit()
            XCTAssertTrue(u >= 0 && u < 1)
            let i = unit.integer(3...5)
            XCTAssertTrue((3...5).contains(i))
        }
    }

    func testRandomWalkReplaysBySeedAndEveryTickIsWhatProcessingAccepts() throws {
        var one = RandomWalk(symbol: "AAPL", seed: 7, start: 190)
        var two = RandomWalk(symbol: "AAPL", seed: 7, start: 190)
        var other = RandomWalk(symbol: "AAPL", seed: 8, start: 190)
        let ticks = (0..<200).map { _ in one.next(at: date) }
        XCTAssertEqual(ticks, (0..<200).map { _ in two.next(at: date) })
        XCTAssertNotEqual(ticks.map(\.price), (0..<200).map { _ in other.next(at: date).price })

        var previous = 190.0
        for tick in ticks {
            XCTAssertLessThanOrEqual(abs(tick.price - previous), previous * 0.01 + 0.01, "a step moves at most 1%")
            XCTAssertEqual(tick.price, (tick.price * 100).rounded() / 100, "cents")
            XCTAssertTrue(tick.low <= tick.price && tick.price <= tick.high)
            XCTAssertEqual(tick.open, 190)
            XCTAssertEqual(tick.previousClose, 190)
            previous = tick.price
            let quote = try TickRecord.parse(tick.json())
            XCTAssertEqual(quote.symbol, "AAPL")
            XCTAssertEqual(quote.price, Decimal(string: String(tick.price)))
            XCTAssertEqual(quote.volume, tick.volume)
            XCTAssertEqual(quote.timestamp, "2025-01-02T14:30:05.125000Z")
        }
        let fields = try XCTUnwrap(JSONSerialization.jsonObject(with: ticks[0].json()) as? [String: Any])
        XCTAssertEqual(Set(fields.keys), ["symbol", "open", "high", "low", "price", "previous_close", "volume", "timestamp"])
    }

    func testCSVRowsAndProblemsByLine() throws {
        let rows = try TickCSV.parse("""
            timestamp,symbol,close,previous_close,volume,open
            2025-01-02T14:30:05Z,aapl,189.5,187.2,51234,188.1

            ,MSFT,420.1,410,300,419
            """)
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[0].tick, MarketTick(symbol: "AAPL", open: 188.1, high: 189.5, low: 189.5, price: 189.5, previousClose: 187.2,
                                                volume: 51234, timestamp: "2025-01-02T14:30:05Z"))
        XCTAssertTrue(rows[0].hasTimestamp)
        XCTAssertFalse(rows[1].hasTimestamp, "an empty timestamp is stamped at send time")
        XCTAssertEqual(try TickRecord.parse(rows[0].tick.json()).price, Decimal(string: "189.5"))

        let problems: [(String, String)] = [
            ("", "line 1: the file is empty"),
            ("symbol,price,volume\nAAPL,1,2", "line 1: the header needs symbol, price (or close), previous_close and volume"),
            ("symbol,price,previous_close,volume\nAAPL,1,1", "line 2: 3 fields, the header has 4"),
            ("symbol,price,previous_close,volume\nAAPL,1,1,1\nAAPL,-3,1,1", "line 3: price must be a number > 0: \"-3\""),
            ("symbol,price,previous_close,volume\nAAPL,1,1,1.5", "line 2: volume must be a whole number >= 0: \"1.5\""),
            ("symbol,price,previous_close,volume\n,1,1,1", "line 2: symbol is empty"),
            ("symbol,price,previous_close,volume\n", "line 1: no rows after the header"),
        ]
        for (text, expected) in problems {
            XCTAssertThrowsError(try TickCSV.parse(text), text) { XCTAssertTrue("\($0)".hasPrefix(expected), "\($0) ≠ \(expected)") }
        }
    }

    func testSimulatedTicksAreSeededAndWhatTheProcessorAccepts() throws {
        var one = SimulatedTicks(seed: 3), two = SimulatedTicks(seed: 3)
        let ticks = (0..<300).map { _ in one.next(at: date) }
        XCTAssertEqual(ticks, (0..<300).map { _ in two.next(at: date) })
        XCTAssertEqual(Set(ticks.map(\.symbol)), ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"])
        XCTAssertTrue(ticks.allSatisfy { (100...1500).contains($0.price) && (100...20_000).contains($0.volume) })
        XCTAssertTrue(ticks.contains { $0.price >= 1200 } && ticks.contains { $0.price < 1200 }, "both sides of the threshold")
        for tick in ticks {
            let message = try TickMessage.parse(tick.json())
            XCTAssertEqual(message.symbol, tick.symbol)
            XCTAssertEqual(message.price, Decimal(string: String(tick.price)))
            XCTAssertEqual(message.volume, tick.volume)
            XCTAssertEqual(message.timestamp, "2025-01-02T14:30:05.125Z")
        }
        var single = SimulatedTicks(seed: 1, symbols: ["IBM"])
        XCTAssertEqual(single.next(at: date).symbol, "IBM")
    }

    // MARK: cadence

    /// A fake clock that sends advance by `sendTime` and sleeps by what was asked.
    final class FakeClock: @unchecked Sendable {
        var now = 1000.0
        var sleeps: [Double] = []
        var sendTimes: [Double] = []
    }

    func testCadenceKeepsAFixedRateAndStopsAtCount() async throws {
        let clock = FakeClock()
        let durations = [2.0, 5.0, 45.0, 1.0, 0.5]
        let sent = try await Cadence(interval: 30, count: 5).run(
            now: { clock.now },
            sleep: { clock.sleeps.append($0); clock.now += $0 },
            send: { i in clock.sendTimes.append(clock.now); clock.now += durations[i] })
        XCTAssertEqual(sent, 5)
        // Due at 0, 30, 60, 90, 120 after the start; the third send took 45 s, so the fourth follows at once
        // (105 s, no sleep) and the fifth is back on the grid.
        XCTAssertEqual(clock.sendTimes.map { $0 - 1000 }, [0, 30, 60, 105, 120])
        XCTAssertEqual(clock.sleeps, [28, 25, 14], "no sleep after the slow send nor after the last")
    }

    func testCadenceWithoutCountRunsUntilSendFails() async throws {
        struct Stop: Error {}
        let clock = FakeClock()
        do {
            try await Cadence(interval: 1).run(now: { clock.now }, sleep: { clock.now += $0; clock.sleeps.append($0) },
                                               send: { i in if i == 7 { throw Stop() } })
            XCTFail("the loop ended by itself")
        } catch is Stop {}
        XCTAssertEqual(clock.sleeps.count, 7)
    }
}
