/// Renders templates as block-style YAML in CloudFormation's common layout: two-space indentation,
/// lists indented under their key, intrinsics in long form (`Ref: X`, `Fn::GetAtt: [A, B]` as a
/// two-item list) so that every YAML parser reads them without CloudFormation's custom tags.
///
/// Output is deterministic: sections in CloudFormation's usual order, names and keys sorted. Strings
/// are quoted only when a reader could take them for something else (see `YAMLScalarStyle`);
/// multi-line strings become literal blocks when that is exact, double-quoted escapes otherwise.
/// Throws `TemplateRenderError` for an unresolved token or a non-finite number.
///
/// Limits: map keys are written as implicit keys, which YAML readers accept only up to 1024
/// characters (CloudFormation names are far shorter). A `.condition` outside a condition context
/// (see `ValueDecoder`) reads back as a plain `{Condition: Name}` map.
public enum YAMLRenderer {
    public static func render(_ template: Template) throws -> String {
        try rendered(template).text
    }

    /// The rendered bytes in the renderer's buffer, for writing to a file without a copy.
    public static func rendered(_ template: Template) throws -> RenderedTemplate {
        var walker = TemplateWalker(writer: YAMLWriter(capacity: JSONRenderer.estimatedSize(template, pretty: true)))
        try walker.template(template)
        return RenderedTemplate(walker.writer.out)
    }

    /// One value as a YAML document (ends with a newline); maps and lists in block style.
    public static func render(_ value: TemplateValue) throws -> String {
        var walker = TemplateWalker(writer: YAMLWriter(capacity: 256))
        try walker.value(value)
        return walker.writer.out.string
    }
}

/// Streams `TreeWriter` events as block YAML.
struct YAMLWriter: TreeWriter {
    private struct Frame {
        var isList: Bool
        /// Column of this map's keys or of this list's dashes.
        var indent: Int
    }

    /// Where the last write left the current line.
    private enum Position {
        case lineStart
        /// After `key:`: a scalar follows after a space, a non-empty container on the next line.
        case afterKey
        /// After `- `: a scalar or the first key/item of a container follows on the same line.
        case afterDash
    }

    fileprivate(set) var out: OutputBuffer
    private var frames: [Frame] = []
    private var position = Position.lineStart

    init(capacity: Int) {
        out = OutputBuffer(capacity: capacity)
        frames.reserveCapacity(32)
    }

    /// Writes the dash of a list item; values in maps follow their key.
    private mutating func startValue() {
        guard let frame = frames.last, frame.isList else { return }
        if position != .afterDash { out.appendSpaces(frame.indent) }
        out.append("- " as StaticString)
        position = .afterDash
    }

    /// Column at which a child container opened at the current position starts.
    private var childIndent: Int {
        guard let frame = frames.last else { return 0 }
        return frame.indent + 2
    }

    private mutating func open(isList: Bool, count: Int) {
        startValue()
        if count == 0 {
            if position == .afterKey { out.append(UInt8(ascii: " ")) }
            out.append(isList ? "[]\n" as StaticString : "{}\n" as StaticString)
            position = .lineStart
            frames.append(Frame(isList: isList, indent: -1))
            return
        }
        let indent = childIndent
        if position == .afterKey {
            out.append(UInt8(ascii: "\n"))
            position = .lineStart
        }
        // After a dash the first key or nested dash stays on the dash's line (`- Key: v`, `- - a`).
        frames.append(Frame(isList: isList, indent: indent))
    }

    mutating func beginMap(count: Int) { open(isList: false, count: count) }
    mutating func beginList(count: Int) { open(isList: true, count: count) }
    mutating func endMap() { frames.removeLast() }
    mutating func endList() { frames.removeLast() }

    mutating func key(_ key: String) {
        if position != .afterDash { out.appendSpaces(frames[frames.count - 1].indent) }
        var key = key
        key.withUTF8 { bytes in
            switch YAMLScalarStyle.choose(bytes, allowBlock: false) {
            case .plain: out.append(bytes)
            case .singleQuoted: singleQuoted(bytes)
            case .doubleQuoted, .literal: doubleQuoted(bytes)
            }
        }
        out.append(UInt8(ascii: ":"))
        position = .afterKey
    }

