/// Finds the constructs among a stack definition's stored properties, at compile-time cost: the
/// `encode(to:)` the compiler synthesizes for an `Encodable` struct visits every stored property in
/// declaration order, and a construct's `encode(to:)` (the default from `Construct`) hands itself to this
/// visitor instead of encoding anything. Other values are walked and dropped, so constructs inside arrays,
/// optionals and plain structs are found too; a construct's own contents are not visited.
///
/// Why not `Mirror`: reflecting the two bundled stacks and casting each property to `any Construct`
/// cost about 5 million instructions (a scan of every protocol-conformance record in the binary per
/// property type, and Mirror's own generic machinery), 1–2 ms of a 15 ms `stackctl synth`; this costs
/// a few thousand.
enum StoredConstructs {
    /// The constructs `value`'s stored properties hold, each with its property path (`ticks`,
    /// `buckets[1]`, `group.raw`).
    static func of(_ value: some Encodable) -> [(construct: any Construct, label: String)] {
        let found = Found()
        // The visitor never throws; a value's own `encode(to:)` might, and then what it held is not found.
        try? value.encode(to: Visitor(found: found, label: ""))
        return found.constructs
    }

    /// Called by `Construct.encode(to:)`: declares the construct when the encoder is this visitor.
    static func visit(_ construct: any Construct, with encoder: any Encoder) {
        guard let visitor = encoder as? Visitor else { return }
        visitor.found.constructs.append((construct, visitor.label))
    }

    final class Found {
        var constructs: [(construct: any Construct, label: String)] = []
    }

    struct Visitor: Encoder {
        let found: Found
        let label: String
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Fields(found: found, label: label))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { Elements(found: found, label: label) }
        func singleValueContainer() -> any SingleValueEncodingContainer { Scalar(visitor: self) }
    }

    /// A struct's stored properties. One generic `encode` also witnesses the primitive requirements: a
    /// primitive encodes itself into a `Scalar`, which drops it.
    struct Fields<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let found: Found
        let label: String
        var codingPath: [any CodingKey] { [] }

        private func path(_ key: Key) -> String { label.isEmpty ? key.stringValue : label + "." + key.stringValue }

        mutating func encodeNil(forKey key: Key) {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            // Every stack stores its settings, which hold no construct: not walking them saves instantiating
            // their coding keys (each a conformance scan).
            guard T.self != StackSettings.self else { return }
            try value.encode(to: Visitor(found: found, label: path(key)))
        }
        mutating func nestedContainer<Nested: CodingKey>(keyedBy type: Nested.Type, forKey key: Key) -> KeyedEncodingContainer<Nested> {
            KeyedEncodingContainer(Fields<Nested>(found: found, label: path(key)))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { Elements(found: found, label: path(key)) }
        mutating func superEncoder() -> any Encoder { Visitor(found: found, label: label) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Visitor(found: found, label: path(key)) }
    }

    /// An array's elements, labelled by index.
    struct Elements: UnkeyedEncodingContainer {
        let found: Found
        let label: String
        var codingPath: [any CodingKey] { [] }
        private(set) var count = 0

        init(found: Found, label: String) {
            self.found = found
            self.label = label
        }

        private mutating func next() -> String {
            defer { count += 1 }
            return "\(label)[\(count)]"
        }

        mutating func encodeNil() { count += 1 }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: Visitor(found: found, label: next())) }
        mutating func nestedContainer<Nested: CodingKey>(keyedBy type: Nested.Type) -> KeyedEncodingContainer<Nested> {
            KeyedEncodingContainer(Fields<Nested>(found: found, label: next()))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Elements(found: found, label: next()) }
        mutating func superEncoder() -> any Encoder { Visitor(found: found, label: next()) }
    }

    /// A single value: primitives are dropped (each needs its own method, or it would encode itself
    /// again); anything else is visited, as an optional's wrapped construct is.
    struct Scalar: SingleValueEncodingContainer {
        let visitor: Visitor
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) {}
        mutating func encode(_ value: String) {}
        mutating func encode(_ value: Double) {}
        mutating func encode(_ value: Float) {}
        mutating func encode(_ value: Int) {}
        mutating func encode(_ value: Int8) {}
        mutating func encode(_ value: Int16) {}
        mutating func encode(_ value: Int32) {}
        mutating func encode(_ value: Int64) {}
        mutating func encode(_ value: UInt) {}
        mutating func encode(_ value: UInt8) {}
        mutating func encode(_ value: UInt16) {}
        mutating func encode(_ value: UInt32) {}
        mutating func encode(_ value: UInt64) {}
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: visitor) }
    }
}
