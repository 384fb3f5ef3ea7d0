import Yams

/// Yams rejects duplicate keys while composing but reports only the first occurrence of one duplicate
/// key, without a key path. To name the second occurrence and its path, the reported occurrence is
/// renamed in a copy of the text (a numbered marker is inserted at its mark) and the copy composed
/// again, repeating while Yams finds more duplicates (a third occurrence, other duplicate keys). The
/// first marker then leads to the mapping in the tree, where the next occurrence of the key is the
/// one to report; marks are mapped back to the original text by undoing the insertions. If any of
/// that fails (odd syntax such as `? key`), the occurrence Yams found is reported as it is.
enum DuplicateKeyLocator {
    static let marker = "stackctlDuplicateKeyMarker"
    static let hint = "a key may appear only once in a mapping; remove one of them"

    /// A marker inserted at `line`:`column` (in the text as it was when inserting).
    struct Insertion {
        let line: Int
        let column: Int
        let length: Int
    }

    static func error(yaml: String, file: String, key: String, firstMark: Mark) -> ConfigError {
        let fallback = ConfigError(
            file: file, line: firstMark.line, column: firstMark.column, keyPath: KeyPath.render([NameKey(key)]),
            code: .duplicateKey, message: "duplicate key `\(key)`", hint: hint)
        var text = yaml
        var insertions: [Insertion] = []
        var mark = firstMark
        var root: Node?
        for round in 0..<20 {
            let tag = "\(marker)\(round)x"
            guard let (renamed, insertion) = insertMarker(tag, in: text, at: mark) else { return fallback }
            text = renamed
            insertions.append(insertion)
            do {
                root = try Yams.compose(yaml: text, .basic)
                break
            } catch let YamlError.duplicatedKeysInMapping(_, context) {
                mark = context.mark
            } catch {
                return fallback
            }
        }
        let firstTag = "\(marker)0x"
        guard let root, let (mapping, path) = find(firstTag + key, in: root, path: []) else { return fallback }
        let occurrences = mapping.compactMap { pair -> (line: Int, column: Int)? in
            guard let name = pair.key.scalar?.string, let mark = pair.key.mark,
                  name == key || (name.hasPrefix(marker) && !name.hasPrefix(firstTag) && Self.unmarked(name) == key)
            else { return nil }
            return original(line: mark.line, column: mark.column, insertions: insertions)
        }
        guard let second = occurrences.min(by: { ($0.line, $0.column) < ($1.line, $1.column) }) else {
            return fallback
        }
        return ConfigError(
            file: file, line: second.line, column: second.column, keyPath: KeyPath.render(path + [NameKey(key)]),
            code: .duplicateKey,
            message: "duplicate key `\(key)` (first at \(firstMark.line):\(firstMark.column))", hint: hint)
    }

    /// `stackctlDuplicateKeyMarker12xname` → `name`.
    static func unmarked(_ name: String) -> String {
        guard let x = name.dropFirst(marker.count).firstIndex(of: "x") else { return name }
        return String(name[name.index(after: x)...])
    }

    /// Maps a position in the marked-up text back to the original text.
    static func original(line: Int, column: Int, insertions: [Insertion]) -> (line: Int, column: Int) {
        var column = column
        for insertion in insertions.reversed() where insertion.line == line && column > insertion.column {
            column -= insertion.length
        }
        return (line, column)
    }

    /// Inserts `tag` at the start of the key text at `mark` (after an opening quote).
    static func insertMarker(_ tag: String, in yaml: String, at mark: Mark) -> (String, Insertion)? {
        var scalars = Array(yaml.unicodeScalars)
        var line = 1, column = 1, index = 0
        while index < scalars.count, line < mark.line || (line == mark.line && column < mark.column) {
            let scalar = scalars[index]
            if scalar == "\n" || (scalar == "\r" && (index + 1 >= scalars.count || scalars[index + 1] != "\n")) {
                line += 1
                column = 1
            } else if scalar != "\r" {
                column += 1
            }
            index += 1
        }
        guard index < scalars.count, line == mark.line else { return nil }
        let first = scalars[index]
        var insertColumn = column
        if first == "\"" || first == "'" {
            index += 1
            insertColumn += 1
        } else if "?{}[],#&*!|>%@`-: \t".unicodeScalars.contains(first) {
            return nil
        }
        scalars.insert(contentsOf: tag.unicodeScalars, at: index)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return (String(result), Insertion(line: line, column: insertColumn, length: tag.unicodeScalars.count))
    }

    /// The mapping that has the key `name`, and its path.
    static func find(_ name: String, in node: Node, path: [any CodingKey]) -> (Node.Mapping, [any CodingKey])? {
        switch node {
        case let .mapping(mapping):
            for (key, value) in mapping {
                guard let keyName = key.scalar?.string else { continue }
                if keyName == name { return (mapping, path) }
                let pathName = keyName.hasPrefix(marker) ? unmarked(keyName) : keyName
                if let found = find(name, in: value, path: path + [NameKey(pathName)]) { return found }
            }
        case let .sequence(sequence):
            for (index, element) in sequence.enumerated() {
                if let found = find(name, in: element, path: path + [IndexKey(index)]) { return found }
            }
        default:
            break
        }
        return nil
    }
}
