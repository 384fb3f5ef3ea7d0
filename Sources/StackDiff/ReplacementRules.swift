import ResourceCatalogue
import StackTemplate

/// Which property changes replace a resource: the registry schema's `createOnlyProperties` and the
/// catalogue's sourced `ReplacementFact`s (the CloudFormation reference marks more properties "Update
/// requires: Replacement", and some only replace for some edits).
enum ReplacementRules {
    /// The impact of one property change of a resource of `type`, with the reason when it is more than
    /// an update. Changes outside `Properties` are updates.
    static func impact(of change: PropertyChange, type: String) -> (Impact, String?) {
        guard let keys = change.path.propertyKeys, !keys.isEmpty else { return (.update, nil) }
        var best: (Impact, String?) = (.update, nil)
        guard let entry = ResourceCatalogue.entry(type) else { return best }
        for path in entry.createOnlyProperties where touches(change, keys: keys, path: path) {
            return (.replace, "create-only property \(path.joined(separator: ".")) of \(type)")
        }
        for fact in entry.replacement where touches(change, keys: keys, path: fact.path) {
            if fact.when == .editOfExistingItem && !editsExistingItem(change, below: fact.path.count) { continue }
            if fact.impact > best.0 { best = (fact.impact, fact.reason) }
        }
        return best
    }

    /// The change is at `path` or below it, or is a change of a parent whose old or new value holds `path`.
    private static func touches(_ change: PropertyChange, keys: [String], path: [String]) -> Bool {
        let common = min(keys.count, path.count)
        for i in 0..<common where path[i] != "*" && keys[i] != "*" && path[i] != keys[i] { return false }
        if keys.count >= path.count { return true }
        let rest = Array(path[keys.count...])
        return [change.old, change.new].contains { $0.map { contains($0, rest) } ?? false }
    }

    private static func contains(_ value: TemplateValue, _ rest: [String]) -> Bool {
        guard let first = rest.first else { return true }
        switch value {
        case .map(let fields): return fields[first].map { contains($0, Array(rest.dropFirst())) } ?? false
        case .list(let items) where first == "*": return items.contains { contains($0, Array(rest.dropFirst())) }
        default: return false
        }
    }

    /// A keyed item present on both sides was edited: the change lies below the item and is not the
    /// whole item appearing or disappearing.
    private static func editsExistingItem(_ change: PropertyChange, below depth: Int) -> Bool {
        // components: Properties, <property>, [item], ...
        let components = change.path.components
        guard components.count > depth + 1, case .item = components[depth + 1] else { return false }
        if components.count == depth + 2 { return change.old != nil && change.new != nil }
        return true
    }
}

extension ReplacementFact {
    var impact: Impact { effect == .replace ? .replace : .mayReplace }
}

extension ReplacementRules {
    /// Properties whose any change replaces the resource: a reference from one of them to a replaced
    /// resource replaces this one too.
    static func replacingPaths(_ type: String) -> [[String]] {
        guard let entry = ResourceCatalogue.entry(type) else { return [] }
        return entry.createOnlyProperties
            + entry.replacement.filter { $0.when == .anyChange && $0.effect == .replace }.map(\.path)
    }
}
