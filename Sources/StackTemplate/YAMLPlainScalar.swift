/// Resolution of untagged plain YAML scalars with PyYAML's YAML 1.1 rules, which is what cfn-lint
/// sees: `true`/`yes`/`on` are bools, `null`/`~`/empty is null, `10`, `0x1F`, `012` (octal), `1_000`
/// and `1:30` (base 60) are ints, `1.5`, `1.0e+3`, `.inf` are floats. `1e3` (no dot) and dates stay
/// strings, as in PyYAML. Quoted scalars never come here.
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
        case .some(.some(let value)): return .int(value)
        case .some(.none): throw TemplateParseError("integer \(text) is out of range", at: mark)
        case .none: break
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

    /// nil: not an int; `.some(nil)`: an int that does not fit.
    private static func yaml11Int(_ text: String) -> Int?? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        func digits(_ s: Substring, _ allowed: (Character) -> Bool) -> Bool { !s.isEmpty && s.allSatisfy(allowed) }
        func value(_ s: Substring, radix: Int) -> Int?? {
            let cleaned = (negative ? "-" : "") + s.filter { $0 != "_" }
            if cleaned.isEmpty || cleaned == "-" { return .some(0) }
            return .some(Int(cleaned, radix: radix))
        }
        if body.hasPrefix("0b") {
            let rest = body.dropFirst(2)
            return digits(rest) { $0 == "0" || $0 == "1" || $0 == "_" } ? value(rest, radix: 2) : nil
        }
        if body.hasPrefix("0x") {
            let rest = body.dropFirst(2)
            return digits(rest) { $0.isHexDigit || $0 == "_" } ? value(rest, radix: 16) : nil
        }
        if body == "0" { return .some(0) }
        if body.hasPrefix("0") {
            return digits(body.dropFirst()) { ("0"..."7").contains($0) || $0 == "_" } ? value(body, radix: 8) : nil
        }
        guard let lead = body.first, ("1"..."9").contains(lead) else { return nil }
        if body.contains(":") {
            guard let parts = sexagesimalParts(body) else { return nil }
            var total = 0
            for part in parts {
                guard case .some(.some(let n)) = value(part, radix: 10).map({ $0.map(abs) }) else { return .some(nil) }
                let (shifted, o1) = total.multipliedReportingOverflow(by: 60)
                let (sum, o2) = shifted.addingReportingOverflow(n)
                if o1 || o2 { return .some(nil) }
                total = sum
            }
            return .some(negative ? -total : total)
        }
        return digits(body) { $0.isASCII && $0.isNumber || $0 == "_" } ? value(body, radix: 10) : nil
    }

    /// `1:30:05` → ["1", "30", "05"] when every part after the first is `[0-5]?[0-9]`.
    private static func sexagesimalParts(_ body: Substring) -> [Substring]? {
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let head = parts.first,
            !head.isEmpty, head.allSatisfy({ $0.isASCII && $0.isNumber || $0 == "_" })
        else { return nil }
        for part in parts.dropFirst() {
            let ok = (part.count == 1 && part.first!.isASCII && part.first!.isNumber)
                || (part.count == 2 && ("0"..."5").contains(part.first!) && part.last!.isASCII && part.last!.isNumber)
            if !ok { return nil }
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
            guard fraction.allSatisfy({ $0.isASCII && $0.isNumber || $0 == "_" }) else { return nil }
            var total = 0.0
            for part in parts { total = total * 60 + Double(part.filter { $0 != "_" })! }
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
                exponent.count > 1, exponent.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
            else { return nil }
        }
        guard let dot = mantissa.firstIndex(of: ".") else { return nil }
        let intPart = mantissa[..<dot]
        let fracPart = mantissa[mantissa.index(after: dot)...]
        let numberish: (Character) -> Bool = { $0.isASCII && $0.isNumber || $0 == "_" }
        guard intPart.allSatisfy(numberish), fracPart.allSatisfy(numberish) else { return nil }
        if intPart.isEmpty {
            guard !signed, fracPart.contains(where: \.isNumber) else { return nil }
        } else {
            guard intPart.first!.isNumber else { return nil }
        }
        let integerDigits: String = intPart.isEmpty ? "0" : String(intPart.filter { $0 != "_" })
        let fractionDigits: String = String(fracPart.filter { $0 != "_" })
        let exponentText: String = exponent.isEmpty ? "" : "e" + exponent
        guard let value = Double(integerDigits + "." + fractionDigits + "0" + exponentText) else { return nil }
        return sign * value
    }
}
