/// Says how two values of a construct differ, setting by setting, for diagnostics. Only called once a
/// difference is known (by `==`), so reflection and its conformance lookups cost nothing on success.
enum SettingDifferences {
    /// "visibilityTimeout is .seconds(30) here, .minutes(6) at Test/Jobs"; "a Queue here, a RawResource
    /// in the stack's body" when the types differ. `first` and `second` say where each value is.
    static func between(_ a: any Construct, _ b: any Construct, first: String, second: String) -> String {
        let typeA = typeName(a), typeB = typeName(b)
        guard typeA == typeB else { return "\(withArticle(typeA)) \(first), \(withArticle(typeB)) \(second)" }
        let left = Mirror(reflecting: a).children, right = Mirror(reflecting: b).children
        var differences: [String] = []
        for (l, r) in zip(left, right) where !equal(l.value, r.value) {
            differences.append("\(l.label ?? "a setting") is \(describe(l.value)) \(first), \(describe(r.value)) \(second)")
        }
        return differences.isEmpty ? "their settings differ" : differences.joined(separator: "; ")
    }

    static func typeName(_ value: Any) -> String { _typeName(type(of: value), qualified: false) }

    /// "a Queue", "an Override".
    static func withArticle(_ noun: String) -> String {
        (noun.first.map { "AEIOU".contains($0) } ?? false ? "an " : "a ") + noun
    }

    /// How a setting reads in Swift: durations as `.minutes(6)`, strings quoted, optionals unwrapped.
    static func describe(_ value: Any) -> String {
        if let duration = value as? Duration { return duration.code }
        if let text = value as? String { return "\"\(text)\"" }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.map { describe($0.value) } ?? "nil"
        }
        return String(describing: value)
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? any Equatable { return a.isEqual(to: b) }
        return describe(a) == describe(b)
    }
}

private extension Equatable {
    func isEqual(to other: Any) -> Bool { (other as? Self) == self }
}
