import StackTemplate

/// Replacement travels along references: a resource whose create-only property refers (`Ref`,
/// `Fn::GetAtt`, `Fn::Sub`) to a replaced resource gets a new value there and is replaced too, and so on
/// transitively. A create-only property that uses a parameter whose definition changed may be replaced
/// (the value depends on what deploy passes). A reference from an ordinary property only updates.
enum ReplacementPropagation {
    struct Edge {
        var dependant: String
        var property: String
        var createOnly: Bool
    }

    /// Who refers to whom, from the new template: target name → edges. References read the same before
    /// and after normalization, so the raw resources serve (most of them are unchanged).
    static func edges(_ resources: [String: Resource]) -> [String: [Edge]] {
        var out: [String: [Edge]] = [:]
        for (id, resource) in resources {
            let createOnly = createOnlyPaths(resource.type)
            for (key, value) in resource.properties {
                let names = referencedNames(value)
                if names.isEmpty { continue }
                // Names used inside a create-only part of this property.
                var createOnlyNames: Set<String> = []
                for path in createOnly where path[0] == key {
                    for v in resource.values(at: path) { createOnlyNames.formUnion(referencedNames(v)) }
                }
                for name in names {
                    let isCreateOnly = createOnlyNames.contains(name)
                    let label = isCreateOnly ? createOnly.first { $0[0] == key }!.joined(separator: ".") : key
                    out[name, default: []].append(Edge(dependant: id, property: "Properties." + label, createOnly: isCreateOnly))
                }
            }
        }
        return out
    }

    private static func referencedNames(_ value: TemplateValue) -> Set<String> {
        var names: Set<String> = []
        References.collect(value, into: &names)
        return names
    }

    private static func createOnlyPaths(_ type: String) -> [[String]] {
        ReplacementRules.replacingPaths(type)
    }

    /// Raises impacts in place: `impacts`/`reasons` hold every changed resource; `sources` are the
    /// replaced resources and changed parameters the walk starts from. Resources in `fixed` (added or
    /// removed) are not touched.
    static func propagate(edges: [String: [Edge]], sources: [(name: String, impact: Impact, what: String)],
                          fixed: Set<String>, impacts: inout [String: Impact], reasons: inout [String: [String]]) {
        var queue = sources
        // The strongest impact each name was walked with: a later, stronger one walks it again.
        var walked = Dictionary(sources.map { ($0.name, $0.impact) }, uniquingKeysWith: { max($0, $1) })
        var index = 0
        while index < queue.count {
            let (name, impact, what) = queue[index]
            index += 1
            for edge in edges[name] ?? [] where !fixed.contains(edge.dependant) {
                let current = impacts[edge.dependant] ?? .none
                if edge.createOnly {
                    let reason = "\(edge.property) refers to \(name), \(what)"
                    reasons[edge.dependant, default: []].append(reason)
                    if impact > current { impacts[edge.dependant] = impact }
                    if impact > (walked[edge.dependant] ?? .none) {
                        walked[edge.dependant] = impact
                        queue.append((edge.dependant, impact, impact == .replace ? "which is replaced" : "which may be replaced"))
                    }
                } else if impact == .replace {
                    reasons[edge.dependant, default: []].append("\(edge.property) refers to \(name), \(what): its value changes")
                    if current < .update { impacts[edge.dependant] = .update }
                }
            }
        }
    }
}
