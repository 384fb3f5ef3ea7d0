/// The few string operations the functions' modules need that only full Foundation has (`String(format:)`,
/// `removingPercentEncoding`): full Foundation links ICU, about 38 MB, into every Lambda function, so
/// LambdaEvents, AWSClient and the function logic use FoundationEssentials and these.
public enum TextBasics {
    /// A non-negative number in decimal with leading zeros to `width` digits, as `String(format: "%0*d")`.
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Bytes as two hex digits each, `0123456789abcdef` (or upper case).
    public static func hex(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        let digits = uppercase ? upperDigits : lowerDigits
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `%XX` sequences decoded, as Foundation's `removingPercentEncoding`: nil when a `%` is not followed by two hex
    /// digits or the decoded bytes are not UTF-8.
    public static func percentDecoded(_ text: String) -> String? {
        var out: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else { out.append(byte); continue }
            guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else { return nil }
            out.append(high << 4 | low)
        }
        return String(validating: out, as: UTF8.self)
    }

    /// Without leading and trailing spaces and tabs (Unicode space separators included), as Foundation's
    /// `trimmingCharacters(in: .whitespaces)`.
    public static func trimmingWhitespace(_ text: some StringProtocol) -> String {
        func isWhitespace(_ c: Character) -> Bool {
            c == "\t" || c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .spaceSeparator }
        }
        guard let first = text.firstIndex(where: { !isWhitespace($0) }), let last = text.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(text[first...last])
    }

    static let lowerDigits = Array("0123456789abcdef".utf8)
    static let upperDigits = Array("0123456789ABCDEF".utf8)

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
