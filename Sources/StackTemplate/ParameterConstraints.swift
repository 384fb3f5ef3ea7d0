import Foundation

/// Checks a parameter value, as CloudFormation receives it (text; lists comma-separated), against what
/// the template declares: its type (numbers for `Number` and `List<Number>`), `AllowedValues`,
/// `AllowedPattern` (the whole value), `MinLength`/`MaxLength`, `MinValue`/`MaxValue`.
///
/// Messages never contain the value of a `NoEcho` parameter: it reads `****`.
public enum ParameterConstraints {
    public static let mask = "****"

    /// The first constraint the value breaks, as a sentence; nil when it passes.
    public static func violation(of value: String, for parameter: Parameter) -> String? {
        let shown = parameter.noEcho ? mask : "`\(value)`"
        switch parameter.type {
        case "Number":
            guard let number = Double(value) else { return "\(shown) is not a number (Type Number)" }
            if let min = parameter.minValue, number < Double(min) { return "\(shown) is below MinValue \(min)" }
            if let max = parameter.maxValue, number > Double(max) { return "\(shown) is above MaxValue \(max)" }
        case "List<Number>":
            let items = value.split(separator: ",", omittingEmptySubsequences: false)
            if let bad = items.first(where: { Double($0.trimmingCharacters(in: .whitespaces)) == nil }) {
                return "\(parameter.noEcho ? mask : "`\(bad)`") is not a number (Type List<Number>)"
            }
        default:
            if let min = parameter.minLength, value.count < min { return "\(shown) is \(value.count) characters, below MinLength \(min)" }
            if let max = parameter.maxLength, value.count > max { return "\(shown) is \(value.count) characters, above MaxLength \(max)" }
        }
        let allowed = parameter.allowedValues.compactMap(\.stringValue)
        if !allowed.isEmpty && !allowed.contains(value) {
            return "\(shown) is not one of the AllowedValues"
                + (parameter.noEcho ? "" : " (\(allowed.map { "`\($0)`" }.joined(separator: ", ")))")
        }
        if let pattern = parameter.allowedPattern {
            guard let regex = try? Regex(pattern) else { return "AllowedPattern `\(pattern)` is not a regular expression stackctl can read" }
            let matched = (try? regex.wholeMatch(in: value)).flatMap { $0 } != nil
            if !matched {
                return "\(shown) does not match AllowedPattern `\(pattern)`"
            }
        }
        return nil
    }
}
