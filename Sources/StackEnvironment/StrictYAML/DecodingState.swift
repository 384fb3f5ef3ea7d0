import Yams

/// One decoding run: the file for error positions, the document, and the unknown keys found so far.
/// `unbox` is the one way a value is decoded: primitives directly, everything else through its own
/// `init(from:)` on a ``NodeDecoder``, after which the keys it did not ask for are reported.
final class DecodingState {
    let file: String
    let root: Node?
    var unknownKeys: [ConfigError] = []

    init(file: String, root: Node?) {
        self.file = file
        self.root = root
    }

    func error(at node: Node?, path: [any CodingKey], code: ConfigErrorCode, message: String,
               hint: String? = nil) -> ConfigError {
        ConfigError(file: file, line: node?.mark?.line, column: node?.mark?.column,
                    keyPath: KeyPath.render(path), code: code, message: message, hint: hint)
    }

    func typeMismatch(expected: String, node: Node, path: [any CodingKey], hint: String? = nil) -> ConfigError {
        error(at: node, path: path, code: .typeMismatch,
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

    func unbox<T: Decodable>(_ type: T.Type, node: Node, path: [any CodingKey]) throws -> T {
        if let value = try unboxPrimitive(type, node: node, path: path) {
            return value
        }
        if case let .scalar(scalar) = node, case let .unsupportedTag(tag) = scalar.kind {
            throw error(at: node, path: path, code: .unsupportedTag,
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
                throw error(at: node, path: path, code: .outOfRange, message: "number \(value) is out of range")
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
}
