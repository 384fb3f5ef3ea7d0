/// Logical IDs a value refers to (`Ref`, `Fn::GetAtt`, `${X}` in `Fn::Sub`), pseudo parameters excluded.
public enum References {
    public static func collect(_ value: TemplateValue, into out: inout Set<String>) {
        visit(value) { out.insert($0) }
    }

    /// Calls `body` with every logical ID the value refers to, in walk order, repeats included.
    public static func visit(_ value: TemplateValue, _ body: (String) -> Void) {
        switch value {
        case .ref(let id): if !id.hasPrefix("AWS::") { body(id) }
        case .getAtt(let id, _): body(id)
        case .sub(let format, let vars):
            visitSubFormat(format, variables: vars, body)
            for v in vars.values { visit(v, body) }
        case .string, .int, .double, .bool, .null, .condition, .token: return
        case .list(let items), .and(let items), .or(let items), .join(_, let items):
            for item in items { visit(item, body) }
        case .map(let fields): for entry in fields.entries { visit(entry.value, body) }
        case .select(_, let v), .split(_, let v), .not(let v), .importValue(let v), .base64(let v), .getAZs(let v):
            visit(v, body)
        case .if(_, let a, let b), .equals(let a, let b):
            visit(a, body); visit(b, body)
        case .findInMap(let a, let b, let c), .cidr(let a, let b, let c):
            visit(a, body); visit(b, body); visit(c, body)
        }
    }

    /// The logical IDs named by `${X}` / `${X.Attr}` in a `Fn::Sub` format that are not its own variables.
    static func visitSubFormat(_ format: String, variables: [String: TemplateValue], _ body: (String) -> Void) {
        for name in subVariables(format) where variables[name] == nil {
            let id = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
            if !id.hasPrefix("AWS::") { body(id) }
        }
    }

    /// Names inside `${...}` in a `Fn::Sub` format string; `${!Literal}` is an escape, not a variable.
    public static func subVariables(_ format: String) -> [String] {
        var names: [String] = []
        let chars = Array(format.utf8)
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == UInt8(ascii: "$"), chars[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            var j = i + 2
            while j < chars.count, chars[j] != UInt8(ascii: "}") { j += 1 }
            guard j < chars.count else { break }
            let name = String(decoding: chars[(i + 2)..<j], as: UTF8.self)
            if !name.hasPrefix("!") { names.append(name) }
            i = j + 1
        }
        return names
    }
}

extension TemplateValue {
    /// A copy with every token replaced by what `resolve` returns for it, or nil when the value holds no
    /// token (so that token-free values, the vast majority, are not copied); and, in the same walk,
    /// every logical ID the resolved value refers to (`References.visit`). Synthesis walks each
    /// resource once this way instead of once per question.
    public func resolvedTokens(_ resolve: (Token) -> TemplateValue, references: (String) -> Void) -> TemplateValue? {
        func all(_ items: [TemplateValue]) -> [TemplateValue]? {
            var out: [TemplateValue]?
            for i in items.indices {
                if let new = items[i].resolvedTokens(resolve, references: references) {
                    if out == nil { out = items }
                    out![i] = new
                }
            }
            return out
        }
        switch self {
        case .token(let t):
            let value = resolve(t)
            References.visit(value, references)
            return value
        case .ref(let id):
            if !id.hasPrefix("AWS::") { references(id) }
            return nil
        case .getAtt(let id, _):
            references(id)
            return nil
        case .string, .int, .double, .bool, .null, .condition: return nil
        case .list(let items): return all(items).map { .list($0) }
        case .and(let items): return all(items).map { .and($0) }
        case .or(let items): return all(items).map { .or($0) }
        case .join(let sep, let items):
            guard let new = all(items) else { return nil }
            let joined = TemplateValue.join(sep, new)
            return sep.isEmpty ? joined.flattenedJoin : joined
        case .map(let fields):
            var out: TemplateMap?
            for (i, entry) in fields.entries.enumerated() {
                if let new = entry.value.resolvedTokens(resolve, references: references) {
                    if out == nil { out = fields }
                    out!.setValue(new, at: i)
                }
            }
            return out.map { .map($0) }
        default:
            // The rarer intrinsics: resolve, then list what the result refers to.
            let new = containsToken ? Optional(resolvingTokens(resolve)) : nil
            References.visit(new ?? self, references)
            return new
        }
    }
}
