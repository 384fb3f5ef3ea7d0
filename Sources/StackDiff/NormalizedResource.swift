import StackTemplate

/// A resource with its values normalized (`ValueNormalizer`) and its attributes as template values, so
/// that both sides of a diff compare field by field.
struct NormalizedResource {
    var raw: Resource
    var type: String { raw.type }
    var properties: [String: TemplateValue]
    /// `DependsOn` (a sorted set), `Condition`, `DeletionPolicy`, `UpdateReplacePolicy`.
    var attributes: [String: TemplateValue]
    var metadata: [String: TemplateValue]

    init(_ resource: Resource) {
        raw = resource
        var properties: [String: TemplateValue] = [:]
        properties.reserveCapacity(resource.properties.count)
        for (key, value) in resource.properties {
            let normalized = ValueNormalizer.normalize(.map([key: value]), type: resource.type)
            properties[key] = normalized[key]
        }
        self.properties = properties
        var attributes: [String: TemplateValue] = [:]
        if !resource.dependsOn.isEmpty {
            attributes["DependsOn"] = .list(Array(Set(resource.dependsOn)).sorted().map(TemplateValue.string))
        }
        if let c = resource.condition { attributes["Condition"] = .string(c) }
        if let p = resource.deletionPolicy { attributes["DeletionPolicy"] = .string(p.rawValue) }
        if let p = resource.updateReplacePolicy { attributes["UpdateReplacePolicy"] = .string(p.rawValue) }
        self.attributes = attributes
        metadata = resource.metadata.mapValues { ValueNormalizer.normalize($0) }.dictionary
    }
}

extension Resource {
    /// The values at a property path (`*` is any list item), for reading create-only properties.
    func values(at path: [String]) -> [TemplateValue] {
        var current: [TemplateValue] = properties[path[0]].map { [$0] } ?? []
        for key in path.dropFirst() {
            current = current.flatMap { value -> [TemplateValue] in
                switch value {
                case .map(let fields): return fields[key].map { [$0] } ?? []
                case .list(let items) where key == "*": return items
                default: return []
                }
            }
        }
        return current
    }
}
