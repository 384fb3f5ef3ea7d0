import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree for AWS XML responses (query-protocol services, S3 errors). Namespaces are
/// ignored and only element text is kept: enough for reading codes, ids and messages.
public final class XMLElementNode: @unchecked Sendable {
    public let name: String
    public fileprivate(set) var text = ""
    public fileprivate(set) var children: [XMLElementNode] = []

    init(name: String) { self.name = name }

    /// Parses a document; nil when it is not well-formed XML.
    public static func parse(_ data: Data) -> XMLElementNode? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    /// The first element named `name` at any depth (this element included), depth-first.
    public func first(_ name: String) -> XMLElementNode? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// Text of the first direct child named `name`.
    public func child(_ name: String) -> String? {
        children.first { $0.name == name }?.text
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLElementNode?
    var stack: [XMLElementNode] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let node = XMLElementNode(name: elementName)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        if let node = stack.popLast(), !node.children.isEmpty {
            // Whitespace between child elements is layout, not content.
            node.text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
