import Foundation
import LambdaEvents
import MarketLogic
import XCTest

final class TickTimestampTests: XCTestCase {
    func testNormalizesToFixedWidthUTC() {
        let cases: [(String, String)] = [
            // Python's datetime.utcnow().isoformat(): no offset, taken as UTC.
            ("2025-01-02T14:30:05.123456", "2025-01-02T14:30:05.123456Z"),
            // isoformat() drops the fraction when it is zero.
            ("2025-01-02T14:30:05", "2025-01-02T14:30:05.000000Z"),
            ("2025-01-02T14:30:05Z", "2025-01-02T14:30:05.000000Z"),
            ("2025-01-02T14:30:05.5Z", "2025-01-02T14:30:05.500000Z"),
            // 14:30 at +02:00 is 12:30 UTC.
            ("2025-01-02T14:30:05+02:00", "2025-01-02T12:30:05.000000Z"),
            // 22:00 at -05:00 is 03:00 UTC the next day, across a year end.
            ("2024-12-31T22:00:00.25-0500", "2025-01-01T03:00:00.250000Z"),
            // Nanoseconds are truncated to microseconds.
            ("2025-01-02T14:30:05.123456789Z", "2025-01-02T14:30:05.123456Z"),
            ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000000Z"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(TickTimestamp.normalize(input), expected, input)
        }
    }

    func testRejectsWhatIsNotISO8601() {
        for bad in ["", "2025-01-02", "2025-01-02 14:30:05", "2025-01-02T14:30", "2025-02-30T00:00:00Z",
                    "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-02T24:00:00Z", "2025-01-02T14:60:00Z",
                    "2025-01-02T14:30:05.Z", "2025-01-02T14:30:05.1234567890Z", "2025-01-02T14:30:05+2:00",
                    "2025-01-02T14:30:05 UTC", "1735828205", "2025-01-02T14:30:05Zjunk"] {
            XCTAssertNil(TickTimestamp.normalize(bad), bad)
        }
    }

    func testNormalizedStringsSortInTimeOrder() {
        // Lexicographic order of the raw inputs would put "…05Z" after "…05.5"; normalized it is right.
        let inputs = ["2025-01-02T14:30:05.5", "2025-01-02T14:30:05Z", "2025-01-02T16:30:04+02:00"]
        let normalized = inputs.compactMap(TickTimestamp.normalize)
        XCTAssertEqual(normalized.sorted(), [
            "2025-01-02T14:30:04.000000Z", "2025-01-02T14:30:05.000000Z", "2025-01-02T14:30:05.500000Z",
        ])
    }
}

final class TickRecordTests: XCTestCase {
    let valid = #"{"symbol":"AAPL","price":189.5,"previous_close":187.2,"volume":51234,"timestamp":"2025-01-02T14:30:05.123456","open":188.1}"#

    func testParsesAValidTick() throws {
        let quote = try TickRecord.parse(Data(valid.utf8))
        XCTAssertEqual(quote, Quote(symbol: "AAPL", timestamp: "2025-01-02T14:30:05.123456Z", price: dec("189.5"),
                                    previousClose: dec("187.2"), volume: 51234))
    }

