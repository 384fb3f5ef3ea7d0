import StackTemplate

/// Decides whether an added statement widens access, given the statements that were there before.
/// An added Allow is covered (not a broadening) when one old Allow statement of the same document
/// grants at least as much: same principal, same or no condition, every action and resource matched
/// by one of the old ones (IAM wildcards `*` and `?`; intrinsic values must be equal). A removed Deny
/// broadens too. When in doubt it broadens: a reviewer looks once too often rather than once too few.
enum PermissionCoverage {
    static func broadens(added: [TemplateValue], removed: [TemplateValue], before: [TemplateValue]) -> Bool {
        if removed.contains(where: { effect($0) == "Deny" }) { return true }
        let oldAllows = before.filter { effect($0) == "Allow" }
        return added.contains { statement in
            guard effect(statement) == "Allow" else { return false }
            return !oldAllows.contains { covers($0, statement) }
        }
    }

    private static func effect(_ statement: TemplateValue) -> String? { statement["Effect"]?.stringValue }

    static func covers(_ old: TemplateValue, _ new: TemplateValue) -> Bool {
        // Exact-match fields: who it applies to and under what conditions (an old statement without a
        // condition covers a new one with a condition).
        for key in ["Principal", "NotPrincipal", "NotAction", "NotResource", "ManagedPolicy"] where old[key] != new[key] {
            return false
        }
        if let condition = old["Condition"], condition != new["Condition"] { return false }
        return within(new["Action"], old["Action"], caseInsensitive: true)
            && within(new["Resource"], old["Resource"], caseInsensitive: false)
    }

    /// Every member of `inner` is matched by a member of `outer`.
    private static func within(_ inner: TemplateValue?, _ outer: TemplateValue?, caseInsensitive: Bool) -> Bool {
        let patterns = PolicyStatements.members(outer)
        return PolicyStatements.members(inner).allSatisfy { item in
            patterns.contains { pattern in
                if pattern == item { return true }
                guard case .string(let p) = pattern else { return false }
                if p == "*" { return true }
                guard case .string(let s) = item else { return false }
                return caseInsensitive ? Glob.matches(p.lowercased(), s.lowercased()) : Glob.matches(p, s)
            }
        }
    }
}

/// IAM-style wildcards: `*` any run of characters, `?` one character. A pattern only covers a value
/// that is itself a pattern when it covers it literally (`s3:Get*` covers `s3:GetObject*`).
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8), t = Array(text.utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == UInt8(ascii: "?") || p[pi] == t[ti]) && !(p[pi] == UInt8(ascii: "?") && t[ti] == UInt8(ascii: "*")) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
