/// Why a template could not be read: where (1-based line and column, when known) and what was expected.
public struct TemplateParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(line: Int?, column: Int?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ message: String, at mark: SourceMark?) {
        self.init(line: mark?.line, column: mark?.column, message: message)
    }

    /// `line 12, column 5: Fn::GetAtt needs [LogicalId, Attribute]`
    public var description: String {
        guard let line else { return message }
        guard let column else { return "line \(line): \(message)" }
        return "line \(line), column \(column): \(message)"
    }

    /// `base/TickAlerts.template.yaml:12:5: Fn::GetAtt needs [LogicalId, Attribute]`: the place as
    /// editors and terminals link it.
    public func located(in file: String) -> String {
        guard let line else { return "\(file): \(message)" }
        guard let column else { return "\(file):\(line): \(message)" }
        return "\(file):\(line):\(column): \(message)"
    }

    /// ``located(in:)`` for a template error, any other error's description after `file: ` otherwise.
    public static func describe(_ error: any Error, in file: String) -> String {
        (error as? TemplateParseError)?.located(in: file) ?? "\(file): \(error)"
    }
}
