/// Why an XML answer could not be read: where (byte offset, the open elements) and what, and whether a
/// limit of `XMLReader.Limits` was crossed (a hostile or broken endpoint) or the XML is just not well-formed.
public struct XMLReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problem: String
    /// 0-based byte offset into the document.
    public var offset: Int
    /// The open elements, `ErrorResponse/Error/Message`; empty outside the root.
    public var path: String
    /// The name of the crossed limit (`maxDepth`, ...); nil when the document is just malformed.
    public var limit: String?

    public var description: String {
        "\(problem) at byte \(offset)" + (path.isEmpty ? "" : " (in \(path))")
    }
}
