import Yams

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
                throw state.error(at: key, path: path, code: .invalidKey,
                                  message: "mapping keys must be plain names, found \(key.foundDescription)")
            }
            if let first = entries[scalar.string] {
                let where_ = first.key.mark.map { " (first at \($0.line):\($0.column))" } ?? ""
                throw state.error(at: key, path: path + [NameKey(scalar.string)], code: .duplicateKey,
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
