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

    func testTrimmingWhitespaceMatchesFoundation() {
        let cases = ["", " ", "\t", "a", "  a  ", "\ta b\t", "\u{00A0}x\u{2003}", " \n a \n ", "x\r", "  multi  word  "]
        for text in cases {
            XCTAssertEqual(TextBasics.trimmingWhitespace(text), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
    }
}
