import StackTemplate

/// The detailed lines of a stack's diff, shared by the text renderer (with colours) and the markdown
/// renderer (inside a collapsible `diff` block): resources, their reasons and property changes, the
/// other sections, the IAM section and the metadata-only resources.
enum DetailLines {
    enum Style { case plain, added, removed, changed, replaced, note, heading }

    struct Line {
        var indent: Int
        var text: String
        var style: Style
    }

    static func symbol(_ impact: Impact) -> String {
        switch impact {
        case .add: return "+"
        case .remove: return "-"
        case .orphan: return "-"
        case .update, .none: return "~"
        case .mayReplace: return "?"
        case .replace: return "±"
        }
    }

    static func style(_ impact: Impact) -> Style {
        switch impact {
        case .add: return .added
        case .remove, .replace: return .removed
        case .orphan: return .note
        case .update, .mayReplace, .none: return .changed
        }
    }

    /// `Quotes (MarketStream/Quotes) AWS::DynamoDB::Table`
    static func title(_ logicalID: String, _ path: String?, _ type: String) -> String {
        path.map { "\(logicalID) (\($0)) \(type)" } ?? "\(logicalID) \(type)"
    }

    static func resourceHeader(_ r: ResourceChange) -> String {
        let type = r.oldType.map { "\($0) → \(r.type)" } ?? r.type
        let label: String
        switch r.impact {
        case .orphan: label = "orphan: removed from the stack, kept in the account (DeletionPolicy: Retain)"
        default: label = r.impact.rawValue
        }
        return "\(symbol(r.impact)) \(title(r.logicalID, r.constructPath, type))  [\(label)]"
    }

    static func change(_ c: PropertyChange, label: String? = nil) -> Line {
        let path = label ?? c.path.description
        let tag = c.impact >= .mayReplace ? "  [\(c.impact.rawValue)]" : ""
        switch (c.old, c.new) {
        case (nil, let n?): return Line(indent: 2, text: "+ \(path): \(ValueFormatter.short(n))\(tag)", style: .added)
        case (let o?, nil): return Line(indent: 2, text: "- \(path): \(ValueFormatter.short(o))\(tag)", style: .removed)
        case (let o?, let n?):
            return Line(indent: 2, text: "~ \(path): \(ValueFormatter.short(o)) → \(ValueFormatter.short(n))\(tag)", style: .changed)
        case (nil, nil): return Line(indent: 2, text: "~ \(path)", style: .changed)
        }
    }

    static func lines(_ stack: StackDiff) -> [Line] {
        var out: [Line] = []
        for r in stack.resources {
            out.append(Line(indent: 0, text: resourceHeader(r), style: style(r.impact)))
            for reason in r.reasons { out.append(Line(indent: 2, text: reason.hasPrefix("note:") ? reason : "why: \(reason)", style: .note)) }
            for c in r.changes where c.impact != .none { out.append(change(c)) }
        }
        for section in ["Template", "Parameters", ParameterValueDiffer.section, "Conditions", "Mappings", "Outputs"] {
            let entries = stack.entries.filter { $0.section == section }
            if entries.isEmpty { continue }
            out.append(Line(indent: 0, text: "\(section):", style: .heading))
            for e in entries {
                switch e.kind {
                case .added: out.append(Line(indent: 2, text: "+ \(e.name)", style: .added))
                case .removed: out.append(Line(indent: 2, text: "- \(e.name)", style: .removed))
                case .modified:
                    for c in e.changes {
                        let label = c.path.components.isEmpty ? e.name : "\(e.name).\(c.path)"
                        out.append(change(c, label: label))
                    }
                }
            }
        }
        if !stack.iam.isEmpty {
            out.append(Line(indent: 0, text: "IAM (statements added and removed):", style: .heading))
            for i in stack.iam {
                let verdict = i.broadens ? "broadens" : "does not broaden"
                out.append(Line(indent: 2, text: "\(title(i.logicalID, i.constructPath, i.type)) \(i.source): \(verdict)", style: i.broadens ? .removed : .plain))
                for s in i.added { out.append(Line(indent: 4, text: "+ \(s)", style: .added)) }
                for s in i.removed { out.append(Line(indent: 4, text: "- \(s)", style: .removed)) }
            }
        }
        if !stack.metadataOnly.isEmpty {
            out.append(Line(indent: 0, text: "metadata only (no effect on resources): \(stack.metadataOnly.joined(separator: ", "))", style: .note))
        }
        return out
    }

    /// `1 to add, 2 to update, 1 to replace` (only the non-zero counts), or `no changes`.
    static func counts(_ stack: StackDiff) -> String {
        let names: [(Impact, String)] = [(.add, "to add"), (.update, "to update"), (.mayReplace, "may be replaced"),
                                         (.replace, "to replace"), (.remove, "to remove"), (.orphan, "to orphan")]
        var parts = names.compactMap { impact, label in stack.count(impact) > 0 ? "\(stack.count(impact)) \(label)" : nil }
        let others = stack.entries.count
        if others > 0 { parts.append("\(others) other change\(others == 1 ? "" : "s")") }
        if !stack.metadataOnly.isEmpty { parts.append("\(stack.metadataOnly.count) metadata only") }
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }
}
