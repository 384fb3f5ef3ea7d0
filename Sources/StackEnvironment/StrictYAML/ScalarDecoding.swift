import Yams

/// Scalars read as the Swift type asked for, with the error and hint a person needs when the text
/// reads as something else (an unquoted number for a string, `yes` for a bool, `012` for an integer).
extension DecodingState {
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
            throw error(at: node, path: path, code: .ambiguousValue,
                        message: "expected a string, found `\(scalar.string)`, which YAML 1.1 reads as a boolean",
                        hint: "quote it: \"\(scalar.string)\"")
        case .null:
            throw typeMismatch(expected: "a string", node: node, path: path,
                               hint: "write \"\" for an empty string")
        case let .unsupportedTag(tag):
            throw error(at: node, path: path, code: .unsupportedTag,
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
            throw error(at: node, path: path, code: .typeMismatch,
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
        try checkNumberLength(scalar, node, path)
        switch scalar.kind {
        case .number:
            guard NumberSpelling.isDecimalInteger(text) else {
                if NumberSpelling.hasLeadingZero(text) {
                    let plain = String(Int(text.drop(while: { $0 == "0" || $0 == "+" })) ?? 0)
                    throw error(at: node, path: path, code: .ambiguousValue,
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
                throw error(at: node, path: path, code: .outOfRange,
                            message: "integer \(text) is out of range (\(I.min)...\(I.max))")
            }
            return value
        case .string where NumberSpelling.isDecimalInteger(text):
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
        try checkNumberLength(scalar, node, path)
        switch scalar.kind {
        case .number:
            if NumberSpelling.hasLeadingZero(text) {
                throw error(at: node, path: path, code: .ambiguousValue,
                            message: "expected a number, found `\(text)` with a leading zero",
                            hint: "YAML 1.1 reads leading zeros as octal; remove them")
            }
            guard let value = NumberSpelling.decimalNumber(text) else {
                throw typeMismatch(expected: "a number", node: node, path: path,
                                   hint: "write the number in plain decimal notation, e.g. 2.5 or 1e-3")
            }
            return value
        case .string where NumberSpelling.decimalNumber(text) != nil:
            throw typeMismatch(expected: "a number", node: node, path: path,
                               hint: "remove the quotes: \(text)")
        default:
            throw typeMismatch(expected: "a number", node: node, path: path)
        }
    }

    /// A number literal longer than any real value is refused before it is converted.
    private func checkNumberLength(_ scalar: Node.Scalar, _ node: Node, _ path: [any CodingKey]) throws {
        guard scalar.kind == .number, scalar.string.utf8.count > StrictYAMLLimits.maxNumberLength else { return }
        throw error(at: node, path: path, code: .limitExceeded,
                    message: "a number literal of \(scalar.string.utf8.count) characters, over the limit of \(StrictYAMLLimits.maxNumberLength)",
                    hint: "write the number in plain decimal digits")
    }
}
