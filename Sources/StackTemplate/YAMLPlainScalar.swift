/// Resolution of untagged plain YAML scalars with PyYAML's YAML 1.1 rules, which is what cfn-lint
/// sees: `true`/`yes`/`on` are bools, `null`/`~`/empty is null, `10`, `0x1F`, `012` (octal), `1_000`
/// and `1:30` (base 60) are ints, `1.5`, `1.0e+3`, `.inf` are floats. `1e3` (no dot) and dates stay
/// strings, as in PyYAML. Quoted scalars never come here.
public enum YAML11Scalar: Equatable, Sendable {
    case null, bool(Bool), int, float, string

    /// How a YAML 1.1 reader (PyYAML) types the untagged plain scalar `text`. A regex-free
    /// replacement for Yams' default resolver, whose ICU regexes cost milliseconds at every start.
    public static func classify(_ text: String) -> YAML11Scalar {
        guard let value = try? YAMLSourceReader.resolvePlain(text, at: SourceMark(line: 0, column: 0)) else {
            return .int  // only an int too large to hold fails
        }
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int: return .int
        case .double: return .float
        default: return .string
        }
    }
}

extension YAMLSourceReader {
    static func resolvePlain(_ text: String, at mark: SourceMark) throws -> TemplateValue {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
        default: break
        }
        if let bool = yaml11Bool(text) { return .bool(bool) }
        // Only text starting like a number can be one; skip the scanning for everything else.
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
            || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        else { return .string(text) }
        switch yaml11Int(text) {
        case .value(let value): return .int(value)
        case .outOfRange: throw TemplateParseError("integer \(text) is out of range", at: mark)
        case .notAnInt: break
        }
        if let value = yaml11Float(text) { return .double(value) }
        return .string(text)
    }

    private static func yaml11Bool(_ text: String) -> Bool? {
        switch text {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    private enum IntMatch {
        case notAnInt
        case value(Int)
        case outOfRange
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// PyYAML's int forms: `0b1010`, `0x1F`, `017` (octal), `1_000`, `1:30` (base 60), with a sign.
    private static func yaml11Int(_ text: String) -> IntMatch {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        func parse(_ digits: Substring, radix: Int, where allowed: (Character) -> Bool) -> IntMatch {
            guard !digits.isEmpty, digits.allSatisfy({ allowed($0) || $0 == "_" }) else { return .notAnInt }
            let cleaned = digits.filter { $0 != "_" }
            // `0_` and the like: only separators after the prefix.
            if cleaned.isEmpty { return .value(0) }
            guard let value = Int((negative ? "-" : "") + cleaned, radix: radix) else { return .outOfRange }
            return .value(value)
        }
        if body.hasPrefix("0b") { return parse(body.dropFirst(2), radix: 2) { $0 == "0" || $0 == "1" } }
        if body.hasPrefix("0x") { return parse(body.dropFirst(2), radix: 16) { $0.isASCII && $0.isHexDigit } }
        if body == "0" { return .value(0) }
        if body.hasPrefix("0") { return parse(body.dropFirst(), radix: 8) { ("0"..."7").contains($0) } }
        guard let lead = body.first, ("1"..."9").contains(lead) else { return .notAnInt }
        guard body.contains(":") else { return parse(body, radix: 10, where: isDigit) }
        guard let parts = sexagesimalParts(body) else { return .notAnInt }
        var total = 0
        for part in parts {
            guard let n = Int(part.filter { $0 != "_" }) else { return .outOfRange }
            let (shifted, o1) = total.multipliedReportingOverflow(by: 60)
            let (sum, o2) = shifted.addingReportingOverflow(n)
            if o1 || o2 { return .outOfRange }
            total = sum
        }
        return .value(negative ? -total : total)
    }

    /// `1:30:05` → ["1", "30", "05"] when every part after the first is `[0-5]?[0-9]`.
    private static func sexagesimalParts(_ body: Substring) -> [Substring]? {
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let head = parts.first, let lead = head.first, isDigit(lead),
            head.allSatisfy({ isDigit($0) || $0 == "_" })
        else { return nil }
        for part in parts.dropFirst() {
            guard let last = part.last, isDigit(last), part.count <= 2 else { return nil }
            if part.count == 2, let first = part.first, !("0"..."5").contains(first) { return nil }
        }
        return parts
    }

    private static func yaml11Float(_ text: String) -> Double? {
        var body = Substring(text)
        var sign = 1.0
        var signed = false
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            signed = true
            body = body.dropFirst()
        }
        switch body {
        case ".inf", ".Inf", ".INF": return sign * .infinity
        case ".nan", ".NaN", ".NAN": return signed ? nil : .nan
        default: break
        }
        if body.contains(":") {
            // Base 60 with a fractional last part: `190:20:30.15`.
            guard let dot = body.lastIndex(of: "."), !body[dot...].contains(":") else { return nil }
            let whole = body[..<dot]
            guard let parts = sexagesimalParts(whole) else { return nil }
            let fraction = body[body.index(after: dot)...]
            guard fraction.allSatisfy({ isDigit($0) || $0 == "_" }) else { return nil }
            var total = 0.0
            for part in parts { total = total * 60 + (Double(part.filter { $0 != "_" }) ?? 0) }
            let fractionValue = Double("0." + fraction.filter { $0 != "_" }) ?? 0
            return sign * (total + fractionValue)
        }
        // [0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?  or, unsigned only,  \.[0-9_]+([eE][-+][0-9]+)?
        var mantissa = body
        var exponent: Substring = ""
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
            guard let expSign = exponent.first, expSign == "-" || expSign == "+",
                exponent.count > 1, exponent.dropFirst().allSatisfy(isDigit)
            else { return nil }
        }
        guard let dot = mantissa.firstIndex(of: ".") else { return nil }
        let intPart = mantissa[..<dot]
        let fracPart = mantissa[mantissa.index(after: dot)...]
        let numberish: (Character) -> Bool = { isDigit($0) || $0 == "_" }
        guard intPart.allSatisfy(numberish), fracPart.allSatisfy(numberish) else { return nil }
        if let lead = intPart.first {
            guard isDigit(lead) else { return nil }
        } else {
            guard !signed, fracPart.contains(where: isDigit) else { return nil }
        }
        let integerDigits: String = intPart.isEmpty ? "0" : String(intPart.filter { $0 != "_" })
        let fractionDigits: String = String(fracPart.filter { $0 != "_" })
        let exponentText: String = exponent.isEmpty ? "" : "e" + exponent
        guard let value = Double(integerDigits + "." + fractionDigits + "0" + exponentText) else { return nil }
        return sign * value
    }
}