    func testNumbersMayBeNumericStrings() throws {
        let quote = try TickRecord.parse(Data(
            #"{"symbol":"BRK.B","price":"412.07","previous_close":"410","volume":"1200","timestamp":"2025-01-02T14:30:05Z"}"#.utf8))
        XCTAssertEqual(quote.symbol, "BRK.B")
        XCTAssertEqual(quote.price, dec("412.07"))
        XCTAssertEqual(quote.previousClose, 410)
        XCTAssertEqual(quote.volume, 1200)
    }

    func testRejections() {
        func tick(_ fields: String) -> Data {
            Data("{\(fields)}".utf8)
        }
        let ok = #""previous_close":187.2,"volume":10,"timestamp":"2025-01-02T14:30:05Z""#
        let cases: [(String, TickRejection)] = [
            (#""symbol":"aapl","price":1,\#(ok)"#, .invalidSymbol("aapl")),
            (#""symbol":"","price":1,\#(ok)"#, .invalidSymbol("")),
            (#""symbol":"TOOLONGSYMB","price":1,\#(ok)"#, .invalidSymbol("TOOLONGSYMB")),
            (#""symbol":"AA/PL","price":1,\#(ok)"#, .invalidSymbol("AA/PL")),
            (#""symbol":"AAPL","price":0,\#(ok)"#, .invalidPrice("0")),
            (#""symbol":"AAPL","price":-3.5,\#(ok)"#, .invalidPrice("-3.5")),
            (#""symbol":"AAPL","price":1,"previous_close":0,"volume":10,"timestamp":"2025-01-02T14:30:05Z""#, .invalidPreviousClose("0")),
            (#""symbol":"AAPL","price":1,"previous_close":2,"volume":-1,"timestamp":"2025-01-02T14:30:05Z""#, .invalidVolume("-1")),
            (#""symbol":"AAPL","price":1,"previous_close":2,"volume":1.5,"timestamp":"2025-01-02T14:30:05Z""#, .invalidVolume("1.5")),
            (#""symbol":"AAPL","price":1,"previous_close":2,"volume":0,"timestamp":"yesterday""#, .invalidTimestamp("yesterday")),
            (#""symbol":"AAPL","price":1,"previous_close":2,"volume":0"#, .malformed("missing field timestamp")),
        ]
        for (fields, expected) in cases {
            XCTAssertThrowsError(try TickRecord.parse(tick(fields)), fields) { XCTAssertEqual($0 as? TickRejection, expected, fields) }
        }
        for junk in ["", "not json", "[1,2]", #"{"symbol":"AAPL","price":"12abc","previous_close":1,"volume":0,"timestamp":"2025-01-02T14:30:05Z"}"#] {
            XCTAssertThrowsError(try TickRecord.parse(Data(junk.utf8)), junk) {
                guard case .malformed = $0 as? TickRejection else { return XCTFail("\($0)") }
            }
        }
    }

    func testZeroVolumeIsValid() throws {
        XCTAssertEqual(try TickRecord.parse(Data(
            #"{"symbol":"AAPL","price":1,"previous_close":1,"volume":0,"timestamp":"2025-01-02T14:30:05Z"}"#.utf8)).volume, 0)
    }

    func testRawKeyIsDeterministicAndPerRecord() throws {
        let quote = try TickRecord.parse(Data(valid.utf8))
        let seq = "49590338271490256608559692538361571095921575989136588898"
        XCTAssertEqual(TickRecord.rawKey(prefix: "raw-data/", quote: quote, sequenceNumber: seq),
                       "raw-data/AAPL/2025-01-02T14:30:05.123456Z-\(seq).json")
        XCTAssertEqual(TickRecord.rawKey(prefix: "raw-data", quote: quote, sequenceNumber: "1"),
                       "raw-data/AAPL/2025-01-02T14:30:05.123456Z-1.json")
    }

    func testQuoteItemCarriesDerivedChange() throws {
        let quote = try TickRecord.parse(Data(valid.utf8))
        // change = 189.5 - 187.2 = 2.3; percent = 2.3 / 187.2 * 100 = 1.22863... → 1.23
        XCTAssertEqual(quote.item, [
            "symbol": .s("AAPL"), "timestamp": .s("2025-01-02T14:30:05.123456Z"), "price": .n("189.5"),
            "previous_close": .n("187.2"), "volume": .n("51234"), "change": .n("2.3"), "change_percent": .n("1.23"),
        ])
        XCTAssertEqual(Quote(item: quote.item), quote)
        XCTAssertNil(Quote(item: ["symbol": .s("AAPL")]))
        // A fall: 95 against 100 → change -5, percent -5.
        let fall = Quote(symbol: "X", timestamp: "t", price: 95, previousClose: 100, volume: 0)
        XCTAssertEqual(fall.item["change"], .n("-5"))
        XCTAssertEqual(fall.item["change_percent"], .n("-5"))
    }
}
