import Foundation
import StackTemplate
import Yams

/// Decodes any `Decodable` from YAML, strictly:
///
/// - a mapping key the type did not ask for (through `contains`, `decode`, `decodeIfPresent`,
///   `decodeNil`, `nestedContainer`, ...) is an `unknown-key` error, in nested types too; all unknown
///   keys are reported together, each with the closest known key ("did you mean ...?") or the list
///   of allowed keys;
/// - scalars are typed by how they are written: `"12"` is a string, `12` an integer, `12.5` a
///   number; only `true`/`false` are booleans (YAML 1.1's `yes`/`no`/`on`/`off` are rejected
///   everywhere, also where a string is expected: quote them); an unquoted number where a string
///   is expected is an error that asks for quotes (account IDs!); integers with leading zeros are
///   rejected (YAML 1.1 reads them as octal);
/// - a key that occurs twice in a mapping is an error;
/// - every error is a ``ConfigError`` naming `file:line:column` and the key path.
///
/// Decoding stops at the first type error; unknown keys of values decoded so far are reported with
/// it. More than one problem is thrown as ``ConfigErrors``.
///
/// `RawRepresentable` string enums that are also `CaseIterable` list their allowed values when
/// given a bad one.
public struct StrictYAMLDecoder: Sendable {
    public init() {}

    /// Parses `yaml` and decodes a `T` from its single document. `file` is used in errors only.
    public func decode<T: Decodable>(_ type: T.Type, from yaml: String, file: String) throws -> T {
        let root = try StrictYAMLDecoder.compose(yaml, file: file)
        return try decode(type, from: root, file: file)
    }

    /// Decodes a `T` from an already composed document (`nil` for an empty document, decoded as null).
    public func decode<T: Decodable>(_ type: T.Type, from root: Node?, file: String) throws -> T {
        let state = DecodingState(file: file, root: root)
        let node = root ?? Node.scalar(.init("", Tag(.null, .basic), .plain))
        let value: T
        do {
            value = try state.unbox(type, node: node, path: [])
        } catch {
            let found = ConfigError.all(in: error)
            guard !found.isEmpty else { throw error }
            try ConfigError.throwIfAny(found + state.unknownKeys)
            throw error
        }
        try ConfigError.throwIfAny(state.unknownKeys)
        return value
    }

    /// Parses one YAML document with Yams. Syntax errors and duplicate keys become ``ConfigError``s
    /// (`yaml-syntax`, `duplicate-key`). Returns `nil` for an empty document.
    public static func compose(_ yaml: String, file: String) throws -> Node? {
        do {
            // The basic resolver leaves plain scalars untyped (`ScalarKind` types them): Yams' default
            // one compiles ICU regexes on first use, milliseconds of every start.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            throw DuplicateKeyLocator.error(yaml: yaml, file: file, key: duplicates.first ?? "",
                                            firstMark: context.mark)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
    }

    static func syntaxError(_ error: YamlError, file: String) -> ConfigError {
        func make(_ problem: String, _ context: YamlError.Context?, _ mark: Mark?) -> ConfigError {
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return ConfigError(file: file, line: mark?.line, column: mark?.column, keyPath: "",
                               code: "yaml-syntax", message: message)
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return make(problem, context, mark)
        case let .reader(problem, _, _, _):
            return ConfigError(file: file, line: nil, column: nil, keyPath: "", code: "yaml-syntax",
                               message: "cannot read the file: \(problem)",
                               hint: "environment files must be UTF-8 text")
        default:
            return ConfigError(file: file, line: nil, column: nil, keyPath: "", code: "yaml-syntax",
                               message: "invalid YAML: \(error)")
        }
    }
}

// MARK: - Key paths

/// A position in a sequence; rendered as `[i]` in key paths.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}

/// A mapping key by name.
struct NameKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

enum KeyPath {
    /// `tags.team`, `config.symbols[2]`, `tags["aws:owner"]`.
    static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if key is IndexKey, let index = key.intValue {
                text += "[\(index)]"
            } else if isIdentifier(key.stringValue) {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            } else {
                let escaped = key.stringValue
                    .replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"")
                text += "[\"\(escaped)\"]"
            }
        }
        return text
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first,
              first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-"
        }
    }
}

