import StackTemplate

/// Compares two templates of one stack: resources (with impacts, propagation, risks and IAM changes),
/// then outputs, parameters, conditions, mappings and the template's own fields.
public enum TemplateDiffer {
    /// `old == nil`: the stack is new; `new == nil`: the stack is removed. `hints` are CloudFormation's
    /// replacement answers from a change set (logical ID → hint); where given they decide between
    /// update, may-replace and replace, since CloudFormation knows the deployed values.
    public static func diff(stack name: String, old: Template?, new: Template?,
                            hints: [String: ReplacementHint] = [:]) -> StackDiff {
        let status: StackDiff.Status = old == nil ? .added : new == nil ? .removed : .modified
        let oldT = old ?? Template(formatVersion: nil), newT = new ?? Template(formatVersion: nil)
        if old != nil, old == new, hints.isEmpty {
            return StackDiff(name: name, status: .unchanged, resources: [], metadataOnly: [], entries: [], iam: [])
        }
        let entries = EntryDiffer.entries(oldT, newT)
        // Parameters whose value at deploy time may differ: a new default, type or allowed set (a new
        // description changes nothing a resource sees).
        let valueFields: Set<PathComponent> = [.key("Default"), .key("Type"), .key("AllowedValues")]
        let changedParameters = entries.filter { entry in
            entry.section == "Parameters"
                && (entry.kind != .modified || entry.changes.contains { $0.path.components.first.map(valueFields.contains) ?? false })
        }.map(\.name)
        var (resources, metadataOnly, iam) = resourceChanges(oldT, newT, changedParameters: changedParameters, hints: hints)
        resources.sort { $0.logicalID < $1.logicalID }
        var diff = StackDiff(name: name, status: status, resources: resources, metadataOnly: metadataOnly.sorted(),
                             entries: entries, iam: iam.sorted { ($0.logicalID, $0.source) < ($1.logicalID, $1.source) })
        if status == .modified && !diff.hasChanges { diff.status = .unchanged }
        return diff
    }

    private static func resourceChanges(_ oldT: Template, _ newT: Template, changedParameters: [String],
                                        hints: [String: ReplacementHint])
        -> ([ResourceChange], [String], [IAMChange])
    {
        var oldN: [String: NormalizedResource] = [:], newN: [String: NormalizedResource] = [:]
        var direct: [String: ResourceDiffer.Direct] = [:]
        var impacts: [String: Impact] = [:]
        var reasons: [String: [String]] = [:]
        var fixed: Set<String> = []
        for id in Set(oldT.resources.keys).union(newT.resources.keys) {
            let o = oldT.resources[id], n = newT.resources[id]
            if let o, let n, o == n { continue }  // the common case: untouched, nothing to normalize
            switch (o, n) {
            case (let o?, let n?):
                let a = NormalizedResource(o), b = NormalizedResource(n)
                oldN[id] = a; newN[id] = b
                if let d = ResourceDiffer.diff(old: a, new: b) {
                    direct[id] = d
                    impacts[id] = d.impact
                    reasons[id] = d.reasons
                }
            case (let o?, nil):
                oldN[id] = NormalizedResource(o)
                impacts[id] = DataLoss.keeps(o.deletionPolicy) && o.deletionPolicy != .snapshot ? .orphan : .remove
                fixed.insert(id)
            case (nil, let n?):
                newN[id] = NormalizedResource(n)
                impacts[id] = .add
                fixed.insert(id)
            default: break
            }
        }

        // Propagation needs the reference graph of the whole new template, but only when something is
        // replaced or a parameter changed.
        var sources: [(name: String, impact: Impact, what: String)] = []
        for (id, impact) in impacts where impact == .replace || impact == .mayReplace {
            sources.append((id, impact, impact == .replace ? "which is replaced" : "which may be replaced"))
        }
        for p in changedParameters { sources.append((p, .mayReplace, "a parameter whose definition changed")) }
        if !sources.isEmpty {
            sources.sort { $0.name < $1.name }
            let edges = ReplacementPropagation.edges(newT.resources)
            ReplacementPropagation.propagate(edges: edges, sources: sources, fixed: fixed, impacts: &impacts, reasons: &reasons)
            // Resources reached only by propagation are unchanged themselves: one normalized copy serves both sides.
            for id in impacts.keys where newN[id] == nil && oldN[id] == nil {
                let same = NormalizedResource(newT.resources[id]!)
                oldN[id] = same; newN[id] = same
            }
        }

        for (id, hint) in hints.sorted(by: { $0.key < $1.key }) {
            guard let impact = impacts[id] else {
                // CloudFormation changes a resource whose definition did not change (a parameter's value or
                // a dynamic reference did): its word is the truth.
                guard let o = oldT.resources[id], let n = newT.resources[id] else { continue }
                impacts[id] = hint.impact
                reasons[id, default: []].append("CloudFormation's change set says Replacement: \(hint.rawValue) (its definition here is unchanged)")
                oldN[id] = NormalizedResource(o); newN[id] = NormalizedResource(n)
                continue
            }
            guard impact >= .update, impact <= .replace, impact != hint.impact else { continue }
            impacts[id] = hint.impact
            reasons[id, default: []].append("CloudFormation's change set says Replacement: \(hint.rawValue)")
        }

        var changes: [ResourceChange] = []
        var metadataOnly: [String] = []
        var iam: [IAMChange] = []
        for (id, impact) in impacts {
            let o = oldN[id], n = newN[id]
            let path = n?.raw.constructPath ?? o?.raw.constructPath
            let type = (n ?? o)!.type
            let permissions = IAMDiffer.changes(id: id, path: path, type: type, old: o, new: n)
            iam += permissions
            if impact == .none { metadataOnly.append(id); continue }
            var risks: [Risk] = []
            if let risk = DataLoss.risk(impact: impact, old: o?.raw, new: n?.raw) { risks.append(risk) }
            for p in permissions where p.broadens {
                risks.append(Risk(kind: .permissionBroadening, message: "\(p.source): \(IAMDiffer.summary(p))"))
            }
            let oldType = o.flatMap { $0.type != type ? $0.type : nil }
            var why = reasons[id] ?? []
            if impact == .replace, let o, let n, oldType == nil, let kept = CustomName.kept(old: o, new: n) { why.append(kept) }
            changes.append(ResourceChange(
                logicalID: id, constructPath: path, type: type, oldType: oldType, impact: impact,
                reasons: Array(Set(why)).sorted(), changes: direct[id]?.changes ?? [], risks: risks))
        }
        return (changes, metadataOnly, iam)
    }
}
