import StackTemplate

/// The permission changes of one resource, document by document: statements added and removed, and
/// whether the additions widen access (`PermissionCoverage`).
enum IAMDiffer {
    static func changes(id: String, path: String?, type: String, old: NormalizedResource?, new: NormalizedResource?) -> [IAMChange] {
        let before = old.map(PolicyStatements.documents) ?? [:]
        let after = new.map(PolicyStatements.documents) ?? [:]
        if before.isEmpty && after.isEmpty { return [] }
        var out: [IAMChange] = []
        for source in Set(before.keys).union(after.keys).sorted() {
            let o = before[source]?.statements ?? [:], n = after[source]?.statements ?? [:]
            let addedKeys = n.keys.filter { o[$0] == nil }.sorted()
            let removedKeys = o.keys.filter { n[$0] == nil }.sorted()
            if addedKeys.isEmpty && removedKeys.isEmpty { continue }
            let added = addedKeys.map { n[$0]! }, removed = removedKeys.map { o[$0]! }
            let broadens = PermissionCoverage.broadens(added: added, removed: removed, before: Array(o.values))
            out.append(IAMChange(
                logicalID: id, constructPath: path, type: type,
                source: source == "AssumeRolePolicyDocument" ? "AssumeRolePolicyDocument (trust)" : source,
                added: added.map(PolicyStatements.describe).sorted(), removed: removed.map(PolicyStatements.describe).sorted(),
                broadens: broadens))
        }
        return out
    }

    static func summary(_ change: IAMChange) -> String {
        var parts: [String] = []
        if !change.added.isEmpty { parts.append("\(change.added.count) added") }
        if !change.removed.isEmpty { parts.append("\(change.removed.count) removed") }
        return parts.joined(separator: ", ") + " — access widens"
    }
}
