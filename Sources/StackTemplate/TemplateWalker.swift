/// The events a renderer turns into text. Both renderers share one walk over the template, so
/// section order, key order and the long form of intrinsics are decided in a single place.
protocol TreeWriter {
    /// `count` is the number of keys that follow; YAML needs to know up front whether to write `{}`.
    mutating func beginMap(count: Int)
    mutating func key(_ key: String)
    mutating func endMap()
    mutating func beginList(count: Int)
    mutating func endList()
    mutating func string(_ value: String)
    mutating func int(_ value: Int)
    /// Finite values only; the walker rejects the others.
    mutating func double(_ value: Double)
    mutating func bool(_ value: Bool)
    mutating func null()
}

/// Walks a template in its fixed output order: sections in CloudFormation's usual order, names and
/// map keys sorted, intrinsics in long form (`Ref`, `Fn::GetAtt: [A, B]`) so every parser reads them.
struct TemplateWalker<Writer: TreeWriter> {
    var writer: Writer

    mutating func template(_ t: Template) throws {
        let present: [Bool] = [
            t.formatVersion != nil, t.description != nil, !t.transforms.isEmpty, !t.metadata.isEmpty,
            !t.parameters.isEmpty, !t.mappings.isEmpty, !t.conditions.isEmpty, !t.resources.isEmpty,
            !t.outputs.isEmpty,
        ]
        writer.beginMap(count: present.lazy.filter { $0 }.count)
        if let version = t.formatVersion { writer.key("AWSTemplateFormatVersion"); writer.string(version) }
        if let description = t.description { writer.key("Description"); writer.string(description) }
        if !t.transforms.isEmpty {
            writer.key("Transform")
            // One transform is written as a string, the way templates usually spell it.
            if t.transforms.count == 1 { writer.string(t.transforms[0]) } else { strings(t.transforms) }
        }
        if !t.metadata.isEmpty { writer.key("Metadata"); try map(t.metadata) }
        if !t.parameters.isEmpty {
            writer.key("Parameters")
            try named(t.parameters) { walker, p in try walker.parameter(p) }
        }
        if !t.mappings.isEmpty { writer.key("Mappings"); try map(t.mappings) }
        if !t.conditions.isEmpty { writer.key("Conditions"); try map(t.conditions) }
        if !t.resources.isEmpty {
            writer.key("Resources")
            try named(t.resources) { walker, r in try walker.resource(r) }
        }
        if !t.outputs.isEmpty {
            writer.key("Outputs")
            try named(t.outputs) { walker, o in try walker.output(o) }
        }
        writer.endMap()
    }

    /// A map of named entries (resources, parameters, outputs) in sorted name order.
    private mutating func named<Entry>(
        _ entries: [String: Entry], _ body: (inout TemplateWalker, Entry) throws -> Void
    ) throws {
        writer.beginMap(count: entries.count)
        try forEachSorted(entries) { name, entry in
            writer.key(name)
            try body(&self, entry)
        }
        writer.endMap()
    }

    private mutating func resource(_ r: Resource) throws {
        var count = 1
        if r.condition != nil { count += 1 }
        if !r.dependsOn.isEmpty { count += 1 }
        if r.deletionPolicy != nil { count += 1 }
        if r.updateReplacePolicy != nil { count += 1 }
        if !r.metadata.isEmpty { count += 1 }
        if !r.properties.isEmpty { count += 1 }
        writer.beginMap(count: count)
        writer.key("Type"); writer.string(r.type)
        if let condition = r.condition { writer.key("Condition"); writer.string(condition) }
        // Always a list, even for one dependency: one shape is easier to diff and to read back.
        if !r.dependsOn.isEmpty { writer.key("DependsOn"); strings(r.dependsOn) }
        if let policy = r.deletionPolicy { writer.key("DeletionPolicy"); writer.string(policy.rawValue) }
        if let policy = r.updateReplacePolicy { writer.key("UpdateReplacePolicy"); writer.string(policy.rawValue) }
        if !r.metadata.isEmpty { writer.key("Metadata"); try map(r.metadata) }
        if !r.properties.isEmpty { writer.key("Properties"); try map(r.properties) }
        writer.endMap()
    }

    private mutating func parameter(_ p: Parameter) throws {
        let optional: [Bool] = [
            p.description != nil, p.defaultValue != nil, !p.allowedValues.isEmpty, p.allowedPattern != nil,
            p.minLength != nil, p.maxLength != nil, p.minValue != nil, p.maxValue != nil,
            p.constraintDescription != nil, p.noEcho,
        ]
        writer.beginMap(count: 1 + optional.lazy.filter { $0 }.count)
        writer.key("Type"); writer.string(p.type)
        if let description = p.description { writer.key("Description"); writer.string(description) }
        if let value = p.defaultValue { writer.key("Default"); try self.value(value) }
        if !p.allowedValues.isEmpty {
            writer.key("AllowedValues")
            writer.beginList(count: p.allowedValues.count)
            for value in p.allowedValues { try self.value(value) }
            writer.endList()
        }
        if let pattern = p.allowedPattern { writer.key("AllowedPattern"); writer.string(pattern) }
        if let n = p.minLength { writer.key("MinLength"); writer.int(n) }
        if let n = p.maxLength { writer.key("MaxLength"); writer.int(n) }
        if let n = p.minValue { writer.key("MinValue"); writer.int(n) }
        if let n = p.maxValue { writer.key("MaxValue"); writer.int(n) }
        if let text = p.constraintDescription { writer.key("ConstraintDescription"); writer.string(text) }
        if p.noEcho { writer.key("NoEcho"); writer.bool(true) }
        writer.endMap()
    }