// MARK: - Scalars

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
                return DecodingState.isPlainNumber(text) ? "the number \(text)" : "`\(text)`"
            case let .unsupportedTag(tag): return "a value tagged \(tag)"
            }
        }
    }

    /// The node under `keys` (mapping keys by name), or `nil`.
    func descendant(_ keys: [String]) -> Node? {
        var node: Node? = self
        for key in keys {
            guard case let .mapping(mapping)? = node else { return nil }
            node = mapping.first { $0.key.scalar?.string == key }?.value
        }
        return node
    }

    /// The key node of `key` in the mapping under `parent`, or `nil`.
    func keyNode(_ key: String, under parent: [String]) -> Node? {
        guard case let .mapping(mapping)? = descendant(parent) else { return nil }
        return mapping.first { $0.key.scalar?.string == key }?.key
    }
}

// MARK: - Edit distance

enum NameSuggestion {
    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }

    /// The candidate closest to `name`, if it is close enough to be a likely typo.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = name.lowercased()
        if let sameIgnoringCase = candidates.first(where: { $0.lowercased() == lowered }) {
            return sameIgnoringCase
        }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let limit = max(1, min(3, candidate.count / 3))
            let distance = distance(lowered, candidate.lowercased())
            // `x` is one edit away from `d`, but that is no typo: keep part of the name.
            guard distance < min(lowered.count, candidate.count) else { continue }
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }
}

// MARK: - Decoding state

/// The keys asked of one mapping by one keyed container.
final class KeyTracker {
    let mapping: Node.Mapping
    let path: [any CodingKey]
    /// Mapping entries by key text (duplicates are rejected when the tracker is made).
    let entries: [String: (key: Node, value: Node)]
    private(set) var asked: [String] = []
    private var askedSet: Set<String> = []

    init(mapping: Node.Mapping, path: [any CodingKey], state: DecodingState) throws {
        self.mapping = mapping
        self.path = path
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                throw state.error(at: key, path: path, code: "invalid-key",
                                  message: "mapping keys must be plain names, found \(key.foundDescription)")
            }
            if let first = entries[scalar.string] {
                let where_ = first.key.mark.map { " (first at \($0.line):\($0.column))" } ?? ""
                throw state.error(at: key, path: path + [NameKey(scalar.string)], code: "duplicate-key",
                                  message: "duplicate key `\(scalar.string)`\(where_)",
                                  hint: "a key may appear only once in a mapping; remove one of them")
            }
            entries[scalar.string] = (key, value)
        }
        self.entries = entries
    }

    func ask(_ key: String) {
        if askedSet.insert(key).inserted { asked.append(key) }
    }

    func isAsked(_ key: String) -> Bool { askedSet.contains(key) }
}

/// The trackers opened while decoding one value (its own keyed containers, nested containers and
/// super decoders). Checked for unknown keys once the value's `init(from:)` has returned.
final class ValueScope {
    var trackers: [KeyTracker] = []
}

final class DecodingState {
    let file: String
    let root: Node?
    var unknownKeys: [ConfigError] = []

    init(file: String, root: Node?) {
        self.file = file
        self.root = root
    }

    func error(at node: Node?, path: [any CodingKey], code: String, message: String,
               hint: String? = nil) -> ConfigError {
        ConfigError(file: file, line: node?.mark?.line, column: node?.mark?.column,
                    keyPath: KeyPath.render(path), code: code, message: message, hint: hint)
    }

    func typeMismatch(expected: String, node: Node, path: [any CodingKey], hint: String? = nil) -> ConfigError {
        error(at: node, path: path, code: "type-mismatch",
              message: "expected \(expected), found \(node.foundDescription)", hint: hint)
    }

