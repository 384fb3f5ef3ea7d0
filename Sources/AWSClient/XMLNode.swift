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

    /// Parses a document; nil when it is not well-formed XML or crosses a limit.
    public static func parse(_ data: Data) -> XMLElementNode? {
        try? read(data)
    }

    /// Parses a document; the error says where it is not well-formed or which `XMLReader.Limits` it crosses.
    public static func read(_ data: Data) throws(XMLReadError) -> XMLElementNode {
        try XMLReader.checkSize(data.count)  // before copying it
        do { return try XMLReader.read([UInt8](data)) } catch let error as XMLReadError { throw error } catch {
            throw XMLReadError(problem: "\(error)", offset: 0, path: "", limit: nil)
        }
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
