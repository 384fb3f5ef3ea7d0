import Foundation
import TextBasics
import XCTest

/// TextBasics stands in for full Foundation in the functions' modules; each function is checked against the
/// Foundation API it replaces (available here: test targets link full Foundation).
final class TextBasicsTests: XCTestCase {
    func testZeroPaddedMatchesStringFormat() {
        for (value, width) in [(0, 2), (7, 2), (12, 2), (123, 2), (5, 4), (2026, 4), (12345, 4), (0, 0)] {
            XCTAssertEqual(TextBasics.zeroPadded(value, width: width), String(format: "%0\(width)d", value), "\(value) \(width)")
        }
    }

    func testHexMatchesStringFormat() {
        let bytes: [UInt8] = [0, 1, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff]
        XCTAssertEqual(TextBasics.hex(bytes), bytes.map { String(format: "%02x", $0) }.joined())
        XCTAssertEqual(TextBasics.hex(bytes, uppercase: true), bytes.map { String(format: "%02X", $0) }.joined())
        XCTAssertEqual(TextBasics.hex([UInt8]()), "")
    }

    func testPercentDecodedMatchesRemovingPercentEncoding() {
        let cases = ["", "plain", "a%20b", "%2B%2b", "caf%C3%A9", "%E2%82%AC100", "100%", "%2", "%zz", "%C3", "%FF",
                     "a+b", "%25", "%%41", "%41%", "snow%E2%98%83man/key.json"]
        for text in cases {
            XCTAssertEqual(TextBasics.percentDecoded(text), text.removingPercentEncoding, text)
        }
    }

    /// Against Foundation's Gregorian calendar in UTC (what the signer and TickTimestamp used before), every 23
    /// days from its start on 1582-10-15 (before it, Foundation's calendar is Julian; ours, like ISO 8601, stays
    /// Gregorian) to 9999, and densely around the epoch.
    func testUTCDateTimeMatchesFoundationsGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let first = -12_219_292_800, last = 253_402_300_799  // 1582-10-15T00:00:00Z, 9999-12-31T23:59:59Z
        var seconds = Array(stride(from: first, through: last, by: 23 * 86_400 + 3_607))
        seconds += Array(-20_000...20_000).map { $0 * 4_391 } + [first, last, 951_782_400, 951_868_799, 4_107_542_400]
        for epoch in seconds {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: TimeInterval(epoch)))
            let expected = UTCDateTime(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!, second: c.second!)
            let ours = UTCDateTime(epochSeconds: epoch)
            guard ours == expected, expected.epochSeconds == epoch else {
                return XCTFail("\(epoch): ours \(ours), Foundation \(expected), back \(String(describing: expected.epochSeconds))")
            }
        }
        XCTAssertNil(UTCDateTime(year: 2025, month: 2, day: 29).epochSeconds)
        XCTAssertNil(UTCDateTime(year: 2025, month: 4, day: 31).epochSeconds)
        XCTAssertNil(UTCDateTime(year: 2025, month: 13, day: 1).epochSeconds)
        XCTAssertNil(UTCDateTime(year: 2025, month: 1, day: 1, hour: 24).epochSeconds)
        XCTAssertEqual(UTCDateTime(year: 2024, month: 2, day: 29).epochSeconds, 1_709_164_800)
    }

    func testTrimmingWhitespaceMatchesFoundation() {
        let cases = ["", " ", "\t", "a", "  a  ", "\ta b\t", "\u{00A0}x\u{2003}", " \n a \n ", "x\r", "  multi  word  "]
        for text in cases {
            XCTAssertEqual(TextBasics.trimmingWhitespace(text), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
    }
}
