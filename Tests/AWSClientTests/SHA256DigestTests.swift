@testable import AWSClient
import Crypto
import Foundation
import XCTest

/// SigV4's own SHA-256 and HMAC-SHA256 (AWSClient no longer links swift-crypto): FIPS 180-4 / RFC 4231 vectors, and
/// agreement with swift-crypto on every length across the block and padding boundaries.
final class SHA256DigestTests: XCTestCase {
    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    func testKnownVectors() {
        XCTAssertEqual(hex(SHA256Digest.hash([UInt8]())), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex(SHA256Digest.hash("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex(SHA256Digest.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(hex(SHA256Digest.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testRFC4231HMACVectors() {
        // Test case 1, 2 and 6 (a key longer than the block is hashed first).
        XCTAssertEqual(hex(SHA256Digest.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: "Hi There".utf8)),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        XCTAssertEqual(hex(SHA256Digest.hmac(key: Array("Jefe".utf8), message: "what do ya want for nothing?".utf8)),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        XCTAssertEqual(hex(SHA256Digest.hmac(key: [UInt8](repeating: 0xaa, count: 131),
                                             message: "Test Using Larger Than Block-Size Key - Hash Key First".utf8)),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testAgreesWithSwiftCryptoAcrossBlockBoundaries() {
        var generator = SystemRandomNumberGenerator()
        for length in Array(0...200) + [1_000, 4_095, 4_096, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            XCTAssertEqual(hex(SHA256Digest.hash(bytes)), hex(Array(SHA256.hash(data: bytes))), "length \(length)")
            let key = Array(bytes.prefix(length % 100))
            let mac = HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: key))
            XCTAssertEqual(hex(SHA256Digest.hmac(key: key, message: bytes)), hex(Array(mac)), "length \(length)")
        }
    }
}
