import StackTemplate

/// The parameter values a deploy would send, against those the deployed stack was given: entries of
/// the `ParameterValues` section. A template can be unchanged while a value changes (an environment
/// file edit), and CloudFormation updates the stack then.
///
/// A `NoEcho` value is never shown: `****` on both sides. AWS answers `****` for the deployed one, so
/// it cannot be compared there and is left out; an emulator that returns it is compared, still masked.
public enum ParameterValueDiffer {
    public static let section = "ParameterValues"

    /// `new` holds the environment's values; a parameter without one gets its template Default.
    public static func entries(deployed: [String: String], new: [String: String], template: Template) -> [EntryChange] {
        var entries: [EntryChange] = []
        for name in template.parameters.keys.sorted() {
            let parameter = template.parameters[name]!
            guard let value = new[name] ?? parameter.defaultValue.flatMap(Self.text) else { continue }
            let old = deployed[name]
            if parameter.noEcho && old == ParameterConstraints.mask { continue }
            guard old != value else { continue }
            let shown: (String) -> TemplateValue = { .string(parameter.noEcho ? ParameterConstraints.mask : $0) }
            let label = parameter.noEcho ? "\(name) (NoEcho)" : name
            entries.append(EntryChange(section: section, name: label, kind: old == nil ? .added : .modified,
                                       changes: [PropertyChange(path: PropertyPath(), old: old.map(shown), new: shown(value))]))
        }
        return entries
    }

    /// A Default as CloudFormation sends it: text, lists comma-separated.
    static func text(_ value: TemplateValue) -> String? {
        if let text = value.stringValue { return text }
        if case .list(let items) = value { return items.compactMap(\.stringValue).joined(separator: ",") }
        return nil
    }
}
