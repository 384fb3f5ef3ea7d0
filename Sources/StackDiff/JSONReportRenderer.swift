import StackTemplate

/// The machine-readable report, schema version 1 (documented in docs/diff-json-schema.md). Keys are
/// sorted and absent fields omitted, so the same diff always gives the same bytes. Values (`old`,
/// `new`) are template values in long form (`{"Fn::GetAtt": [...]}`), normalized (scalars as strings).
public enum JSONReportRenderer {
    public static let schemaVersion = 1

    public static func render(_ report: DiffReport) throws -> String {
        try JSONRenderer.render(value(report), pretty: true)
    }

    static func value(_ report: DiffReport) -> TemplateValue {
        var root: [String: TemplateValue] = [
            "schemaVersion": .int(schemaVersion),
            "base": .string(report.baseLabel),
            "summary": [
                "hasChanges": .bool(report.hasChanges),
                "hasReplacement": .bool(report.hasReplacement),
                "hasDataLoss": .bool(report.has(.dataLoss)),
                "hasPermissionBroadening": .bool(report.has(.permissionBroadening)),
                "stacksChanged": .int(report.stacks.filter(\.hasChanges).count),
                "text": .string(Summary.line(report)),
            ],
            "stacks": .list(report.stacks.map(stack)),
        ]
        if let env = report.environment { root["environment"] = .string(env) }
        return .map(root)
    }

    private static func stack(_ s: StackDiff) -> TemplateValue {
        var counts: [String: TemplateValue] = [:]
        for impact in Impact.allCases where impact != .none { counts[impact.rawValue] = .int(s.count(impact)) }
        return [
            "name": .string(s.name),
            "status": .string(s.status.rawValue),
            "counts": .map(counts),
            "resources": .list(s.resources.map(resource)),
            "metadataOnly": .list(s.metadataOnly.map(TemplateValue.string)),
            "entries": .list(s.entries.map { e in
                ["section": .string(e.section), "name": .string(e.name), "kind": .string(e.kind.rawValue),
                 "changes": .list(e.changes.map(change))]
            }),
            "iam": .list(s.iam.map { i in
                var m: [String: TemplateValue] = [
                    "logicalId": .string(i.logicalID), "type": .string(i.type), "source": .string(i.source),
                    "added": .list(i.added.map(TemplateValue.string)), "removed": .list(i.removed.map(TemplateValue.string)),
                    "broadens": .bool(i.broadens),
                ]
                if let p = i.constructPath { m["constructPath"] = .string(p) }
                return .map(m)
            }),
        ]
    }

    private static func resource(_ r: ResourceChange) -> TemplateValue {
        var m: [String: TemplateValue] = [
            "logicalId": .string(r.logicalID), "type": .string(r.type), "impact": .string(r.impact.rawValue),
            "reasons": .list(r.reasons.map(TemplateValue.string)),
            "changes": .list(r.changes.map(change)),
            "risks": .list(r.risks.map { ["kind": .string($0.kind.rawValue), "message": .string($0.message)] }),
        ]
        if let p = r.constructPath { m["constructPath"] = .string(p) }
        if let t = r.oldType { m["oldType"] = .string(t) }
        return .map(m)
    }

    private static func change(_ c: PropertyChange) -> TemplateValue {
        var m: [String: TemplateValue] = ["path": .string(c.path.description), "impact": .string(c.impact.rawValue)]
        if let o = c.old { m["old"] = o }
        if let n = c.new { m["new"] = n }
        if let r = c.reason { m["reason"] = .string(r) }
        return .map(m)
    }
}