    /// The node at `path`, or the deepest node on the way there.
    func node(at path: [any CodingKey]) -> Node? {
        guard var node = root else { return nil }
        for key in path {
            switch node {
            case let .mapping(mapping):
                guard let next = mapping.first(where: { $0.key.scalar?.string == key.stringValue })?.value
                else { return node }
                node = next
            case let .sequence(sequence):
                guard key is IndexKey, let index = key.intValue, sequence.indices.contains(index)
                else { return node }
                node = sequence[index]
            default:
                return node
            }
        }
        return node
    }

    // MARK: Values

    func unbox<T: Decodable>(_ type: T.Type, node: Node, path: [any CodingKey]) throws -> T {
        if let value = try unboxPrimitive(type, node: node, path: path) {
            return value
        }
        if case let .scalar(scalar) = node, case let .unsupportedTag(tag) = scalar.kind {
            throw error(at: node, path: path, code: "unsupported-tag",
                        message: "YAML tag \(tag) is not supported here",
                        hint: "remove the tag; environment files hold plain values")
        }
        let decoder = NodeDecoder(node: node, codingPath: path, state: self, scope: ValueScope())
        let value: T
        do {
            value = try T(from: decoder)
        } catch let decodingError as DecodingError {
            throw convert(decodingError, type: type, node: node, path: path)
        }
        reportUnknownKeys(in: decoder.scope)
        return value
    }

    private func unboxPrimitive<T>(_ type: T.Type, node: Node, path: [any CodingKey]) throws -> T? {
        switch type {
        case is String.Type: return try string(node, path) as? T
        case is Bool.Type: return try bool(node, path) as? T
        case is Double.Type: return try double(node, path) as? T
        case is Float.Type:
            let value = try double(node, path)
            guard let float = Float(exactly: value) ?? (value.isFinite && abs(value) <= Double(Float.greatestFiniteMagnitude)
                                                        ? Float(value) : nil) else {
                throw error(at: node, path: path, code: "out-of-range", message: "number \(value) is out of range")
            }
            return float as? T
        case is Int.Type: return try integer(Int.self, node, path) as? T
        case is Int8.Type: return try integer(Int8.self, node, path) as? T
        case is Int16.Type: return try integer(Int16.self, node, path) as? T
        case is Int32.Type: return try integer(Int32.self, node, path) as? T
        case is Int64.Type: return try integer(Int64.self, node, path) as? T
        case is UInt.Type: return try integer(UInt.self, node, path) as? T
        case is UInt8.Type: return try integer(UInt8.self, node, path) as? T
        case is UInt16.Type: return try integer(UInt16.self, node, path) as? T
        case is UInt32.Type: return try integer(UInt32.self, node, path) as? T
        case is UInt64.Type: return try integer(UInt64.self, node, path) as? T
        default: return nil
        }
    }

    func string(_ node: Node, _ path: [any CodingKey]) throws -> String {
        guard case let .scalar(scalar) = node else {
            throw typeMismatch(expected: "a string", node: node, path: path)
        }
        switch scalar.kind {
        case .string:
            return scalar.string
        case .number, .bool:
            throw typeMismatch(expected: "a string", node: node, path: path,
                               hint: "quote it: \"\(scalar.string)\" (unquoted, YAML reads it as a "
                                   + (scalar.kind == .number ? "number, and a leading zero can make it octal)"
                                                             : "boolean)"))
        case .ambiguousBool:
            throw error(at: node, path: path, code: "ambiguous-value",
                        message: "expected a string, found `\(scalar.string)`, which YAML 1.1 reads as a boolean",
                        hint: "quote it: \"\(scalar.string)\"")
        case .null:
            throw typeMismatch(expected: "a string", node: node, path: path,
                               hint: "write \"\" for an empty string")
        case let .unsupportedTag(tag):
            throw error(at: node, path: path, code: "unsupported-tag",
                        message: "YAML tag \(tag) is not supported here", hint: "remove the tag")
        }
    }

