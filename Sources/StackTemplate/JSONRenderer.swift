/// Renders templates as JSON: pretty (two-space indent, `"key": value`, like Python's
/// `json.dumps(indent=2)`, ending in a newline) for files, compact (no whitespace) for API calls.
///
/// Order follows `YAMLRenderer`: sections in CloudFormation's usual order, names and keys sorted.
/// Non-ASCII text stays UTF-8; `"`, `\` and control characters are escaped. Ints are written as ints,
/// doubles always with a fraction or exponent (`1.0`, `2.5e-07`) so they read back as doubles.
/// Throws `TemplateRenderError` for an unresolved token or a non-finite number.
public enum JSONRenderer {
    public static func render(_ template: Template, pretty: Bool = true) throws -> String {
        try rendered(template, pretty: pretty).text
    }

    /// The UTF-8 bytes of `render(_:pretty:)`, for a request body.
    public static func renderBytes(_ template: Template, pretty: Bool = true) throws -> [UInt8] {
        try rendered(template, pretty: pretty).bytes
    }

    /// The rendered bytes in the renderer's buffer, for writing to a file without a copy.
    public static func rendered(_ template: Template, pretty: Bool = true) throws -> RenderedTemplate {
        var walker = TemplateWalker(writer: JSONWriter(pretty: pretty, capacity: estimatedSize(template, pretty: pretty)))
        try walker.template(template)
        return RenderedTemplate(walker.writer.finish())
    }

    public static func render(_ value: TemplateValue, pretty: Bool = true) throws -> String {
        var walker = TemplateWalker(writer: JSONWriter(pretty: pretty, capacity: 256))
        try walker.value(value)
        return walker.writer.finish().string
    }

    /// A guess that avoids most buffer regrowth (each regrowth copies everything written so far):
    /// stackctl's resources average about 860 bytes pretty-printed and 400 compact.
    static func estimatedSize(_ t: Template, pretty: Bool) -> Int {
        4096 + (pretty ? 1024 : 512) * (t.resources.count + t.parameters.count + t.outputs.count)
    }
}

/// Streams `TreeWriter` events as JSON text.
struct JSONWriter: TreeWriter {
    /// An open map or list: whether it is a list and whether it has an entry yet.
    private struct Frame {
        var isList: Bool
        var isEmpty: Bool
    }

    private var out: OutputBuffer
    private let pretty: Bool
    /// The innermost open container lives in `current`, the enclosing ones in `enclosing`: every entry
    /// consults the innermost, and keeping it out of the array spares an access check per entry.
    private var current = Frame(isList: false, isEmpty: true)
    private var enclosing: [Frame] = []

    init(pretty: Bool, capacity: Int) {
        self.pretty = pretty
        out = OutputBuffer(capacity: capacity)
        enclosing.reserveCapacity(32)
    }

    mutating func finish() -> OutputBuffer {
        if pretty { out.append(UInt8(ascii: "\n")) }
        return out
    }

    /// Separator and indentation before a key, or before a value that is a list item.
    private mutating func nextEntry() {
        if !current.isEmpty { out.append(UInt8(ascii: ",")) }
        current.isEmpty = false
        if pretty {
            out.append(UInt8(ascii: "\n"))
            out.appendSpaces(2 * enclosing.count)
        }
    }

    /// Values after a key need no prefix; list items do.
    @inline(__always) private mutating func startValue() {
        if current.isList { nextEntry() }
    }

    private mutating func open(_ bracket: UInt8, isList: Bool) {
        startValue()
        out.append(bracket)
        enclosing.append(current)
        current = Frame(isList: isList, isEmpty: true)
    }

    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = current.isEmpty
        current = enclosing.removeLast()
        if pretty && !wasEmpty {
            out.append(UInt8(ascii: "\n"))
            out.appendSpaces(2 * enclosing.count)
        }
        out.append(bracket)
    }

    mutating func beginMap(count: Int) { open(UInt8(ascii: "{"), isList: false) }
    mutating func endMap() { close(UInt8(ascii: "}")) }
    mutating func beginList(count: Int) { open(UInt8(ascii: "["), isList: true) }
    mutating func endList() { close(UInt8(ascii: "]")) }

    mutating func key(_ key: String) {
        nextEntry()
        quoted(key)
        if pretty { out.append(": " as StaticString) } else { out.append(UInt8(ascii: ":")) }
    }

    mutating func string(_ value: String) { startValue(); quoted(value) }
    mutating func int(_ value: Int) { startValue(); out.append(value) }
    mutating func double(_ value: Double) { startValue(); out.append(value) }
    mutating func bool(_ value: Bool) {
        startValue()
        out.append(value ? "true" as StaticString : "false" as StaticString)
    }
    mutating func null() { startValue(); out.append("null" as StaticString) }

    /// Copies runs of bytes that need no escaping in one go; escapes `"`, `\` and C0 controls.
    private mutating func quoted(_ text: String) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Almost no string in a template needs escaping: check eight bytes at a time, copy at once.
            if !JSONEscaping.needed(bytes) {
                out.append(bytes)
                return
            }
            var runStart = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < i { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                runStart = i + 1
                switch byte {
                case UInt8(ascii: "\""): out.append("\\\"" as StaticString)
                case UInt8(ascii: "\\"): out.append("\\\\" as StaticString)
                case UInt8(ascii: "\n"): out.append("\\n" as StaticString)
                case UInt8(ascii: "\r"): out.append("\\r" as StaticString)
                case UInt8(ascii: "\t"): out.append("\\t" as StaticString)
                case 0x08: out.append("\\b" as StaticString)
                case 0x0C: out.append("\\f" as StaticString)
                default:
                    out.append("\\u00" as StaticString)
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0xF))
                }
            }
            if runStart < bytes.count { out.append(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}

@inline(__always) func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
}

/// Whether any byte is `"`, `\\` or a C0 control, tested a machine word at a time (the classic
/// "has zero byte" bit trick): scanning byte by byte was the largest single item of rendering.
enum JSONEscaping {
    static func needed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let needsEscape = Self.needsEscape
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            // A byte below 0x20, or a zero byte in `quote`/`backslash`, sets its high bit here.
            let below = (word &- ones &* 0x20) & ~word
            let zeroQuote = (quote &- ones) & ~quote
            let zeroBackslash = (backslash &- ones) & ~backslash
            if (below | zeroQuote | zeroBackslash) & highs != 0 { return true }
            i += 8
        }
        // The last few bytes (most strings are shorter than a word): one table load per byte.
        var found: UInt8 = 0
        while i < bytes.count {
            found |= needsEscape[Int(bytes[i])]
            i += 1
        }
        return found != 0
    }

    /// 1 for `"`, `\` and the C0 controls.
    private static let needsEscape: [UInt8] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C ? 1 : 0 }
}
