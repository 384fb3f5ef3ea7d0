/// Logical IDs a value refers to (`Ref`, `Fn::GetAtt`, `${X}` in `Fn::Sub`), pseudo parameters excluded.
public enum References {
    public static func collect(_ value: TemplateValue, into out: inout Set<String>) {
        switch value {
        case .ref(let id): if !id.hasPrefix("AWS::") { out.insert(id) }
        case .getAtt(let id, _): out.insert(id)
        case .sub(let format, let vars):
            for name in subVariables(format) where vars[name] == nil {
                let id = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
                if !id.hasPrefix("AWS::") { out.insert(id) }
            }
            for v in vars.values { collect(v, into: &out) }
        case .string, .int, .double, .bool, .null, .condition, .token: return
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