    func bool(_ node: Node, _ path: [any CodingKey]) throws -> Bool {
        guard case let .scalar(scalar) = node else {
            throw typeMismatch(expected: "true or false", node: node, path: path)
        }
        switch scalar.kind {
        case let .bool(value):
            return value
        case .ambiguousBool:
            let lowered = scalar.string.lowercased()
            let hint = lowered == "true" || lowered == "false"
                ? "write `\(lowered)` in lower case"
                : "only `true` and `false` are booleans; YAML 1.1 spellings such as yes/no/on/off are not accepted"
            throw error(at: node, path: path, code: "type-mismatch",
                        message: "expected true or false, found `\(scalar.string)`", hint: hint)
        case .string where scalar.string == "true" || scalar.string == "false":
            throw typeMismatch(expected: "true or false", node: node, path: path,
                               hint: "remove the quotes: \(scalar.string)")
        default:
            throw typeMismatch(expected: "true or false", node: node, path: path)
        }
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, _ node: Node, _ path: [any CodingKey]) throws -> I {
        guard case let .scalar(scalar) = node else {
            throw typeMismatch(expected: "an integer", node: node, path: path)
        }
        let text = scalar.string
        switch scalar.kind {
        case .number:
            guard Self.isDecimalInteger(text) else {
                if Self.hasLeadingZero(text) {
                    let plain = String(Int(text.drop(while: { $0 == "0" || $0 == "+" })) ?? 0)
                    throw error(at: node, path: path, code: "ambiguous-value",
                                message: "expected an integer, found `\(text)` with a leading zero",
                                hint: "YAML 1.1 reads leading zeros as octal; write \(plain)")
                }
                if Double(text.filter { $0 != "_" }).map({ $0.rounded() != $0 }) ?? false || text.contains(".") {
                    throw typeMismatch(expected: "an integer", node: node, path: path)
                }
                throw typeMismatch(expected: "an integer", node: node, path: path,
                                   hint: "write the number in plain decimal digits")
            }
            guard let value = I(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
                throw error(at: node, path: path, code: "out-of-range",
                            message: "integer \(text) is out of range (\(I.min)...\(I.max))")
            }
            return value
        case .string where Self.isDecimalInteger(text):
            throw typeMismatch(expected: "an integer", node: node, path: path,
                               hint: "remove the quotes: \(text)")
        default:
            throw typeMismatch(expected: "an integer", node: node, path: path)
        }
    }

    func double(_ node: Node, _ path: [any CodingKey]) throws -> Double {
        guard case let .scalar(scalar) = node else {
            throw typeMismatch(expected: "a number", node: node, path: path)
        }
        let text = scalar.string
        switch scalar.kind {
        case .number:
            if Self.hasLeadingZero(text) {
                throw error(at: node, path: path, code: "ambiguous-value",
                            message: "expected a number, found `\(text)` with a leading zero",
                            hint: "YAML 1.1 reads leading zeros as octal; remove them")
            }
            guard let value = Self.decimalNumber(text) else {
                throw typeMismatch(expected: "a number", node: node, path: path,
                                   hint: "write the number in plain decimal notation, e.g. 2.5 or 1e-3")
            }
            return value
        case .string where Self.decimalNumber(text) != nil:
            throw typeMismatch(expected: "a number", node: node, path: path,
                               hint: "remove the quotes: \(text)")
        default:
            throw typeMismatch(expected: "a number", node: node, path: path)
        }
    }

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

    /// Turns a `DecodingError` thrown by a type's own `init(from:)` into a ``ConfigError``.
    func convert<T>(_ decodingError: DecodingError, type: T.Type, node: Node, path: [any CodingKey]) -> ConfigError {
        if case let .dataCorrupted(context) = decodingError,
           context.codingPath.count == path.count,
           case let .scalar(scalar) = node, scalar.kind == .string,
           T.self is any RawRepresentable.Type {
            let allowed = Self.allowedRawValues(T.self)
            var hint: String?
            if let allowed {
                let list = "allowed values: \(allowed.joined(separator: ", "))"
                hint = NameSuggestion.closest(to: scalar.string, in: allowed)
                    .map { "did you mean `\($0)`? \(list)" } ?? list
            }
            return error(at: node, path: path, code: "invalid-value",
                         message: "`\(scalar.string)` is not a valid value", hint: hint)
        }
        switch decodingError {
        case let .dataCorrupted(context), let .typeMismatch(_, context),
             let .valueNotFound(_, context), let .keyNotFound(_, context):
            let at = context.codingPath.count >= path.count ? self.node(at: context.codingPath) ?? node : node
            return error(at: at, path: context.codingPath, code: "invalid-value",
                         message: context.debugDescription)
        @unknown default:
            return error(at: node, path: path, code: "invalid-value", message: "\(decodingError)")
        }
    }

