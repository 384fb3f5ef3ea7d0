import Yams

/// The `parameters:` section of an environment file: CloudFormation parameter values per stack,
/// as written, with their positions. Which stacks declare which parameters is known only once the
/// estate is synthesized, so ``ParameterCheck`` checks the values then.
///
/// ```yaml
/// parameters:
///   MarketStream:              # a stack of the estate
///     AlertEmail: ops@example.com
///     Shards: 2                # Number
///     Subnets: [subnet-1, subnet-2]   # CommaDelimitedList, List<Number>, List<AWS::…>
/// ```
public struct ParameterSection: Decodable, Sendable, Equatable {
    /// A value as typed in the file.
    public enum Value: Sendable, Equatable {
        case string(String)
        /// A plain scalar YAML reads as a number, as written (`2`, `2.5`).
        case number(String)
        case bool(Bool)
        /// A list of scalars (strings, numbers or booleans).
        case list([Value])
    }

    /// A position in the file (1-based), when known.
    public struct Position: Sendable, Equatable {
        public var line: Int?
        public var column: Int?
    }

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: Value
        /// Of the parameter's key.
        public var position: Position
    }

    public struct Stack: Sendable, Equatable {
        public var name: String
        /// Of the stack's key.
        public var position: Position
        /// In file order.
        public var entries: [Entry]
    }

    /// In file order.
    public var stacks: [Stack]
    /// Of the `parameters` key (set by the environment file; nil when there is no section).
    public var position: Position?

    public init(stacks: [Stack] = [], position: Position? = nil) {
        self.stacks = stacks
        self.position = position
    }

    public init(from decoder: any Decoder) throws {
        guard let decoder = decoder as? NodeDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "parameters are read from YAML only"))
        }
        let state = decoder.state, path = decoder.codingPath
        stacks = []
        if decoder.node.isNull { return }  // `parameters:` with nothing under it
        for (stackKey, stackNode) in try Self.pairs(decoder.node, path, state, expected: "a mapping of stack names to their parameters") {
            let stackPath = path + [NameKey(stackKey.name)]
            var entries: [Entry] = []
            if !stackNode.isNull {
                for (key, valueNode) in try Self.pairs(stackNode, stackPath, state, expected: "a mapping of parameter names to values") {
                    let value = try Self.value(valueNode, stackPath + [NameKey(key.name)], state)
                    entries.append(Entry(name: key.name, value: value, position: key.position))
                }
            }
            stacks.append(Stack(name: stackKey.name, position: stackKey.position, entries: entries))
        }
    }

    /// A mapping's entries with plain-name keys, duplicates refused.
    static func pairs(_ node: Node, _ path: [any CodingKey], _ state: DecodingState,
                      expected: String) throws -> [((name: String, position: Position), Node)] {
        guard case let .mapping(mapping) = node else { throw state.typeMismatch(expected: expected, node: node, path: path) }
        var seen: Set<String> = []
        return try mapping.map { key, value in
            guard case let .scalar(scalar) = key, scalar.kind == .string || scalar.kind == .number else {
                throw state.error(at: key, path: path, code: .invalidKey, message: "keys must be plain names, found \(key.foundDescription)")
            }
            guard seen.insert(scalar.string).inserted else {
                throw state.error(at: key, path: path + [NameKey(scalar.string)], code: .duplicateKey,
                                  message: "duplicate key `\(scalar.string)`", hint: "a key may appear only once in a mapping; remove one of them")
            }
            return ((scalar.string, Position(line: key.mark?.line, column: key.mark?.column)), value)
        }
    }

    static func value(_ node: Node, _ path: [any CodingKey], _ state: DecodingState, inList: Bool = false) throws -> Value {
        switch node {
        case let .scalar(scalar):
            switch scalar.kind {
            case .string: return .string(scalar.string)
            case .number: return .number(scalar.string)
            case let .bool(value): return .bool(value)
            case .ambiguousBool:
                throw state.error(at: node, path: path, code: .ambiguousValue,
                                  message: "`\(scalar.string)` reads as a boolean in YAML 1.1", hint: "quote it: \"\(scalar.string)\"")
            case .null:
                throw state.typeMismatch(expected: "a value", node: node, path: path,
                                         hint: "write the value, or remove the key to use the parameter's Default")
            case let .unsupportedTag(tag):
                throw state.error(at: node, path: path, code: .unsupportedTag, message: "YAML tag \(tag) is not supported here",
                                  hint: "remove the tag; parameter values are plain")
            }
        case let .sequence(sequence) where !inList:
            return .list(try sequence.enumerated().map { index, item in
                try value(item, path + [IndexKey(index)], state, inList: true)
            })
        default:
            throw state.typeMismatch(expected: inList ? "a string or a number" : "a string, a number or a list", node: node, path: path)
        }
    }
}
