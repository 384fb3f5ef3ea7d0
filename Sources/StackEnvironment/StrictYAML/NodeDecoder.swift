import Yams

/// The `Decoder` a type's `init(from:)` sees: one node, its key path, and the unknown-key scope of the
/// value being decoded. Containers hand every value back to ``DecodingState/unbox(_:node:path:)``.
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