    static func allowedRawValues<T>(_ type: T.Type) -> [String]? {
        guard let iterable = type as? any CaseIterable.Type else { return nil }
        return rawValues(of: iterable)
    }

    private static func rawValues<C: CaseIterable>(of type: C.Type) -> [String]? {
        var values: [String] = []
        for value in type.allCases {
            guard let raw = (value as? any RawRepresentable)?.rawValue as? String else { return nil }
            values.append(raw)
        }
        return values
    }

    // MARK: Unknown keys

    func reportUnknownKeys(in scope: ValueScope) {
        var groups: [(path: String, trackers: [KeyTracker])] = []
        for tracker in scope.trackers {
            let path = KeyPath.render(tracker.path)
            if let index = groups.firstIndex(where: { $0.path == path }) {
                groups[index].trackers.append(tracker)
            } else {
                groups.append((path, [tracker]))
            }
        }
        for group in groups {
            var allowed: [String] = []
            for tracker in group.trackers {
                for key in tracker.asked where !allowed.contains(key) { allowed.append(key) }
            }
            let first = group.trackers[0]
            for (key, _) in first.mapping {
                guard let name = key.scalar?.string, !allowed.contains(name) else { continue }
                let hint: String
                if let suggestion = NameSuggestion.closest(to: name, in: allowed) {
                    hint = "did you mean `\(suggestion)`?"
                } else if allowed.isEmpty {
                    hint = "this mapping takes no keys"
                } else {
                    hint = "allowed keys: \(allowed.joined(separator: ", "))"
                }
                unknownKeys.append(error(at: key, path: first.path + [NameKey(name)], code: "unknown-key",
                                         message: "unknown key `\(name)`", hint: hint))
            }
        }
    }
}

// MARK: - Decoder and containers

final class NodeDecoder: Decoder {
    let node: Node
    let codingPath: [any CodingKey]
    let state: DecodingState
    let scope: ValueScope
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, codingPath: [any CodingKey], state: DecodingState, scope: ValueScope) {
        self.node = node
        self.codingPath = codingPath
        self.state = state
        self.scope = scope
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .mapping(mapping) = node else {
            throw state.typeMismatch(expected: "a mapping", node: node, path: codingPath)
        }
        let tracker = try KeyTracker(mapping: mapping, path: codingPath, state: state)
        scope.trackers.append(tracker)
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, tracker: tracker))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .sequence(sequence) = node else {
            throw state.typeMismatch(expected: "a list", node: node, path: codingPath)
        }
        return UnkeyedContainer(decoder: self, elements: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    /// A decoder for a child node that shares this value's unknown-key scope.
    func child(_ node: Node, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, codingPath: codingPath + [key], state: state, scope: scope)
    }
}

struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let tracker: KeyTracker

    var codingPath: [any CodingKey] { decoder.codingPath }
    var state: DecodingState { decoder.state }

    var allKeys: [Key] {
        tracker.mapping.compactMap { $0.key.scalar.flatMap { Key(stringValue: $0.string) } }
    }

    func contains(_ key: Key) -> Bool {
        tracker.ask(key.stringValue)
        return tracker.entries[key.stringValue] != nil
    }

    private func value(for key: Key) throws -> Node {
        tracker.ask(key.stringValue)
        guard let entry = tracker.entries[key.stringValue] else { throw missing(key) }
        return entry.value
    }

    private func missing(_ key: Key) -> ConfigError {
        let name = key.stringValue
        let unasked = tracker.mapping.compactMap { $0.key.scalar?.string }.filter { !tracker.isAsked($0) }
        var hint = "add `\(name):` to this mapping"
        if let typo = NameSuggestion.closest(to: name, in: unasked),
           let mark = tracker.entries[typo]?.key.mark {
            hint = "`\(typo)` at \(mark.line):\(mark.column) looks like a misspelling of `\(name)`"
        }
        return state.error(at: Node.mapping(tracker.mapping), path: codingPath + [key], code: "missing-key",
                           message: "missing required key `\(name)`", hint: hint)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try value(for: key).isNull
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try state.unbox(type, node: try value(for: key), path: codingPath + [key])
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        tracker.ask(key.stringValue)
        guard let entry = tracker.entries[key.stringValue], !entry.value.isNull else { return nil }
        return try state.unbox(type, node: entry.value, path: codingPath + [key])
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type?, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type?, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type?, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type?, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type?, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type?, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type?, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type?, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type?, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type?, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type?, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type?, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type?, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type?, key) }

    /// Funnel for the primitive overloads (the optional metatype only disambiguates the call).
    private func decode<T: Decodable>(_ type: T.Type?, _ key: Key) throws -> T {
        try state.unbox(T.self, node: try value(for: key), path: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type,
                                               forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(try value(for: key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(try value(for: key), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        try superDecoder(forKey: NameKey("super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try superDecoder(forKey: key as any CodingKey)
    }

    private func superDecoder(forKey key: any CodingKey) throws -> any Decoder {
        tracker.ask(key.stringValue)
        let node = tracker.entries[key.stringValue]?.value ?? Node.scalar(.init("", Tag(.null, .basic), .plain))
        return decoder.child(node, key: key)
    }
}

struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [Node]
    private(set) var currentIndex = 0

    init(decoder: NodeDecoder, elements: [Node]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private func current() throws -> Node {
        guard !isAtEnd else {
            throw decoder.state.error(at: decoder.node, path: codingPath, code: "too-few-elements",
                                      message: "expected more than \(elements.count) elements")
        }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard try current().isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try decoder.state.unbox(type, node: try current(), path: codingPath + [IndexKey(currentIndex)])
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey> {
        let container = try decoder.child(try current(), key: IndexKey(currentIndex)).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try decoder.child(try current(), key: IndexKey(currentIndex)).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let child = decoder.child(try current(), key: IndexKey(currentIndex))
        currentIndex += 1
        return child
    }
}

struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node.isNull }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.state.unbox(type, node: decoder.node, path: codingPath)
    }

    func decode(_ type: Bool.Type) throws -> Bool { try decoder.state.bool(decoder.node, codingPath) }
    func decode(_ type: String.Type) throws -> String { try decoder.state.string(decoder.node, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.state.double(decoder.node, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.state.integer(Int.self, decoder.node, codingPath) }
}

// MARK: - Duplicate keys

/// Yams rejects duplicate keys while composing but reports only the first occurrence of one duplicate
/// key, without a key path. To name the second occurrence and its path, the reported occurrence is
/// renamed in a copy of the text (a numbered marker is inserted at its mark) and the copy composed
/// again, repeating while Yams finds more duplicates (a third occurrence, other duplicate keys). The
/// first marker then leads to the mapping in the tree, where the next occurrence of the key is the
/// one to report; marks are mapped back to the original text by undoing the insertions. If any of
/// that fails (odd syntax such as `? key`), the occurrence Yams found is reported as it is.
enum DuplicateKeyLocator {
    static let marker = "stackctlDuplicateKeyMarker"
    static let hint = "a key may appear only once in a mapping; remove one of them"

    /// A marker inserted at `line`:`column` (in the text as it was when inserting).
    struct Insertion {
        let line: Int
        let column: Int
        let length: Int
    }

    static func error(yaml: String, file: String, key: String, firstMark: Mark) -> ConfigError {
        let fallback = ConfigError(
            file: file, line: firstMark.line, column: firstMark.column, keyPath: KeyPath.render([NameKey(key)]),
            code: "duplicate-key", message: "duplicate key `\(key)`", hint: hint)
        var text = yaml
        var insertions: [Insertion] = []
        var mark = firstMark
        var root: Node?
        for round in 0..<20 {
            let tag = "\(marker)\(round)x"
            guard let (renamed, insertion) = insertMarker(tag, in: text, at: mark) else { return fallback }
            text = renamed
            insertions.append(insertion)
            do {
                root = try Yams.compose(yaml: text, .basic)
                break
            } catch let YamlError.duplicatedKeysInMapping(_, context) {
                mark = context.mark
            } catch {
                return fallback
            }
        }
        let firstTag = "\(marker)0x"
        guard let root, let (mapping, path) = find(firstTag + key, in: root, path: []) else { return fallback }
        let occurrences = mapping.compactMap { pair -> (line: Int, column: Int)? in
            guard let name = pair.key.scalar?.string, let mark = pair.key.mark,
                  name == key || (name.hasPrefix(marker) && !name.hasPrefix(firstTag) && Self.unmarked(name) == key)
            else { return nil }
            return original(line: mark.line, column: mark.column, insertions: insertions)
        }
        guard let second = occurrences.min(by: { ($0.line, $0.column) < ($1.line, $1.column) }) else {
            return fallback
        }
        return ConfigError(
            file: file, line: second.line, column: second.column, keyPath: KeyPath.render(path + [NameKey(key)]),
            code: "duplicate-key",
            message: "duplicate key `\(key)` (first at \(firstMark.line):\(firstMark.column))", hint: hint)
    }

    /// `stackctlDuplicateKeyMarker12xname` → `name`.
    static func unmarked(_ name: String) -> String {
        guard let x = name.dropFirst(marker.count).firstIndex(of: "x") else { return name }
        return String(name[name.index(after: x)...])
    }

    /// Maps a position in the marked-up text back to the original text.
    static func original(line: Int, column: Int, insertions: [Insertion]) -> (line: Int, column: Int) {
        var column = column
        for insertion in insertions.reversed() where insertion.line == line && column > insertion.column {
            column -= insertion.length
        }
        return (line, column)
    }

    /// Inserts `tag` at the start of the key text at `mark` (after an opening quote).
    static func insertMarker(_ tag: String, in yaml: String, at mark: Mark) -> (String, Insertion)? {
        var scalars = Array(yaml.unicodeScalars)
        var line = 1, column = 1, index = 0
        while index < scalars.count, line < mark.line || (line == mark.line && column < mark.column) {
            let scalar = scalars[index]
            if scalar == "\n" || (scalar == "\r" && (index + 1 >= scalars.count || scalars[index + 1] != "\n")) {
                line += 1
                column = 1
            } else if scalar != "\r" {
                column += 1
            }
            index += 1
        }
        guard index < scalars.count, line == mark.line else { return nil }
        let first = scalars[index]
        var insertColumn = column
        if first == "\"" || first == "'" {
            index += 1
            insertColumn += 1
        } else if "?{}[],#&*!|>%@`-: \t".unicodeScalars.contains(first) {
            return nil
        }
        scalars.insert(contentsOf: tag.unicodeScalars, at: index)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return (String(result), Insertion(line: line, column: insertColumn, length: tag.unicodeScalars.count))
    }

    /// The mapping that has the key `name`, and its path.
    static func find(_ name: String, in node: Node, path: [any CodingKey]) -> (Node.Mapping, [any CodingKey])? {
        switch node {
        case let .mapping(mapping):
            for (key, value) in mapping {
                guard let keyName = key.scalar?.string else { continue }
                if keyName == name { return (mapping, path) }
                let pathName = keyName.hasPrefix(marker) ? unmarked(keyName) : keyName
                if let found = find(name, in: value, path: path + [NameKey(pathName)]) { return found }
            }
        case let .sequence(sequence):
            for (index, element) in sequence.enumerated() {
                if let found = find(name, in: element, path: path + [IndexKey(index)]) { return found }
            }
        default:
            break
        }
        return nil
    }
}
