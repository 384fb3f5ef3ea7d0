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
}
