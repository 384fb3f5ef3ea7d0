import Yams

extension DecodingState {
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
            return error(at: node, path: path, code: .invalidValue,
                         message: "`\(scalar.string)` is not a valid value", hint: hint)
        }
        switch decodingError {
        case let .dataCorrupted(context), let .typeMismatch(_, context),
             let .valueNotFound(_, context), let .keyNotFound(_, context):
            let at = context.codingPath.count >= path.count ? self.node(at: context.codingPath) ?? node : node
            return error(at: at, path: context.codingPath, code: .invalidValue,
                         message: context.debugDescription)
        @unknown default:
            return error(at: node, path: path, code: .invalidValue, message: "\(decodingError)")
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
}
