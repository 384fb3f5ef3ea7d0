import StackTemplate

/// The names (resources or parameters) a value refers to through `Ref`, `Fn::GetAtt` and `Fn::Sub`
/// (`${Name}`, `${Name.Attribute}`); pseudo parameters (`AWS::Region`) and `${!Literal}` are skipped.
enum References {
    static func names(in value: TemplateValue) -> Set<String> {
        var out: Set<String> = []
        collect(value, into: &out)
        return out
    }

    private static func collect(_ value: TemplateValue, into out: inout Set<String>) {
        switch value {
        case .string, .int, .double, .bool, .null, .condition, .token: return
        case .ref(let name): if !name.hasPrefix("AWS::") { out.insert(name) }
        case .getAtt(let name, _): out.insert(name)
        case .sub(let format, let vars):
            for name in subNames(format) where vars[name] == nil { out.insert(name) }
            for v in vars.values { collect(v, into: &out) }
        case .list(let items), .and(let items), .or(let items), .join(_, let items):
            for item in items { collect(item, into: &out) }
        case .map(let fields): for v in fields.values { collect(v, into: &out) }
        case .select(_, let v), .split(_, let v), .not(let v), .importValue(let v), .base64(let v), .getAZs(let v):
            collect(v, into: &out)
        case .if(_, let a, let b), .equals(let a, let b):
            collect(a, into: &out); collect(b, into: &out)
        case .findInMap(let a, let b, let c), .cidr(let a, let b, let c):
            collect(a, into: &out); collect(b, into: &out); collect(c, into: &out)
        }
    }

    /// `${Bucket.Arn}/raw/${AWS::Region}` → `Bucket`.
    static func subNames(_ format: String) -> [String] {
        var names: [String] = []
        var rest = Substring(format)
        while let start = rest.range(of: "${") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "}") else { break }
            let body = rest[..<end]
            rest = rest[rest.index(after: end)...]
            if body.hasPrefix("!") || body.hasPrefix("AWS::") { continue }
            let name = body.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            if !name.isEmpty { names.append(name) }
        }
        return names
    }
}
