import StackTemplate

/// The direct change of one resource present on both sides: its property, attribute and metadata
/// differences, each with its impact, and the resource's impact before propagation.
enum ResourceDiffer {
    struct Direct {
        var impact: Impact
        var reasons: [String]
        var changes: [PropertyChange]
    }

    /// nil when the two are equal after normalization (key order, scalar types, set order...).
    static func diff(old: NormalizedResource, new: NormalizedResource) -> Direct? {
        var changes: [PropertyChange] = []
        var reasons: [String] = []
        var impact = Impact.none
        if old.type != new.type {
            impact = .replace
            reasons.append("Type changes from \(old.type) to \(new.type)")
            changes.append(PropertyChange(path: .key("Type"), old: .string(old.type), new: .string(new.type), impact: .replace,
                                          reason: "a Type change always replaces"))
        }
        if old.properties != new.properties {
            for var change in ValueComparer.changes(.map(old.properties), .map(new.properties), at: .key("Properties"), type: new.type) {
                // Replacement facts are the new type's (a type change replaces anyway).
                let (changeImpact, reason) = ReplacementRules.impact(of: change, type: new.type)
                change.impact = changeImpact
                change.reason = reason
                if changeImpact > impact { impact = changeImpact }
                if let reason, changeImpact >= .mayReplace { reasons.append("\(change.path): \(reason)") }
                changes.append(change)
            }
        }
        if old.attributes != new.attributes {
            for change in ValueComparer.changes(.map(old.attributes), .map(new.attributes), at: PropertyPath()) {
                changes.append(change)
                impact = max(impact, .update)
            }
        }
        if old.metadata != new.metadata {
            for var change in ValueComparer.changes(.map(old.metadata), .map(new.metadata), at: .key("Metadata")) {
                change.impact = .none
                changes.append(change)
            }
        }
        if changes.isEmpty { return nil }
        return Direct(impact: impact, reasons: Array(Set(reasons)).sorted(), changes: changes)
    }
}
