import StackTemplate

/// The ceilings of the strict YAML decoder, in one place. An environment file is a page of settings
/// (the bundled ones are under 1 KB), so these are generous for any real file and small enough that a
/// hostile one is refused at once, naming the limit and the place (`limit-exceeded`).
public enum StrictYAMLLimits {
    /// Bytes of one file.
    public static let maxDocumentBytes = 262_144
    /// Levels of nested mappings and lists (`config` inside the file is one); the decoder recurses.
    public static let maxDepth = 64
    /// UTF-8 bytes of one scalar, key or value.
    public static let maxScalarBytes = 16_384
    /// Characters of one number literal: an `Int` has at most 20, a double's 17 digits and exponent fewer.
    public static let maxNumberLength = 64

    static let scan = YAMLEventScan.Limits(maxDepth: maxDepth, maxScalarBytes: maxScalarBytes)

    static let hint = "environment files are small; this looks like the wrong file or generated input"

    /// The document's size, aliases, nesting and scalar lengths, checked before Yams composes it.
    static func check(_ yaml: String, file: String) throws {
        let bytes = yaml.utf8.count
        if bytes > maxDocumentBytes {
            throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .limitExceeded,
                              message: "the file is \(bytes) bytes, over the limit of \(maxDocumentBytes) bytes",
                              hint: hint)
        }
        switch YAMLEventScan.firstFinding(in: yaml, limits: scan) {
        case nil:
            return
        case let .alias(name, line, column, anchorLine):
            let anchor = anchorLine.map { " (its anchor &\(name) is on line \($0))" } ?? ""
            throw ConfigError(file: file, line: line, column: column, keyPath: "", code: .aliasNotAllowed,
                              message: "YAML aliases are not allowed in environment files: *\(name)\(anchor)",
                              hint: "write the value out where it is used and remove the &anchor")
        case let .tooDeep(limit, line, column):
            throw ConfigError(file: file, line: line, column: column, keyPath: "", code: .limitExceeded,
                              message: "nesting deeper than \(limit) levels", hint: hint)
        case let .scalarTooLong(bytes, limit, line, column):
            throw ConfigError(file: file, line: line, column: column, keyPath: "", code: .limitExceeded,
                              message: "a value of \(bytes) bytes, over the limit of \(limit) bytes per scalar",
                              hint: hint)
        }
    }
}
