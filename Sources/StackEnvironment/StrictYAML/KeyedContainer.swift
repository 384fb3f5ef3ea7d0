import Yams

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
        return state.error(at: Node.mapping(tracker.mapping), path: codingPath + [key], code: .missingKey,
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
