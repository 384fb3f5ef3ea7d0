import Yams

/// Unknown keys, reported once a value's `init(from:)` has returned: every container that read the same
/// mapping counts (a type may open it twice, or through a super decoder), then each key nobody asked
/// for gets the closest known key or the list of allowed ones.
extension DecodingState {
    func reportUnknownKeys(in scope: ValueScope) {
        var groups: [(path: String, trackers: [KeyTracker])] = []
        for tracker in scope.trackers {
            let path = KeyPath.render(tracker.path)
            if let index = groups.firstIndex(where: { $0.path == path }) {
                groups[index].trackers.append(tracker)
            } else {
                groups.append((path, [tracker]))
            }
        }
        for group in groups {
            var allowed: [String] = []
            for tracker in group.trackers {
                for key in tracker.asked where !allowed.contains(key) { allowed.append(key) }
            }
            let first = group.trackers[0]
            for (key, _) in first.mapping {
                guard let name = key.scalar?.string, !allowed.contains(name) else { continue }
                let hint: String
                if let suggestion = NameSuggestion.closest(to: name, in: allowed) {
                    hint = "did you mean `\(suggestion)`?"
                } else if allowed.isEmpty {
                    hint = "this mapping takes no keys"
                } else {
                    hint = "allowed keys: \(allowed.joined(separator: ", "))"
                }
                unknownKeys.append(error(at: key, path: first.path + [NameKey(name)], code: .unknownKey,
                                         message: "unknown key `\(name)`", hint: hint))
            }
        }
    }
}
