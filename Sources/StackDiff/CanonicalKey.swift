import StackTemplate

/// A deterministic text form of a value (keys sorted, intrinsics tagged), used to sort set members,
/// to compare policy statements and as the stable identity of a statement. Every string in it (values,
/// keys, names, formats) is quoted with `"` and `\` escaped, so two different values never share a key.
enum CanonicalKey {
    static func of(_ value: TemplateValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: TemplateValue, into out: inout String) {
        switch value {
        case .string(let s): quote(s, into: &out)
        case .int(let i): out += String(i)
        case .double(let d): out += String(d)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .list(let items): list(items, into: &out)
        case .map(let fields):
            out += "{"
            for (i, k) in fields.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                quote(k, into: &out); out += ":"
                write(fields[k]!, into: &out)
            }
            out += "}"
        case .ref(let name): out += "!Ref("; quote(name, into: &out); out += ")"
        case .getAtt(let r, let a): out += "!GetAtt("; quote(r, into: &out); out += "."; quote(a, into: &out); out += ")"
        case .sub(let format, let vars): out += "!Sub("; quote(format, into: &out); out += ","; write(.map(vars), into: &out); out += ")"
        case .join(let sep, let items): out += "!Join("; quote(sep, into: &out); out += ","; list(items, into: &out); out += ")"
        case .select(let i, let v): out += "!Select(\(i),"; write(v, into: &out); out += ")"
        case .split(let s, let v): out += "!Split("; quote(s, into: &out); out += ","; write(v, into: &out); out += ")"
        case .if(let c, let a, let b): out += "!If("; quote(c, into: &out); out += ","; list([a, b], into: &out); out += ")"
        case .equals(let a, let b): out += "!Equals"; list([a, b], into: &out)
        case .and(let items): out += "!And"; list(items, into: &out)
        case .or(let items): out += "!Or"; list(items, into: &out)
        case .not(let v): out += "!Not"; list([v], into: &out)
        case .condition(let c): out += "!Condition("; quote(c, into: &out); out += ")"
        case .importValue(let v): out += "!ImportValue"; list([v], into: &out)
        case .base64(let v): out += "!Base64"; list([v], into: &out)
        case .getAZs(let v): out += "!GetAZs"; list([v], into: &out)
        case .findInMap(let a, let b, let c): out += "!FindInMap"; list([a, b, c], into: &out)
        case .cidr(let a, let b, let c): out += "!Cidr"; list([a, b, c], into: &out)
        case .token(let t): out += "!Token("; quote(t.display, into: &out); out += ")"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for c in s.unicodeScalars {
            if c == "\"" || c == "\\" { out += "\\" }
            out.unicodeScalars.append(c)
        }
        out += "\""
    }

    private static func list(_ items: [TemplateValue], into out: inout String) {
        out += "["
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            write(item, into: &out)
        }
        out += "]"
    }
}
