/// How numbers are spelled in environment files: what counts as plain decimal, and the leading zeros
/// YAML 1.1 reads as octal.
enum NumberSpelling {
    /// Digits written the ordinary way (`12`, `-3`, `12.5`, `012`, `1e3`), not `0x1F`, `.inf` or `1_000`.
    static func isPlainNumber(_ text: String) -> Bool {
        isDecimalInteger(text) || hasLeadingZero(text) && text.allSatisfy({ $0.isNumber || "+-.".contains($0) })
            || decimalNumber(text) != nil
    }

    /// `[-+]?(0|[1-9][0-9]*)`
    static func isDecimalInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
        return first != "0" || digits.count == 1
    }

    /// An integer part with a leading zero, like `012` or `-007.5`; `0`, `0.5` and `0e1` are fine.
    static func hasLeadingZero(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard digits.first == "0", digits.count > 1 else { return false }
        let second = digits[digits.index(after: digits.startIndex)]
        return ("0"..."9").contains(second) || second == "_"
    }

    /// `[-+]?(digits(.digits?)?|.digits)([eE][-+]?digits)?`, finite.
    static func decimalNumber(_ text: String) -> Double? {
        let allowed = Set("0123456789.eE+-")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }),
              text.contains(where: { ("0"..."9").contains($0) }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
