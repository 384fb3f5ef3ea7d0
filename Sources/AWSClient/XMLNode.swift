#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A small element tree for AWS XML responses (query-protocol services, S3). Attributes and
/// namespaces are ignored and only element text is kept: enough for reading codes, ids and messages.
///
/// Parsed by our own reader (`XMLReader`), not FoundationXML: that would link libxml2 and the system
/// ICU into every binary — a Lambda function on provided.al2023 and the CLI, whose start-up time
/// the dynamic loader then dominates.
public final class XMLElementNode: @unchecked Sendable {
    public let name: String
    public internal(set) var text = ""
    public internal(set) var children: [XMLElementNode] = []

    init(name: String) { self.name = name }

    /// Parses a document; nil when it is not well-formed XML.
    public static func parse(_ data: Data) -> XMLElementNode? {
        var reader = XMLReader(bytes: [UInt8](data))
        return reader.document()
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
