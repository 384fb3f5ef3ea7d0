/// A position in the source text, 1-based.
struct SourceMark: Hashable, Sendable {
    var line: Int
    var column: Int
}

/// The parsed document before it is read as a template: JSON and YAML both become this tree, so
/// one decoder gives both formats the same rules and the same error messages.
///
/// A class rather than a struct: the tree is built once and only read, and a struct holding an enum
/// that holds the struct again trips the compiler's layout computation.
final class SourceNode {
    enum Kind {
        /// A resolved scalar: `.string`, `.int`, `.double`, `.bool` or `.null`.
        case scalar(TemplateValue)
        case list([SourceNode])
        /// Entries in source order (duplicate keys are rejected by the readers).
        case map([(key: String, keyMark: SourceMark, value: SourceNode)])
        /// A YAML short-form intrinsic (`!GetAtt A.B`) with its long-form name (`Fn::GetAtt`).
        case tagged(String, SourceNode)
    }

    let kind: Kind
    let mark: SourceMark

    init(kind: Kind, mark: SourceMark) {
        self.kind = kind
        self.mark = mark
    }

    /// What a node is, for "expected ..., found ..." messages.
    var kindName: String {
        switch kind {
        case .scalar(.string): return "a string"
        case .scalar(.int), .scalar(.double): return "a number"
        case .scalar(.bool): return "a boolean"
        case .scalar: return "null"
        case .list: return "a list"
        case .map: return "a map"
        case .tagged(let name, _): return name
        }
    }
}
