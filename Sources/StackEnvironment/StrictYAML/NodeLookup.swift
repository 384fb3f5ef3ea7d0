import Yams

/// Nodes found by key, for errors that point at a key or value after decoding (``Validation``).
extension Node {
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
