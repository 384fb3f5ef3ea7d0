import StackTemplate
import Yams

/// How a scalar is typed. Quoted and block scalars (and `!!str`) are strings; plain scalars are typed
/// by their text, with YAML 1.1's looser spellings kept apart so that they can be rejected.
enum ScalarKind: Equatable {
    case string
    case null
    case bool(Bool)
    /// A YAML 1.1 boolean spelling other than `true`/`false` (`yes`, `No`, `ON`, `True`, ...).
    case ambiguousBool
    /// Anything YAML would read as a number (`12`, `012`, `0x1F`, `1_000`, `12.5`, `.inf`, `1:30`).
    case number
    /// An explicit tag stackctl does not understand (`!Ref x`).
    case unsupportedTag(String)
}

extension Node.Scalar {
    var kind: ScalarKind {
        // `Tag.name` is internal to Yams; its description is the tag name.
        switch Tag.Name(rawValue: tag.description) {
        case .str:
            return .string
        case .implicit, .null, .bool, .int, .float:
            break
        case let other:
            return .unsupportedTag(other.rawValue)
        }
        if style != .plain && style != .any { return .string }
        switch string {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        switch YAML11Scalar.classify(string) {
        case .null: return .null
        case .bool: return .ambiguousBool
        case .int, .float: return .number
        case .string: return Self.readsAsNumberElsewhere(string) ? .number : .string
        }
    }

    /// Plain scalars that PyYAML keeps as strings but YAML 1.2 readers (Yams among them) read as
    /// numbers: `090`, `012345678901`, `1e3`. Ambiguous, so they are treated as numbers and must be quoted.
    static func readsAsNumberElsewhere(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        guard let first = bytes.first, isDigit(first) else { return false }
        let mantissaEnd = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) ?? bytes.endIndex
        let mantissa = bytes[..<mantissaEnd]
        guard mantissa.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }),
              mantissa.filter({ $0 == UInt8(ascii: ".") }).count <= 1 else { return false }
        var exponent = bytes[mantissaEnd...].dropFirst()
        if mantissaEnd == bytes.endIndex { return true }
        if let sign = exponent.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy(isDigit)
    }

    /// Line and column of the scalar, when known.
    var position: (line: Int?, column: Int?) { (mark?.line, mark?.column) }
}

extension Node {
    var isNull: Bool {
        if case let .scalar(scalar) = self, scalar.kind == .null { return true }
        return false
    }

    /// "a mapping", "the number 12", "`yes`", ... as used in "expected X, found Y".
    var foundDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            switch scalar.kind {
            case .string: return "a string"
            case .null: return scalar.string.isEmpty ? "nothing" : "null"
            case let .bool(value): return "the boolean \(value)"
            case .ambiguousBool: return "`\(scalar.string)`"
            case .number:
                let text = scalar.string
                return NumberSpelling.isPlainNumber(text) ? "the number \(text)" : "`\(text)`"
            case let .unsupportedTag(tag): return "a value tagged \(tag)"
            }
        }
    }
}
