/// Reads an XML document into `XMLElementNode`s: elements, character data, the five predefined
/// entities and numeric character references, CDATA sections; declarations, comments, processing
/// instructions and DOCTYPE are skipped. Anything not well-formed (a mismatched or missing end tag,
/// an unknown entity, text outside the root element, an unterminated comment) is an `XMLReadError`
/// with its byte offset, and so is crossing one of the `Limits` — checked before anything is allocated.
struct XMLReader {
    /// What an AWS answer may hold. The largest real ones (a 1 MB template in GetTemplate, 1,000 keys of
    /// ListObjectsV2) are far below; the limits keep a hostile endpoint from exhausting memory or time.
    enum Limits {
        static let maxDocumentBytes = 32 * 1024 * 1024
        /// AWS answers nest about 8 deep; the tree is walked recursively (`first`, deinit), so this bounds the stack.
        static let maxDepth = 64
        static let maxElements = 200_000
        static let maxNameBytes = 256
        /// Decoded character data of one element.
        static let maxTextBytes = 8 * 1024 * 1024
    }

    let bytes: [UInt8]
    var position = 0
    private var stack: [XMLElementNode] = []
    private var elements = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    static func read(_ bytes: [UInt8]) throws -> XMLElementNode {
        var reader = XMLReader(bytes: bytes)
        return try reader.document()
    }

    /// The size alone, before a caller copies the document.
    static func checkSize(_ count: Int) throws(XMLReadError) {
        guard count <= Limits.maxDocumentBytes else {
            throw XMLReadError(problem: "the document is \(count) bytes, more than \(Limits.maxDocumentBytes) (limit maxDocumentBytes)",
                               offset: 0, path: "", limit: "maxDocumentBytes")
        }
    }

    mutating func document() throws -> XMLElementNode {
        try Self.checkSize(bytes.count)
        var root: XMLElementNode?
        var text: [UInt8] = []

        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<") else {
                // Character data: only inside the root element (whitespace is allowed around it).
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                let run = bytes[start..<position]
                if stack.isEmpty {
                    guard run.allSatisfy(Self.isSpace) else { throw malformed("text outside the root element", at: start) }
                } else {
                    guard Self.decodeEntities(run, into: &text) else { throw malformed("an unknown or unterminated entity", at: start) }
                    try checkText(text.count, at: start)
                }
                continue
            }
            // An unterminated declaration or comment is an error, not a start tag: rescanning the rest of
            // the document for each would be quadratic.
            if try skip("<?", to: "?>") || skip("<!--", to: "-->") { continue }
            if starts(with: "<![CDATA[") {
                guard !stack.isEmpty else { throw malformed("CDATA outside the root element", at: position) }
                guard let end = find("]]>", from: position + 9) else { throw malformed("an unterminated CDATA section", at: position) }
                try checkText(text.count + end - position - 9, at: position)
                text += bytes[(position + 9)..<end]
                position = end + 3
                continue
            }
            if starts(with: "<!") {  // DOCTYPE: skipped up to its end (internal subsets are not expected)
                guard root == nil else { throw malformed("a DOCTYPE after the root element", at: position) }
                guard let end = find(">", from: position) else { throw malformed("an unterminated DOCTYPE", at: position) }
                position = end + 1
                continue
            }
            if starts(with: "</") {
                let at = position
                position += 2
                let name = try readName()
                guard let node = stack.last, node.name == name else {
                    throw malformed("the end tag </\(name)> does not match the open element", at: at)
                }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw malformed("an unterminated end tag", at: at) }
                position += 1
                stack.removeLast()
                finish(node, text: &text)
                continue
            }
            // A start tag.
            let at = position
            position += 1
            let name = try readName()
            let selfClosing = try skipAttributes(tagStart: at)
            if let parent = stack.last {
                appendText(to: parent, text: &text)
            } else if root != nil {
                throw malformed("a second root element <\(name)>", at: at)
            }
            elements += 1
            guard elements <= Limits.maxElements else {
                throw limit("maxElements", "more than \(Limits.maxElements) elements", at: at)
            }
            guard selfClosing || stack.count < Limits.maxDepth else {
                throw limit("maxDepth", "elements nest deeper than \(Limits.maxDepth)", at: at)
            }
            let node = XMLElementNode(name: name)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            if !selfClosing { stack.append(node) }
        }
        guard stack.isEmpty, let root else {
            throw malformed(root == nil ? "no root element" : "the document ends inside an element", at: position)
        }
        return root
    }

    // MARK: Errors

    private var path: String { stack.map(\.name).joined(separator: "/") }

    private func malformed(_ problem: String, at offset: Int) -> XMLReadError {
        XMLReadError(problem: "not well-formed XML: \(problem)", offset: offset, path: path, limit: nil)
    }

    private func limit(_ name: String, _ problem: String, at offset: Int) -> XMLReadError {
        XMLReadError(problem: "\(problem) (limit \(name))", offset: offset, path: path, limit: name)
    }

    private func checkText(_ count: Int, at offset: Int) throws {
        guard count + (stack.last?.text.utf8.count ?? 0) <= Limits.maxTextBytes else {
            throw limit("maxTextBytes", "an element's text is longer than \(Limits.maxTextBytes) bytes", at: offset)
        }
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

    /// Skips from `open` to past `close` when the input is at `open`; an error when `close` never comes.
    private mutating func skip(_ open: String, to close: String) throws -> Bool {
        guard starts(with: open) else { return false }
        guard let end = find(close, from: position + open.utf8.count) else {
            throw malformed("\(open) without its \(close)", at: position)
        }
        position = end + close.utf8.count
        return true
    }

    private mutating func skipSpace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    private mutating func readName() throws -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") { break }
            guard position - start < Limits.maxNameBytes else {
                throw limit("maxNameBytes", "a name is longer than \(Limits.maxNameBytes) bytes", at: start)
            }
            position += 1
        }
        guard position > start else { throw malformed("a missing name", at: start) }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Skips `name="value"` pairs up to `>` or `/>`; returns whether the tag closed itself.
    private mutating func skipAttributes(tagStart: Int) throws -> Bool {
        let bad = malformed("a malformed start tag", at: tagStart)
        while true {
            skipSpace()
            guard position < bytes.count else { throw bad }
            switch bytes[position] {
            case UInt8(ascii: ">"):
                position += 1
                return false
            case UInt8(ascii: "/"):
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { throw bad }
                position += 2
                return true
            default:
                guard (try? readName()) != nil else { throw bad }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw bad }
                position += 1
                skipSpace()
                guard position < bytes.count else { throw bad }
                let quote = bytes[position]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw bad }
                guard let end = bytes[(position + 1)...].firstIndex(of: quote) else { throw bad }
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
