/// Reads an XML document into `XMLElementNode`s: elements, character data, the five predefined
/// entities and numeric character references, CDATA sections; declarations, comments, processing
/// instructions and DOCTYPE are skipped. Anything not well-formed (a mismatched or missing end tag,
/// an unknown entity, text outside the root element) makes the whole document nil.
struct XMLReader {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() -> XMLElementNode? {
        var root: XMLElementNode?
        var stack: [XMLElementNode] = []
        var text: [UInt8] = []

        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<") else {
                // Character data: only inside the root element (whitespace is allowed around it).
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                let run = bytes[start..<position]
                if stack.isEmpty {
                    guard run.allSatisfy(Self.isSpace) else { return nil }
                } else {
                    guard Self.decodeEntities(run, into: &text) else { return nil }
                }
                continue
            }
            if skip("<?", to: "?>") || skip("<!--", to: "-->") { continue }
            if starts(with: "<![CDATA[") {
                guard !stack.isEmpty, let end = find("]]>", from: position + 9) else { return nil }
                text += bytes[(position + 9)..<end]
                position = end + 3
                continue
            }
            if starts(with: "<!") {  // DOCTYPE: skipped up to its end (internal subsets are not expected)
                guard root == nil, let end = find(">", from: position) else { return nil }
                position = end + 1
                continue
            }
            if starts(with: "</") {
                position += 2
                guard let name = readName(), let node = stack.popLast(), node.name == name else { return nil }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { return nil }
                position += 1
                finish(node, text: &text)
                continue
            }
            // A start tag.
            position += 1
            guard let name = readName(), let selfClosing = skipAttributes() else { return nil }
            if let parent = stack.last {
                appendText(to: parent, text: &text)
            } else if root != nil {
                return nil  // a second root element
            }
            let node = XMLElementNode(name: name)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            if !selfClosing { stack.append(node) }
        }
        return stack.isEmpty ? root : nil
    }

    // MARK: Text

    /// Text arrives in runs between child elements; each run is appended as it closes.
    private func appendText(to node: XMLElementNode, text: inout [UInt8]) {
        node.text += String(decoding: text, as: UTF8.self)
        text.removeAll(keepingCapacity: true)
    }

    private func finish(_ node: XMLElementNode, text: inout [UInt8]) {
        appendText(to: node, text: &text)
        if !node.children.isEmpty {
            // Whitespace between child elements is layout, not content.
            node.text = node.text.trimmingWhitespace()
        }
    }

    static func decodeEntities(_ run: ArraySlice<UInt8>, into out: inout [UInt8]) -> Bool {
        var i = run.startIndex
        while i < run.endIndex {
            let byte = run[i]
            guard byte == UInt8(ascii: "&") else { out.append(byte); i += 1; continue }
            guard let semicolon = run[i...].firstIndex(of: UInt8(ascii: ";")) else { return false }
            let entity = String(decoding: run[(i + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                guard entity.hasPrefix("#"), let scalar = Self.characterReference(entity.dropFirst()) else { return false }
                out += Array(String(Character(scalar)).utf8)
            }
            i = semicolon + 1
        }
        return true
    }

    /// `#65` or `#x41` (the `#` already dropped).
    static func characterReference(_ digits: Substring) -> Unicode.Scalar? {
        let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }

    // MARK: Lexing

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func starts(with literal: String) -> Bool {
        let utf8 = literal.utf8
        guard position + utf8.count <= bytes.count else { return false }
        return zip(bytes[position...], utf8).allSatisfy { $0 == $1 }
    }

    private func find(_ literal: String, from start: Int) -> Int? {
        let needle = Array(literal.utf8)
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    /// Skips from `open` to past `close` when the input is at `open`.
    private mutating func skip(_ open: String, to close: String) -> Bool {
        guard starts(with: open), let end = find(close, from: position + open.utf8.count) else { return false }
        position = end + close.utf8.count
        return true
    }

    private mutating func skipSpace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    private mutating func readName() -> String? {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") { break }
            position += 1
        }
        return position > start ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
    }

    /// Skips `name="value"` pairs up to `>` or `/>`; returns whether the tag closed itself, nil when malformed.
    private mutating func skipAttributes() -> Bool? {
        while true {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: ">"):
                position += 1
                return false
            case UInt8(ascii: "/"):
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { return nil }
                position += 2
                return true
            default:
                guard readName() != nil else { return nil }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { return nil }
                position += 1
                skipSpace()
                guard position < bytes.count else { return nil }
                let quote = bytes[position]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
                guard let end = bytes[(position + 1)...].firstIndex(of: quote) else { return nil }
                position = end + 1
            }
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let utf8 = Array(self.utf8)
        guard let first = utf8.firstIndex(where: { !XMLReader.isSpace($0) }),
              let last = utf8.lastIndex(where: { !XMLReader.isSpace($0) }) else { return "" }
        return String(decoding: utf8[first...last], as: UTF8.self)
    }
}
