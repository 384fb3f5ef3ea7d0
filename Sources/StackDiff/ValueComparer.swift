import StackTemplate

/// One difference between two normalized values. `old == nil` is an addition, `new == nil` a removal;
/// for a set-like list the path is the list's and the value is the member added or removed.
public struct PropertyChange: Hashable, Sendable {
    public var path: PropertyPath
    public var old: TemplateValue?
    public var new: TemplateValue?
    /// What this change alone does to the resource (`update`, `mayReplace` or `replace`).
    public var impact: Impact
    /// Why it replaces, when it does (`create-only property of AWS::S3::Bucket`).
    public var reason: String?

    public init(path: PropertyPath, old: TemplateValue?, new: TemplateValue?, impact: Impact = .update, reason: String? = nil) {
        self.path = path
        self.old = old
        self.new = new
        self.impact = impact
        self.reason = reason
    }
}

/// Walks two normalized values side by side and lists the leaf differences with their paths. Lists are
/// matched the way `ListSemantics` says: by position, as sets, or by a key field.
enum ValueComparer {
    /// `type`: the resource type whose properties these are (its list rules apply), nil elsewhere.
    static func changes(_ old: TemplateValue?, _ new: TemplateValue?, at path: PropertyPath, type: String? = nil,
                        key: String? = nil, inPolicy: Bool = false) -> [PropertyChange] {
        var out: [PropertyChange] = []
        compare(old, new, path, key, inPolicy, type, &out)
        return out
    }

    private static func compare(_ old: TemplateValue?, _ new: TemplateValue?, _ path: PropertyPath,
                                _ key: String?, _ inPolicy: Bool, _ type: String?, _ out: inout [PropertyChange]) {
        if old == new { return }
        switch (old, new) {
        case (.map(let a)?, .map(let b)?):
            for k in Set(a.keys).union(b.keys).sorted() {
                let policy = inPolicy || (ListSemantics.policyDocumentKeys.contains(k) && (a[k]?.isPolicyDocument ?? false || b[k]?.isPolicyDocument ?? false))
                compare(a[k], b[k], path.appending(.key(k)), k, policy, type, &out)
            }
        case (.list(let a)?, .list(let b)?):
            let kindA = ListSemantics.kind(of: key, type: type, inPolicy: inPolicy, items: a)
            let kindB = ListSemantics.kind(of: key, type: type, inPolicy: inPolicy, items: b)
            switch kindA == kindB ? kindB : .ordered {
            case .ordered:
                for i in 0..<max(a.count, b.count) {
                    compare(i < a.count ? a[i] : nil, i < b.count ? b[i] : nil, path.appending(.index(i)), nil, inPolicy, type, &out)
                }
            case .set:
                let oldKeys = Dictionary(a.map { (CanonicalKey.of($0), $0) }, uniquingKeysWith: { x, _ in x })
                let newKeys = Dictionary(b.map { (CanonicalKey.of($0), $0) }, uniquingKeysWith: { x, _ in x })
                for k in oldKeys.keys.sorted() where newKeys[k] == nil { out.append(PropertyChange(path: path, old: oldKeys[k], new: nil)) }
                for k in newKeys.keys.sorted() where oldKeys[k] == nil { out.append(PropertyChange(path: path, old: nil, new: newKeys[k])) }
            case .keyed(let field):
                let byKey = { (items: [TemplateValue]) in
                    Dictionary(items.map { ($0[field]!.stringValue!, $0) }, uniquingKeysWith: { x, _ in x })
                }
                let oldItems = byKey(a), newItems = byKey(b)
                for k in Set(oldItems.keys).union(newItems.keys).sorted() {
                    compare(oldItems[k], newItems[k], path.appending(.item(field: field, value: k)), nil, inPolicy, type, &out)
                }
            }
        default:
            out.append(PropertyChange(path: path, old: old, new: new))
        }
    }
}
