/// One problem found in a configuration file (an environment file, for instance).
///
/// Rendered (``description``) as
///
///     FILE:LINE:COLUMN: KEYPATH: MESSAGE [CODE]
///       hint: HINT
///
/// e.g. `environments/prod.yaml:7:3: tags.team: expected a string, found a mapping [type-mismatch]`.
/// `:LINE:COLUMN` is left out when the position is unknown (a missing file), `KEYPATH: ` when the
/// problem concerns the document as a whole, and the hint line when there is no hint.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as the user should see it (e.g. `environments/prod.yaml`).
    public var file: String
    /// 1-based line of the offending key or value, when known.
    public var line: Int?
    /// 1-based column (in Unicode scalars, as libyaml counts) of the offending key or value, when known.
    public var column: Int?
    /// Where in the document: `tags.team`, `config.symbols[2]`, `tags["aws:owner"]`; empty for the root.
    public var keyPath: String
    /// A stable, kebab-case identifier of the kind of problem (`unknown-key`, `type-mismatch`, ...).
    public var code: String
    public var message: String
    public var hint: String?

    public init(file: String, line: Int?, column: Int?, keyPath: String, code: ConfigErrorCode,
                message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.code = code.rawValue
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if !keyPath.isEmpty { text += "\(keyPath): " }
        text += "\(message) [\(code)]"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    /// The configuration problems an error carries: `[error]` for a ``ConfigError``, its list for
    /// ``ConfigErrors``, and `[]` for anything else.
    public static func all(in error: any Error) -> [ConfigError] {
        if let single = error as? ConfigError { return [single] }
        if let many = error as? ConfigErrors { return many.errors }
        return []
    }

    /// Orders errors by file, then position (unknown positions first).
    static func sorted(_ errors: [ConfigError]) -> [ConfigError] {
        errors.enumerated().sorted { lhs, rhs in
            let a = lhs.element, b = rhs.element
            if a.file != b.file { return a.file < b.file }
            let la = a.line ?? 0, lb = b.line ?? 0
            if la != lb { return la < lb }
            let ca = a.column ?? 0, cb = b.column ?? 0
            if ca != cb { return ca < cb }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Throws nothing for no errors, the error itself for one, ``ConfigErrors`` for several.
    static func throwIfAny(_ errors: [ConfigError]) throws {
        let sorted = sorted(errors)
        if sorted.count == 1 { throw sorted[0] }
        if sorted.count > 1 { throw ConfigErrors(errors: sorted) }
    }
}

/// Several independent problems in configuration files, sorted by file and position.
/// Thrown instead of a single ``ConfigError`` when there is more than one to report
/// (several unknown keys, several invalid values).
public struct ConfigErrors: Error, CustomStringConvertible, Equatable, Sendable {
    public var errors: [ConfigError]

    public init(errors: [ConfigError]) {
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
