/// "Did you mean ...?": the accepted name closest to a mistyped one, when it is close enough to be the
/// likely intent (a typo or two, a swapped pair of letters, or a unique abbreviation).
public enum Suggestion {
    public static func closest(to typed: String, among candidates: [String]) -> String? {
        let typed = Array(typed.lowercased())
        guard !typed.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        // Short names get one edit: two would make `env` look like `out`.
        if let best, best.distance <= (min(typed.count, best.name.count) <= 4 ? 1 : 2) { return best.name }
        let prefixed = candidates.filter { typed.count >= 3 && $0.lowercased().hasPrefix(String(typed)) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of two
    /// neighbours each cost one (`synht` is one edit from `synth`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
