import StackTemplate

/// Differences outside `Resources`: outputs, parameters, conditions, mappings and the template's own
/// fields, each entry as a map of normalized fields compared with `ValueComparer`.
enum EntryDiffer {
    static func entries(_ old: Template, _ new: Template) -> [EntryChange] {
        var out: [EntryChange] = []
        func section(_ name: String, _ a: [String: TemplateValue], _ b: [String: TemplateValue]) {
            for key in Set(a.keys).union(b.keys).sorted() {
                let x = a[key].map { ValueNormalizer.normalize($0) }, y = b[key].map { ValueNormalizer.normalize($0) }
                if x == y { continue }
                let kind: EntryChange.Kind = x == nil ? .added : y == nil ? .removed : .modified
                let changes = kind == .modified ? ValueComparer.changes(x, y, at: PropertyPath()) : []
                out.append(EntryChange(section: name, name: key, kind: kind, changes: changes))
            }
        }
        section("Template", fields(old), fields(new))
        section("Parameters", old.parameters.mapValues(value), new.parameters.mapValues(value))
        section("Conditions", old.conditions, new.conditions)
        section("Mappings", old.mappings, new.mappings)
        section("Outputs", old.outputs.mapValues(value), new.outputs.mapValues(value))
        return out
    }

    private static func fields(_ t: Template) -> [String: TemplateValue] {
        var out: [String: TemplateValue] = [:]
        if let d = t.description { out["Description"] = .string(d) }
        if !t.transforms.isEmpty { out["Transform"] = .list(t.transforms.map(TemplateValue.string)) }
        if !t.metadata.isEmpty { out["Metadata"] = .map(t.metadata) }
        return out
    }

    private static func value(_ p: Parameter) -> TemplateValue {
        var m: [String: TemplateValue] = ["Type": .string(p.type)]
        if let v = p.description { m["Description"] = .string(v) }
        if let v = p.defaultValue { m["Default"] = v }
        if !p.allowedValues.isEmpty { m["AllowedValues"] = .list(p.allowedValues) }
        if let v = p.allowedPattern { m["AllowedPattern"] = .string(v) }
        if p.noEcho { m["NoEcho"] = true }
        if let v = p.minLength { m["MinLength"] = .int(v) }
        if let v = p.maxLength { m["MaxLength"] = .int(v) }
        if let v = p.minValue { m["MinValue"] = .int(v) }
        if let v = p.maxValue { m["MaxValue"] = .int(v) }
        if let v = p.constraintDescription { m["ConstraintDescription"] = .string(v) }
        return .map(m)
    }

    private static func value(_ o: Output) -> TemplateValue {
        var m: [String: TemplateValue] = ["Value": o.value]
        if let v = o.description { m["Description"] = .string(v) }
        if let v = o.exportName { m["Export"] = ["Name": v] }
        if let v = o.condition { m["Condition"] = .string(v) }
        return .map(m)
    }
}
