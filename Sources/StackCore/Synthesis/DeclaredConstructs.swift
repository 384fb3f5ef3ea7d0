/// Where a construct is declared, for messages that point the user at it.
public enum DeclarationSite: Hashable, Sendable {
    /// A stored property of the stack definition (`ticks`, `buckets[1]`).
    case property(String)
    /// A line of the stack's `body`.
    case body

    /// "the stored property `ticks`", "the stack's body".
    public var phrase: String {
        switch self {
        case .property(let name): return "the stored property `\(name)`"
        case .body: return "the stack's body"
        }
    }
}

/// A declared construct and where it was declared.
struct Declaration: Sendable {
    var construct: any Construct
    var site: DeclarationSite
}
