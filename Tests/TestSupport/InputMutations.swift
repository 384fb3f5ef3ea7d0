import Foundation
import ProducerLogic

/// One way of damaging an input, for the reader fuzz tests: `cases(of:count:seed:)` gives the same cases for
/// the same seed on every machine (the producers' `SeededGenerator`), so a failure names a case that can be
/// replayed. Format-specific damage (deep nesting, duplicate keys) is supplied by
/// each reader's test as `.custom`, since only it knows the syntax.
public enum InputMutation: CustomStringConvertible, Sendable {
    case truncate(at: Int)
    case flipByte(at: Int, mask: UInt8)
    case insert(bytes: [UInt8], at: Int)
    case duplicate(range: Range<Int>, at: Int)
    case delete(range: Range<Int>)
    case custom(name: String, bytes: [UInt8])

    /// Byte sequences that readers commonly mishandle.
    public static let hostileFragments: [[UInt8]] = [
        [0x00],                                   // NUL
        [0xFF, 0xFE],                             // never valid UTF-8
        [0xC3],                                   // a truncated two-byte sequence
        [0xED, 0xA0, 0x80],                       // an encoded surrogate
        [0xF4, 0x90, 0x80, 0x80],                 // beyond U+10FFFF
        Array("1\(String(repeating: "9", count: 400))e999999".utf8), // a huge number
        Array("-0.\(String(repeating: "0", count: 300))1e-99999".utf8),
        Array(String(repeating: "[", count: 2_000).utf8),
        Array(String(repeating: "{\"a\":", count: 2_000).utf8),
        Array("\"\\ud800\"".utf8),                // a lone surrogate escape
        Array("\u{FEFF}".utf8),                   // a byte-order mark
        Array("&lt;&#0;&#xFFFFFFFF;&undefined;".utf8),
        Array(String(repeating: "A", count: 70_000).utf8),
    ]

    public func apply(to input: [UInt8]) -> [UInt8] {
        switch self {
        case .truncate(let at): return Array(input.prefix(at))
        case .flipByte(let at, let mask):
            var out = input
            if out.indices.contains(at) { out[at] ^= mask }
            return out
        case .insert(let bytes, let at):
            var out = input
            out.insert(contentsOf: bytes, at: min(at, out.count))
            return out
        case .duplicate(let range, let at):
            var out = input
            out.insert(contentsOf: input[range], at: min(at, out.count))
            return out
        case .delete(let range):
            var out = input
            out.removeSubrange(range)
            return out
        case .custom(_, let bytes): return bytes
        }
    }

    public var description: String {
        switch self {
        case .truncate(let at): return "truncate at \(at)"
        case .flipByte(let at, let mask): return "flip byte \(at) with mask 0x\(String(mask, radix: 16))"
        case .insert(let bytes, let at): return "insert \(bytes.prefix(12).map { String($0, radix: 16) }) (\(bytes.count) bytes) at \(at)"
        case .duplicate(let range, let at): return "duplicate \(range) at \(at)"
        case .delete(let range): return "delete \(range)"
        case .custom(let name, let bytes): return "\(name) (\(bytes.count) bytes)"
        }
    }

    /// `count` generic mutations of `input`, the same for the same seed.
    public static func cases(of input: [UInt8], count: Int, seed: UInt64) -> [InputMutation] {
        var random = SeededGenerator(seed: seed)
        let size = max(input.count, 1)
        return (0..<count).map { _ in
            let at = Int.random(in: 0..<size, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: return .truncate(at: at)
            case 1: return .flipByte(at: at, mask: UInt8.random(in: 1...255, using: &random))
            case 2: return .insert(bytes: hostileFragments.randomElement(using: &random)!, at: at)
            case 3:
                let end = min(input.count, at + Int.random(in: 1...64, using: &random))
                return .duplicate(range: min(at, end)..<end, at: Int.random(in: 0..<size, using: &random))
            default:
                let end = min(input.count, at + Int.random(in: 1...32, using: &random))
                return .delete(range: min(at, end)..<end)
            }
        }
    }
}
