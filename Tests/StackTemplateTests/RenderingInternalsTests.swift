import XCTest
@testable import StackTemplate

/// The word-at-a-time and raw-memory pieces of the renderers, checked against the obvious versions.
final class RenderingInternalsTests: XCTestCase {
    func testEscapeDetectionAgreesWithAByteLoop() {
        var generator = SystemRandomNumberGenerator()
        // Every length around the 8-byte word boundary, each special byte at each position, and
        // random bytes (non-ASCII included) for everything else.
        let specials: [UInt8] = [0x00, 0x08, 0x0A, 0x1F, 0x22, 0x5C]
        let harmless: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for length in 0...25 {
            var base = (0..<length).map { _ in harmless.randomElement(using: &generator)! }
            XCTAssertFalse(needed(base), "\(base)")
            for position in 0..<length {
                for special in specials {
                    let saved = base[position]
                    base[position] = special
                    XCTAssertTrue(needed(base), "byte \(special) at \(position) of \(length)")
                    base[position] = saved
                }
            }
        }
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
            XCTAssertEqual(needed(bytes), expected, "\(bytes)")
        }
    }

    func testOutputBufferGrowsAndKeepsEverything() {
        var buffer = OutputBuffer(capacity: 1)
        var expected: [UInt8] = []
        for i in 0..<5000 {
            switch i % 5 {
            case 0: buffer.append(UInt8(i % 256)); expected.append(UInt8(i % 256))
            case 1: buffer.append("key" as StaticString); expected += Array("key".utf8)
            case 2: buffer.appendSpaces(i % 7); expected += Array(repeating: 0x20, count: i % 7)
            case 3: buffer.append(-i); expected += Array(String(-i).utf8)
            default: buffer.append("naïve \(i)"); expected += Array("naïve \(i)".utf8)
            }
        }
        XCTAssertEqual(buffer.count, expected.count)
        XCTAssertEqual(buffer.bytes, expected)
        XCTAssertEqual(buffer.string, String(decoding: expected, as: UTF8.self))
    }

    private func needed(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { JSONEscaping.needed($0) }
    }
}