    /// Writes a scalar's text after its key or dash and ends the line.
    private mutating func scalar(_ write: (inout OutputBuffer) -> Void) {
        startValue()
        if position == .afterKey { out.append(UInt8(ascii: " ")) }
        write(&out)
        out.append(UInt8(ascii: "\n"))
        position = .lineStart
    }

    mutating func int(_ value: Int) { scalar { $0.append(value) } }
    mutating func double(_ value: Double) { scalar { $0.append(value) } }
    mutating func bool(_ value: Bool) { scalar { $0.append(value ? "true" as StaticString : "false" as StaticString) } }
    mutating func null() { scalar { $0.append("null" as StaticString) } }

    mutating func string(_ value: String) {
        startValue()
        if position == .afterKey { out.append(UInt8(ascii: " ")) }
        var value = value
        value.withUTF8 { bytes in
            switch YAMLScalarStyle.choose(bytes, allowBlock: true) {
            case .plain: out.append(bytes); out.append(UInt8(ascii: "\n"))
            case .singleQuoted: singleQuoted(bytes); out.append(UInt8(ascii: "\n"))
            case .doubleQuoted: doubleQuoted(bytes); out.append(UInt8(ascii: "\n"))
            case .literal(let chomping): literal(bytes, chomping)
            }
        }
        position = .lineStart
    }

    private mutating func singleQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        out.append(UInt8(ascii: "'"))
        var runStart = 0
        for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "'") {
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart...i]))
            out.append(UInt8(ascii: "'"))
            runStart = i + 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        out.append(UInt8(ascii: "'"))
    }

    /// One line, everything outside printable text escaped, so nothing depends on line folding.
    private mutating func doubleQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        func flush(_ out: inout OutputBuffer, to end: Int) {
            if runStart < end { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while i < bytes.count {
            let byte = bytes[i]
            var escape: StaticString? = nil
            var codePoint: UInt32? = nil
            var width = 1
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\t"): escape = "\\t"
            case UInt8(ascii: "\r"): escape = "\\r"
            case 0..<0x20, 0x7F: codePoint = UInt32(byte)
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] < 0xA0:
                codePoint = UInt32(bytes[i + 1]); width = 2
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                codePoint = 0x2000 | UInt32(bytes[i + 2] & 0x3F); width = 3
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF:
                codePoint = 0xFEFF; width = 3
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE:
                codePoint = 0xFFC0 | UInt32(bytes[i + 2] & 0x3F); width = 3
            default: break
            }
            if escape != nil || codePoint != nil {
                flush(&out, to: i)
                if let escape { out.append(escape) }
                if let codePoint { unicodeEscape(codePoint) }
                runStart = i + width
            }
            i += width
        }
        flush(&out, to: bytes.count)
        out.append(UInt8(ascii: "\""))
    }

    /// `\xXX` below 0x100, `\uXXXX` above: both understood by YAML 1.1 and 1.2 readers.
    private mutating func unicodeEscape(_ codePoint: UInt32) {
        let digits = codePoint < 0x100 ? 2 : 4
        out.append(codePoint < 0x100 ? "\\x" as StaticString : "\\u" as StaticString)
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            out.append(hexDigit(UInt8((codePoint >> UInt32(shift)) & 0xF)))
        }
    }

    /// A literal block indented two columns past its key or dash; empty lines stay empty. With `|+`
    /// the trailing newlines are written as empty lines, which that indicator keeps.
    private mutating func literal(_ bytes: UnsafeBufferPointer<UInt8>, _ chomping: YAMLScalarStyle.Chomping) {
        switch chomping {
        case .strip: out.append("|-" as StaticString)
        case .clip: out.append(UInt8(ascii: "|"))
        case .keep: out.append("|+" as StaticString)
        }
        out.append(UInt8(ascii: "\n"))
        // Never column 0, even at the root, where `---` or `...` in the text would end the document.
        let indent = frames.last.map { $0.indent + 2 } ?? 2
        // With `|` the string's single final newline is the last line's break.
        let end = chomping == .clip ? bytes.count - 1 : bytes.count
        var lineStart = 0
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if lineEnd > lineStart {
                out.appendSpaces(indent)
                out.append(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
            }
            out.append(UInt8(ascii: "\n"))
            lineStart = lineEnd + 1
        }
    }
}
