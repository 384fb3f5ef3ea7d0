/// Reads a parsed document as a `Template`, section by section. Anything the model cannot hold
/// (an unknown section, a resource attribute such as `CreationPolicy`) is an error naming it rather
/// than something silently dropped.
enum TemplateDecoder {
    typealias Entries = [(key: String, keyMark: SourceMark, value: SourceNode)]

    static let sections = [
        "AWSTemplateFormatVersion", "Description", "Transform", "Metadata", "Parameters", "Mappings",
        "Conditions", "Resources", "Outputs",
    ]

    static func template(_ root: SourceNode) throws -> Template {
        let entries = try self.entries(root, what: "a template")
        let unknown = entries.filter { !sections.contains($0.key) }
        if let first = unknown.first {
            let names = unknown.map(\.key).joined(separator: ", ")
            throw TemplateParseError(
                "unknown top-level section\(unknown.count > 1 ? "s" : "") \(names); expected "
                    + sections.joined(separator: ", "), at: first.keyMark)
        }
        var t = Template(formatVersion: nil)
        for (key, _, node) in entries {
            switch key {
            case "AWSTemplateFormatVersion": t.formatVersion = try ValueDecoder.string(node, what: key)
            case "Description": t.description = try ValueDecoder.string(node, what: key)
            case "Transform": t.transforms = try strings(node, what: key)
            case "Metadata": t.metadata = try ValueDecoder.map(node, what: key)
            case "Mappings": t.mappings = try ValueDecoder.map(node, what: key)
            case "Conditions":
                for (name, _, condition) in try self.entries(node, what: key) {
                    t.conditions[name] = try ValueDecoder.value(condition, inCondition: true)
                }
            case "Parameters":
                for (name, _, parameter) in try self.entries(node, what: key) {
                    t.parameters[name] = try self.parameter(name, parameter)
                }
            case "Resources":
                for (name, _, resource) in try self.entries(node, what: key) {
                    t.resources[name] = try self.resource(name, resource)
                }
            case "Outputs":
                for (name, _, output) in try self.entries(node, what: key) {
                    t.outputs[name] = try self.output(name, output)
                }
            default: break  // rejected above
            }
        }
        return t
    }

    private static func resource(_ name: String, _ node: SourceNode) throws -> Resource {
        let entries = try self.entries(node, what: "resource \(name)")
        guard let typeEntry = entries.first(where: { $0.key == "Type" }) else {
            throw TemplateParseError("resource \(name) has no Type", at: node.mark)
        }
        var r = Resource(type: try ValueDecoder.string(typeEntry.value, what: "\(name).Type"))
        for (key, keyMark, value) in entries {
            let what = "\(name).\(key)"
            switch key {
            case "Type": break
            case "Properties": r.properties = TemplateMap(try ValueDecoder.map(value, what: what))
            case "DependsOn": r.dependsOn = try strings(value, what: what)
            case "Condition": r.condition = try ValueDecoder.string(value, what: what)
            case "DeletionPolicy": r.deletionPolicy = try policy(value, what: what)
            case "UpdateReplacePolicy": r.updateReplacePolicy = try policy(value, what: what)
            case "Metadata": r.metadata = TemplateMap(try ValueDecoder.map(value, what: what))
            default:
                throw TemplateParseError(
                    "resource \(name): unsupported attribute \(key); expected Type, Properties, DependsOn, "
                        + "Condition, DeletionPolicy, UpdateReplacePolicy or Metadata", at: keyMark)
            }
        }
        return r
    }