    private mutating func output(_ o: Output) throws {
        var count = 1
        if o.description != nil { count += 1 }
        if o.exportName != nil { count += 1 }
        if o.condition != nil { count += 1 }
        writer.beginMap(count: count)
        if let description = o.description { writer.key("Description"); writer.string(description) }
        writer.key("Value"); try value(o.value)
        if let name = o.exportName {
            writer.key("Export")
            writer.beginMap(count: 1)
            writer.key("Name"); try value(name)
            writer.endMap()
        }
        if let condition = o.condition { writer.key("Condition"); writer.string(condition) }
        writer.endMap()
    }

    private mutating func strings(_ items: [String]) {
        writer.beginList(count: items.count)
        for item in items { writer.string(item) }
        writer.endList()
    }

    /// The template's own sections kept as dictionaries (metadata, mappings, conditions): keys sorted here.
    mutating func map(_ fields: [String: TemplateValue]) throws {
        writer.beginMap(count: fields.count)
        try forEachSorted(fields) { key, field in
            writer.key(key)
            try value(field)
        }
        writer.endMap()
    }

    /// Template maps are kept sorted already.
    mutating func map(_ fields: TemplateMap) throws {
        writer.beginMap(count: fields.count)
        for entry in fields.entries {
            writer.key(entry.key)
            try value(entry.value)
        }
        writer.endMap()
    }

    private mutating func list(_ items: [TemplateValue]) throws {
        writer.beginList(count: items.count)
        for item in items { try value(item) }
        writer.endList()
    }

    /// Opens the one-key map of an intrinsic in long form; `close` ends it.
    private mutating func open(_ function: String) {
        writer.beginMap(count: 1)
        writer.key(function)
    }

    private mutating func close() { writer.endMap() }

    mutating func value(_ v: TemplateValue) throws {
        switch v {
        case .string(let s): writer.string(s)
        case .int(let i): writer.int(i)
        case .double(let d):
            guard d.isFinite else { throw TemplateRenderError.nonFiniteNumber(d.description) }
            writer.double(d)
        case .bool(let b): writer.bool(b)
        case .null: writer.null()
        case .list(let items): try list(items)
        case .map(let fields): try map(fields)
        case .ref(let name): open("Ref"); writer.string(name); close()
        case .getAtt(let resource, let attribute):
            open("Fn::GetAtt"); strings([resource, attribute]); close()
        case .sub(let format, let variables):
            open("Fn::Sub")
            if variables.isEmpty {
                writer.string(format)
            } else {
                writer.beginList(count: 2); writer.string(format); try map(variables); writer.endList()
            }
            close()
        case .join(let separator, let items):
            open("Fn::Join")
            writer.beginList(count: 2); writer.string(separator); try list(items); writer.endList()
            close()
        case .select(let index, let from):
            open("Fn::Select")
            writer.beginList(count: 2); writer.int(index); try value(from); writer.endList()
            close()
        case .split(let separator, let source):
            open("Fn::Split")
            writer.beginList(count: 2); writer.string(separator); try value(source); writer.endList()
            close()
        case .if(let condition, let whenTrue, let whenFalse):
            open("Fn::If")
            writer.beginList(count: 3)
            writer.string(condition); try value(whenTrue); try value(whenFalse)
            writer.endList()
            close()
        case .equals(let a, let b): open("Fn::Equals"); try list([a, b]); close()
        case .and(let items): open("Fn::And"); try list(items); close()
        case .or(let items): open("Fn::Or"); try list(items); close()
        case .not(let item): open("Fn::Not"); try list([item]); close()
        case .condition(let name): open("Condition"); writer.string(name); close()
        case .importValue(let item): open("Fn::ImportValue"); try value(item); close()
        case .base64(let item): open("Fn::Base64"); try value(item); close()
        case .getAZs(let region): open("Fn::GetAZs"); try value(region); close()
        case .findInMap(let a, let b, let c): open("Fn::FindInMap"); try list([a, b, c]); close()
        case .cidr(let a, let b, let c): open("Fn::Cidr"); try list([a, b, c]); close()
        case .token(let token): throw TemplateRenderError.unresolvedToken(token.display)
        }
    }
}

/// Visits a dictionary's entries in key order (resources, parameters, outputs, template sections).
/// Sorts the entries' indices in stack memory rather than copying the entries into a sorted array:
/// with thousands of resources, the copies (and their reference counting) showed in rendering.
@inline(__always)
func forEachSorted<Value>(_ entries: [String: Value], _ body: (String, Value) throws -> Void) rethrows {
    let n = entries.count
    if n == 0 { return }
    if n == 1 {
        let (key, value) = entries.first!
        return try body(key, value)
    }
    try withUnsafeTemporaryAllocation(of: Dictionary<String, Value>.Index.self, capacity: n) { buffer in
        var order = buffer
        var i = 0
        for index in entries.indices {
            order.initializeElement(at: i, to: index)
            i += 1
        }
        defer { _ = order.deinitialize() }
        // `keys[i]`, not `entries[i].key`: the latter copies the whole entry for every comparison.
        order.sort { entries.keys[$0] < entries.keys[$1] }
        for index in order { try body(entries.keys[index], entries.values[index]) }
    }
}
