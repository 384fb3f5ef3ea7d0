import StackCore
import StackTemplate

/// A stack output named by its id (`QuotesTableName`), optionally exported for other stacks and tools
/// as `<physical stack name>:<id>` (`mkt-dev-MarketStream:QuotesTableName`).
///
/// References between stackctl stacks need no outputs: the synthesizer adds exports for them. Use this
/// for values people or other tools read (`aws cloudformation describe-stacks`).
public struct StackOutput: Construct {
    public let id: String
    public var value: TemplateValue
    public var description: String?
    public var export: Bool

    public init(_ id: String, value: TemplateValue, description: String? = nil, export: Bool = false) {
        self.id = id
        self.value = value
        self.description = description
        self.export = export
    }

    /// The export name this output gets in a stack (when `export` is true).
    public static func exportName(stack physicalName: String, id: String) -> String { "\(physicalName):\(id)" }

    public func synthesize(in scope: Scope) {
        if let description, description.utf8.count > 1024 {
            scope.error(.invalidOutput, "the description is \(description.utf8.count) bytes; CloudFormation allows 1024",
                        hint: "shorten it", property: "description")
        }
        if value == .null {
            scope.error(.invalidOutput, "the output has no value", hint: "pass a reference or a literal", property: "value")
        }
        var exportName: TemplateValue?
        if export {
            let name = Self.exportName(stack: scope.settings.physicalStackName(scope.stackName), id: id)
            if name.utf8.count > 255 {
                scope.error(.invalidOutput, "export name '\(name)' is \(name.utf8.count) characters; CloudFormation allows 255",
                            hint: "shorten the output id", property: "export")
            }
            exportName = .string(name)
        }
        scope.output(id, Output(value: value, description: description, exportName: exportName))
    }
}
