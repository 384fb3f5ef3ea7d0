/// Where a change is inside a resource (or output, parameter...): `Properties.KeySchema[1].AttributeName`.
public enum PathComponent: Hashable, Sendable, Comparable {
    case key(String)
    /// A position in an ordered list.
    case index(Int)
    /// An item of a list whose items are identified by a field (`Tags[Key=env]`), see `ListSemantics`.
    case item(field: String, value: String)

    var text: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return "[\(i)]"
        case .item(let field, let value): return "[\(field)=\(value)]"
        }
    }
}

public struct PropertyPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var components: [PathComponent]

    public init(_ components: [PathComponent] = []) { self.components = components }

    public static func key(_ k: String) -> PropertyPath { PropertyPath([.key(k)]) }

    public func appending(_ c: PathComponent) -> PropertyPath { PropertyPath(components + [c]) }

    /// The keys below `Properties`, with list positions as `*` (the form create-only paths use).
    var propertyKeys: [String]? {
        guard case .key("Properties")? = components.first else { return nil }
        return components.dropFirst().map {
            if case .key(let k) = $0 { return k }
            return "*"
        }
    }

    public var description: String {
        var out = ""
        for c in components {
            if case .key = c, !out.isEmpty { out += "." }
            out += c.text
        }
        return out
    }

    public static func < (a: PropertyPath, b: PropertyPath) -> Bool {
        a.components.lexicographicallyPrecedes(b.components)
    }
}
