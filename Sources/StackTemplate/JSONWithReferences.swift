/// Writes a value as JSON for the places where CloudFormation takes JSON that refers to other
/// resources: an EventBridge target's `Input` (a string), a state machine's `Definition` (an object
/// with `DefinitionSubstitutions`). Keys are sorted, so equal values give equal JSON.
///
/// References (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, unresolved construct tokens, …) can appear
/// anywhere; they are filled in by CloudFormation as JSON strings — right for names and ARNs, which need
/// no escaping.
public enum JSONWithReferences {
    /// JSON text: literal text joined with the references (`Fn::Join ""`), or one literal string when
    /// the value holds no reference.
    public static func text(_ value: TemplateValue) -> TemplateValue {
        var parts: [TemplateValue] = []
        var text = ""
        write(value, into: &text, parts: &parts)
        parts.append(.string(text))
        return TemplateValue.join("", parts).simplifiedJoin
    }

    /// The value with every reference replaced by a `${name}` placeholder inside its string, and the
    /// placeholders' values (for `DefinitionSubstitutions` or `Fn::Sub` variables). Names are `prefix`
    /// and a number, by first appearance in key order; the same reference twice shares one name.
    public static func substituted(_ value: TemplateValue, prefix: String) -> (value: TemplateValue, substitutions: [String: TemplateValue]) {
        var names: [TemplateValue: String] = [:]
        var substitutions: [String: TemplateValue] = [:]
        func name(for reference: TemplateValue) -> String {
            if let known = names[reference] { return known }
            let new = "\(prefix)\(names.count)"
            names[reference] = new
            substitutions[new] = reference
            return new
        }
        func walk(_ value: TemplateValue) -> TemplateValue {
            switch value {
            case .string, .int, .double, .bool, .null: return value
            case .list(let items): return .list(items.map(walk))
            case .map(let fields):
                var out = TemplateMap()
                for (key, inner) in fields { out[key] = walk(inner) }
                return .map(out)
            default: return .string("${\(name(for: value))}")
            }
        }
        return (walk(value), substitutions)
    }

    private static func write(_ value: TemplateValue, into text: inout String, parts: inout [TemplateValue]) {
        switch value {
        case .string(let s): text += quoted(s)
        case .int(let n): text += String(n)
        case .double(let d): text += d.isFinite ? String(d) : "null"
        case .bool(let b): text += b ? "true" : "false"
        case .null: text += "null"
        case .list(let items):
            text += "["
            for (i, item) in items.enumerated() {
                if i > 0 { text += "," }
                write(item, into: &text, parts: &parts)
            }
            text += "]"
        case .map(let fields):
            text += "{"
            for (i, (key, inner)) in fields.enumerated() {  // a TemplateMap iterates in key order
                if i > 0 { text += "," }
                text += quoted(key) + ":"
                write(inner, into: &text, parts: &parts)
            }
            text += "}"
        default:
            text += "\""
            parts.append(.string(text))
            parts.append(value)
            text = "\""
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension TemplateValue {
    /// Joins adjacent literal strings of a `Fn::Join ""` and drops empty ones; a join left with a
    /// single literal becomes that literal.
    public var simplifiedJoin: TemplateValue {
        guard case .join(let sep, let parts) = self, sep.isEmpty else { return self }
        var out: [TemplateValue] = []
        for part in parts {
            if case .string(let s) = part {
                if s.isEmpty { continue }
                if case .string(let prev)? = out.last { out[out.count - 1] = .string(prev + s); continue }
            }
            out.append(part)
        }
        if out.isEmpty { return "" }
        if out.count == 1, case .string = out[0] { return out[0] }
        return .join("", out)
    }
}
