import StackTemplate

/// Short, one-line display of values for the text and markdown renderers: literals as they are,
/// intrinsics in YAML short form (`!GetAtt Quotes.Arn`, `!Sub ${Bucket.Arn}/*`), maps and lists inline.
public enum ValueFormatter {
    public static func short(_ value: TemplateValue, limit: Int = 160) -> String {
        let text = format(value)
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    public static func format(_ value: TemplateValue) -> String {
        switch value {
        case .string(let s): return needsQuotes(s) ? "\"\(s)\"" : s
        case .int(let i): return String(i)
        case .double(let d): return ValueNormalizer.scalarText(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(format).joined(separator: ", ") + "]"
        case .map(let fields):
            return "{" + fields.keys.sorted().map { "\($0): \(format(fields[$0]!))" }.joined(separator: ", ") + "}"
        case .ref(let name): return "!Ref \(name)"
        case .getAtt(let r, let a): return "!GetAtt \(r).\(a)"
        case .sub(let format, let vars):
            return vars.isEmpty ? "!Sub \(format)" : "!Sub [\(format), \(self.format(.map(vars)))]"
        case .join(let sep, let items): return "!Join [\"\(sep)\", \(format(.list(items)))]"
        case .select(let i, let v): return "!Select [\(i), \(format(v))]"
        case .split(let s, let v): return "!Split [\"\(s)\", \(format(v))]"
        case .if(let c, let a, let b): return "!If [\(c), \(format(a)), \(format(b))]"
        case .equals(let a, let b): return "!Equals [\(format(a)), \(format(b))]"
        case .and(let items): return "!And \(format(.list(items)))"
        case .or(let items): return "!Or \(format(.list(items)))"
        case .not(let v): return "!Not [\(format(v))]"
        case .condition(let c): return "!Condition \(c)"
        case .importValue(let v): return "!ImportValue \(format(v))"
        case .base64(let v): return "!Base64 \(format(v))"
        case .getAZs(let v): return "!GetAZs \(format(v))"
        case .findInMap(let a, let b, let c): return "!FindInMap [\(format(a)), \(format(b)), \(format(c))]"
        case .cidr(let a, let b, let c): return "!Cidr [\(format(a)), \(format(b)), \(format(c))]"
        case .token(let t): return "<\(t.display)>"
        }
    }

    private static func needsQuotes(_ s: String) -> Bool {
        s.isEmpty || s.first == " " || s.last == " " || s.contains(",") || s.contains("\n") || s.hasPrefix("!")
            || s.hasPrefix("[") || s.hasPrefix("{")
    }
}
