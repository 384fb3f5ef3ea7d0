/// The map of a template value (`TemplateValue.map`): entries kept sorted by key, keys unique.
///
/// Why not a `Dictionary`: templates are written with their keys sorted, and almost every map in a
/// template has a handful of entries. A sorted array is built without hashing, is iterated in output
/// order (the renderers need no sort), and compares and hashes in one canonical order. Lookups are a
/// linear scan for small maps and a binary search otherwise. The API follows `Dictionary`'s where
/// callers use it: `map[key]`, `keys`, `values`, `count`, `mapValues`, iteration as `(key, value)`
/// pairs.
public struct TemplateMap: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var value: TemplateValue
    }

    public private(set) var entries: [Entry]

    /// Up to this many entries, inserting a key reallocates to the exact size (see `subscript(key:)`).
    static let exactGrowthLimit = 16

    public init() { entries = [] }

    /// Entries in any order; a repeated key keeps its last value (as a dictionary literal's builder does).
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, TemplateValue) {
        entries = pairs.map { Entry(key: $0.0, value: $0.1) }
        normalize()
    }

    public init(_ dictionary: [String: TemplateValue]) {
        entries = dictionary.map { Entry(key: $0.key, value: $0.value) }
        entries.sort { $0.key < $1.key }
    }

    /// Sorts by key (stable) and keeps the last of each run of equal keys.
    private mutating func normalize() {
        guard entries.count > 1 else { return }
        // Insertion sort: maps are small and often written nearly sorted; stable, so "last wins" holds.
        for i in 1..<entries.count {
            var j = i
            while j > 0 && entries[j].key < entries[j - 1].key {
                entries.swapAt(j, j - 1)
                j -= 1
            }
        }
        guard entries.indices.dropFirst().contains(where: { entries[$0].key == entries[$0 - 1].key }) else { return }
        var unique: [Entry] = []
        unique.reserveCapacity(entries.count)
        for i in entries.indices where i + 1 == entries.count || entries[i + 1].key != entries[i].key {
            unique.append(entries[i])
        }
        entries = unique
    }

    /// The position of `key`, or where it would be inserted.
    private func position(of key: String) -> (index: Int, found: Bool) {
        if entries.count <= 8 {
            for (i, entry) in entries.enumerated() {
                if entry.key == key { return (i, true) }
                if key < entry.key { return (i, false) }
            }
            return (entries.count, false)
        }
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].key < key { low = mid + 1 } else { high = mid }
        }
        return (low, low < entries.count && entries[low].key == key)
    }

    public subscript(key: String) -> TemplateValue? {
        get {
            let (i, found) = position(of: key)
            return found ? entries[i].value : nil
        }
        set {
            let (i, found) = position(of: key)
            switch (found, newValue) {
            case (true, let value?): entries[i].value = value
            case (true, nil): entries.remove(at: i)
            case (false, let value?):
                // A small map grows by exactly one: it is usually a literal plus a key or two, kept for
                // the whole synthesis, and doubling's slack stayed allocated with it (a fifth of the heap
                // at 2,000 units). Larger maps double as usual, so building one key by key stays linear.
                if entries.count == entries.capacity, entries.count < Self.exactGrowthLimit {
                    entries.reserveCapacity(entries.count + 1)
                }
                entries.insert(Entry(key: key, value: value), at: i)
            case (false, nil): break
            }
        }
    }

    /// Replaces the value at a position (from iterating `entries`), keeping the key.
    public mutating func setValue(_ value: TemplateValue, at index: Int) {
        entries[index].value = value
    }

    public var keys: LazyMapSequence<[Entry], String> { entries.lazy.map(\.key) }
    public var values: LazyMapSequence<[Entry], TemplateValue> { entries.lazy.map(\.value) }

    public func mapValues(_ transform: (TemplateValue) throws -> TemplateValue) rethrows -> TemplateMap {
        var out = self
        for i in out.entries.indices { out.entries[i].value = try transform(out.entries[i].value) }
        return out
    }

    /// The same entries as a dictionary, for APIs that take one.
    public var dictionary: [String: TemplateValue] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
    }
}

extension TemplateMap: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
    public subscript(position: Int) -> (key: String, value: TemplateValue) {
        (entries[position].key, entries[position].value)
    }
}

extension TemplateMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements)
    }
}
