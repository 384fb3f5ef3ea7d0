/// How the YAML renderer writes one string so that any YAML 1.1 or 1.2 reader (libyaml, PyYAML as in
/// cfn-lint, CloudFormation itself) reads back exactly that string.
enum YAMLScalarStyle: Equatable {
    /// Unquoted.
    case plain
    /// `'...'` with `'` doubled: for strings that would otherwise read as another type or as syntax.
    case singleQuoted
    /// `"..."` with backslash escapes: for control and non-printable characters, and for multi-line
    /// strings a literal block cannot carry exactly.
    case doubleQuoted
    /// `|`, `|-` or `|+` block: readable multi-line text (inline code, scripts, policies).
    case literal(Chomping)

    /// The block header's chomping indicator: how many of the string's final newlines are kept.
    enum Chomping: Equatable {
        case strip  // `|-`: none (the string has no final newline)
        case clip  // `|`: exactly one
        case keep  // `|+`: all of them
    }

    /// Picks the simplest style that round-trips. `allowBlock` is false for keys.
    static func choose(_ bytes: UnsafeBufferPointer<UInt8>, allowBlock: Bool) -> YAMLScalarStyle {
        guard let first = bytes.first, let last = bytes.last else { return .singleQuoted }
        var hasNewline = false
        var needsEscapes = false  // control or break characters only double quotes can carry
        var trailingSpaceOnLine = false
        var lineStartsWithTab = false
        var plain = !isIndicator(first) && first != UInt8(ascii: " ") && last != UInt8(ascii: " ")
            && last != UInt8(ascii: ":")
        var previous: UInt8 = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\n"):
                hasNewline = true
                plain = false
                if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") { trailingSpaceOnLine = true }
                // Later lines may start with spaces (more indentation); a tab there confuses readers.
                if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\t") { lineStartsWithTab = true }
            case UInt8(ascii: "\t"):
                plain = false
            case 0..<0x20, 0x7F:
                needsEscapes = true
            case UInt8(ascii: ":") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: " "):
                plain = false
            case UInt8(ascii: "#") where previous == UInt8(ascii: " "):
                plain = false
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] < 0xA0:
                // C1 controls and NEL (U+0085), which YAML treats as a line break.
                needsEscapes = true
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                // U+2028 and U+2029, line and paragraph separators.
                needsEscapes = true
            case 0xEF where i + 2 < bytes.count
                && ((bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF) || (bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE)):
                // Byte order mark and the non-characters U+FFFE, U+FFFF.
                needsEscapes = true
            default:
                break
            }
            previous = byte
            i += 1
        }
        if last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { trailingSpaceOnLine = true }
        if needsEscapes { return .doubleQuoted }
        if hasNewline {
            let blockSafe = allowBlock && first != UInt8(ascii: " ") && first != UInt8(ascii: "\n")
                && first != UInt8(ascii: "\t") && !trailingSpaceOnLine && !lineStartsWithTab
            guard blockSafe else { return .doubleQuoted }
            return .literal(chomping(bytes))
        }
        // `...` and `---` at the start of a line end or start a document.
        if first == UInt8(ascii: "."), bytes.count >= 3, bytes[1] == first, bytes[2] == first { plain = false }
        if plain && !looksLikeOtherType(bytes) { return .plain }
        return .singleQuoted
    }

    private static func chomping(_ bytes: UnsafeBufferPointer<UInt8>) -> Chomping {
        var trailing = 0
        var i = bytes.count - 1
        while i >= 0 && bytes[i] == UInt8(ascii: "\n") { trailing += 1; i -= 1 }
        switch trailing {
        case 0: return .strip
        case 1: return .clip
        default: return .keep
        }
    }

    /// Characters that start YAML syntax when they open a plain scalar.
    private static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    /// Words YAML 1.1 or 1.2 reads as booleans, nulls or special keys.
    private static let reservedWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        "null", "Null", "NULL", "~", "<<", "=",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", ".nan", ".NaN", ".NAN",
    ]

    /// True for strings some reader would take as a bool, null, number or timestamp. Numbers are matched
    /// broadly (anything that starts like a number and holds only number and timestamp characters:
    /// `10`, `1e3`, `0x1F`, `012`, `1_000`, `1:30`, `2010-09-09`, `2001-12-14 21:59:43.10 -5`) because
    /// YAML 1.1 and 1.2 disagree on the details; quoting a few extra strings costs nothing.
    static func looksLikeOtherType(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count <= 6, reservedWords.contains(String(decoding: bytes, as: UTF8.self)) { return true }
        var i = 0
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") { i = 1 }
        guard i < bytes.count else { return false }
        let startsLikeNumber = isDigit(bytes[i])
            || (bytes[i] == UInt8(ascii: ".") && i + 1 < bytes.count && isDigit(bytes[i + 1]))
        guard startsLikeNumber else { return false }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"),
                UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: " "):
                continue
            default:
                return false
            }
        }
        return true
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
