/// A small strict JSON reader producing `SourceNode`s with line and column marks.
///
/// Hand-written rather than `JSONSerialization` so that `1` stays an int and `1.0` a double, `true`
/// stays a bool (NSNumber blurs these on Linux), duplicate keys are an error, and every node knows
/// where it came from for the decoder's messages.
struct JSONSourceReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    static func read(_ text: String) throws -> SourceNode {
        var text = text
        return try text.withUTF8 { bytes in
            var reader = JSONSourceReader(bytes: bytes)
            reader.skipWhitespace()
            let node = try reader.value()
            reader.skipWhitespace()
            if reader.index < bytes.count { throw reader.error("expected end of document after the top-level value") }
            return node
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var mark: SourceMark { SourceMark(line: line, column: index - lineStart + 1) }

    private func error(_ message: String) -> TemplateParseError { TemplateParseError(message, at: mark) }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
            case UInt8(ascii: "\n"): index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    private mutating func value() throws -> SourceNode {
        guard index < bytes.count else { throw error("expected a value, found end of document") }
        let start = mark
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return SourceNode(kind: .scalar(.string(try string())), mark: start)
        case UInt8(ascii: "t"): try literal("true"); return SourceNode(kind: .scalar(.bool(true)), mark: start)
        case UInt8(ascii: "f"): try literal("false"); return SourceNode(kind: .scalar(.bool(false)), mark: start)
        case UInt8(ascii: "n"): try literal("null"); return SourceNode(kind: .scalar(.null), mark: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return SourceNode(kind: .scalar(try number()), mark: start)
        default:
            throw error("expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let matches = index + count <= bytes.count
            && word.withUTF8Buffer { w in (0..<count).allSatisfy { bytes[index + $0] == w[$0] } }
        guard matches else { throw error("expected \(word)") }
        index += count
    }

    private mutating func nest() throws {
        depth += 1
        // Checked before the container's values are read: hostile nesting never reaches the stack's end.
        if depth > TemplateReaderLimits.maxDepth { throw TemplateReaderLimits.tooDeep(at: mark) }
    }

    private mutating func object() throws -> SourceNode {
        let start = mark
        try nest()
        index += 1
        var entries: [(key: String, keyMark: SourceMark, value: SourceNode)] = []
        var seen = Set<String>()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return SourceNode(kind: .map(entries), mark: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count && bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let keyMark = mark
            let key = try string()
            guard seen.insert(key).inserted else {
                throw TemplateParseError("duplicate key \"\(key)\"", at: keyMark)
            }
            skipWhitespace()
            guard index < bytes.count && bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            index += 1
            skipWhitespace()
            entries.append((key, keyMark, try value()))
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or '}', found end of document") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw error("expected ',' or '}'")
        }
        depth -= 1
        return SourceNode(kind: .map(entries), mark: start)
    }

    private mutating func array() throws -> SourceNode {
        let start = mark
        try nest()
        index += 1
        var items: [SourceNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return SourceNode(kind: .list(items), mark: start)
        }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or ']', found end of document") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw error("expected ',' or ']'")
        }
        depth -= 1
        return SourceNode(kind: .list(items), mark: start)
    }

    /// A string, refused when it is longer than the readers' limit (measured in input bytes, escapes included).
    private mutating func string() throws -> String {
        let start = mark, from = index
        let text = try unlimitedString()
        if index - from - 2 > TemplateReaderLimits.maxStringBytes {
            throw TemplateReaderLimits.stringTooLong(bytes: index - from - 2, at: start)
        }
        return text
    }

    /// Strings without escapes (nearly all of them) are decoded straight from the input bytes.
    private mutating func unlimitedString() throws -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in string; escape it") }
            index += 1
        }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"): buffer.append(contentsOf: String(Character(try unicodeEscape())).utf8)
                default:
                    index -= 2
                    throw error("invalid escape in string")
                }
            default:
                if byte < 0x20 { throw error("control character in string; escape it") }
                buffer.append(byte)
                index += 1
            }
        }
        throw error("unterminated string")
    }

    /// `\uXXXX`, joining a surrogate pair into one scalar.
    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in \\u escape") }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("unpaired surrogate in \\u escape") }
        return scalar
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("expected four hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// JSON number grammar; integers without fraction or exponent become `.int`, the rest `.double`.
    private mutating func number() throws -> TemplateValue {
        let start = index
        func digits(_ reader: inout JSONSourceReader) -> Int {
            let from = reader.index
            while reader.index < reader.bytes.count,
                reader.bytes[reader.index] >= UInt8(ascii: "0"), reader.bytes[reader.index] <= UInt8(ascii: "9")
            {
                reader.index += 1
            }
            return reader.index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let intStart = index
        let intDigits = digits(&self)
        guard intDigits > 0 else { throw error("expected a digit") }
        if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") {
            index = intStart
            throw error("numbers cannot have leading zeros")
        }
        var isInteger = true
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits(&self) > 0 else { throw error("expected a digit after '.'") }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            isInteger = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard digits(&self) > 0 else { throw error("expected a digit in the exponent") }
        }
        if index - start > TemplateReaderLimits.maxNumberLength {
            let length = index - start
            index = start
            throw TemplateReaderLimits.numberTooLong(length: length, at: mark)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger {
            guard let value = Int(text) else {
                index = start
                throw error("integer \(text) is out of range")
            }
            return .int(value)
        }
        guard let value = Double(text), value.isFinite else {
            index = start
            throw error("number \(text) is out of range")
        }
        return .double(value)
    }
}
