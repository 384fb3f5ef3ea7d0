/// A problem the user caused, found during synthesis. Synthesis collects all of them and fails once.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// Construct path (`MarketStream/Processing`), or a file location for configuration errors.
    public var path: String
    /// Property path inside the construct, when it helps (`batchSize`).
    public var property: String?
    /// Stable identifier, e.g. `stream-not-enabled`; documented in the README.
    public var code: String
    public var message: String
    public var hint: String?

    public init(
        _ severity: Severity, path: String, property: String? = nil, code: String, message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.path = path
        self.property = property
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var location: String { property.map { "\(path) (\($0))" } ?? path }

    public var description: String {
        var text = "\(severity.rawValue): \(location): \(message) [\(code)]"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// An ordered collection of diagnostics, sorted by path for printing.
public struct Diagnostics: Sendable, Hashable {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func append(contentsOf other: Diagnostics) { items.append(contentsOf: other.items) }

    public mutating func error(_ path: String, _ code: DiagnosticCode, _ message: String, hint: String? = nil, property: String? = nil) {
        append(Diagnostic(.error, path: path, property: property, code: code.rawValue, message: message, hint: hint))
    }

    public mutating func warning(_ path: String, _ code: DiagnosticCode, _ message: String, hint: String? = nil, property: String? = nil) {
        append(Diagnostic(.warning, path: path, property: property, code: code.rawValue, message: message, hint: hint))
    }

    public mutating func note(_ path: String, _ code: DiagnosticCode, _ message: String, hint: String? = nil, property: String? = nil) {
        append(Diagnostic(.note, path: path, property: property, code: code.rawValue, message: message, hint: hint))
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var isEmpty: Bool { items.isEmpty }

    /// Sorted by path, then severity, then code, without duplicates: the order they are printed in.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.filter { seen.insert($0).inserted }.sorted {
            ($0.path, $0.severity, $0.code, $0.message) < ($1.path, $1.severity, $1.code, $1.message)
        }
    }

    /// The printed form: every diagnostic, then a one-line count.
    public var report: String {
        let list = sorted
        var lines = list.map(\.description)
        let errors = list.filter { $0.severity == .error }.count
        let warnings = list.filter { $0.severity == .warning }.count
        if errors + warnings > 0 {
            lines.append("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }
}

/// Thrown by synthesis when any error was found; carries all of them.
public struct SynthesisFailed: Error, CustomStringConvertible {
    public var diagnostics: Diagnostics
    public init(_ diagnostics: Diagnostics) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.report }
}