    private static func parameter(_ name: String, _ node: SourceNode) throws -> Parameter {
        let entries = try self.entries(node, what: "parameter \(name)")
        guard let typeEntry = entries.first(where: { $0.key == "Type" }) else {
            throw TemplateParseError("parameter \(name) has no Type", at: node.mark)
        }
        var p = Parameter(type: try ValueDecoder.string(typeEntry.value, what: "\(name).Type"))
        for (key, keyMark, value) in entries {
            let what = "\(name).\(key)"
            switch key {
            case "Type": break
            case "Description": p.description = try ValueDecoder.string(value, what: what)
            case "Default": p.defaultValue = try ValueDecoder.value(value)
            case "AllowedValues":
                guard case .list(let items) = value.kind else {
                    throw TemplateParseError("\(what) must be a list, found \(value.kindName)", at: value.mark)
                }
                p.allowedValues = try items.map { try ValueDecoder.value($0) }
            case "AllowedPattern": p.allowedPattern = try ValueDecoder.string(value, what: what)
            case "ConstraintDescription": p.constraintDescription = try ValueDecoder.string(value, what: what)
            case "NoEcho": p.noEcho = try bool(value, what: what)
            case "MinLength": p.minLength = try int(value, what: what)
            case "MaxLength": p.maxLength = try int(value, what: what)
            case "MinValue": p.minValue = try int(value, what: what)
            case "MaxValue": p.maxValue = try int(value, what: what)
            default:
                throw TemplateParseError("parameter \(name): unknown property \(key)", at: keyMark)
            }
        }
        return p
    }

    private static func output(_ name: String, _ node: SourceNode) throws -> Output {
        let entries = try self.entries(node, what: "output \(name)")
        guard let valueEntry = entries.first(where: { $0.key == "Value" }) else {
            throw TemplateParseError("output \(name) has no Value", at: node.mark)
        }
        var o = Output(value: try ValueDecoder.value(valueEntry.value))
        for (key, keyMark, value) in entries {
            let what = "\(name).\(key)"
            switch key {
            case "Value": break
            case "Description": o.description = try ValueDecoder.string(value, what: what)
            case "Condition": o.condition = try ValueDecoder.string(value, what: what)
            case "Export":
                let export = try self.entries(value, what: what)
                guard export.count == 1, export[0].key == "Name" else {
                    throw TemplateParseError("\(what) must be {Name: ...}", at: value.mark)
                }
                o.exportName = try ValueDecoder.value(export[0].value)
            default:
                throw TemplateParseError("output \(name): unknown property \(key)", at: keyMark)
            }
        }
        return o
    }

    private static func entries(_ node: SourceNode, what: String) throws -> Entries {
        guard case .map(let entries) = node.kind else {
            throw TemplateParseError("\(what) must be a map, found \(node.kindName)", at: node.mark)
        }
        return entries
    }

    /// A string or a list of strings (`DependsOn`, `Transform`).
    private static func strings(_ node: SourceNode, what: String) throws -> [String] {
        if case .list(let items) = node.kind {
            return try items.map { try ValueDecoder.string($0, what: "each of \(what)") }
        }
        return [try ValueDecoder.string(node, what: what)]
    }

    private static func policy(_ node: SourceNode, what: String) throws -> DeletionPolicy {
        let text = try ValueDecoder.string(node, what: what)
        guard let policy = DeletionPolicy(rawValue: text) else {
            let allowed = DeletionPolicy.allCases.map(\.rawValue).joined(separator: ", ")
            throw TemplateParseError("\(what) must be one of \(allowed), found \(text)", at: node.mark)
        }
        return policy
    }

    /// A bool, or the strings `true`/`false` that JSON templates often use.
    private static func bool(_ node: SourceNode, what: String) throws -> Bool {
        switch node.kind {
        case .scalar(.bool(let b)): return b
        case .scalar(.string(let s)) where s.lowercased() == "true": return true
        case .scalar(.string(let s)) where s.lowercased() == "false": return false
        default: throw TemplateParseError("\(what) must be true or false, found \(node.kindName)", at: node.mark)
        }
    }

    /// An int, or a string holding one (CloudFormation accepts both).
    private static func int(_ node: SourceNode, what: String) throws -> Int {
        switch node.kind {
        case .scalar(.int(let i)): return i
        case .scalar(.string(let s)) where Int(s) != nil: return Int(s)!
        default: throw TemplateParseError("\(what) must be an integer, found \(node.kindName)", at: node.mark)
        }
    }
}
