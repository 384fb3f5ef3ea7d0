#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TextBasics

/// The INI dialect of `~/.aws/credentials` and `~/.aws/config`: `[section]` headers, `key = value`
/// lines, `#`/`;` comment lines. Indented lines belong to a nested block (`s3 =` followed by
/// `  addressing_style = path`); we do not use those settings, so they are skipped.
struct SharedConfigFile: Equatable {
    var sections: [String: [String: String]] = [:]

    init(sections: [String: [String: String]]) { self.sections = sections }

    init(text: String) {
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let isIndented = rawLine.first == " " || rawLine.first == "\t"
            let line = TextBasics.trimmingWhitespace(rawLine)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = TextBasics.trimmingWhitespace(line.dropFirst().dropLast())
                // Collapse inner whitespace so "[profile   dev]" and "[profile dev]" match.
                current = name.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                if let current, sections[current] == nil { sections[current] = [:] }
                continue
            }
            guard let section = current, !isIndented, let equals = line.firstIndex(of: "=") else { continue }
            let key = TextBasics.trimmingWhitespace(line[..<equals]).lowercased()
            let value = TextBasics.trimmingWhitespace(line[line.index(after: equals)...])
            sections[section, default: [:]][key] = value
        }
    }

    /// Reads `path`; a missing or unreadable file is `nil` (it is simply not a source).
    static func load(_ path: String) -> SharedConfigFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SharedConfigFile(text: String(decoding: data, as: UTF8.self))
    }
}
