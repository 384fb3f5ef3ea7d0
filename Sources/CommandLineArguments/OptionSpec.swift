/// An option that takes a value: `--name value` or `--name=value`.
///
/// Everything help shows about it is here, so help and parsing cannot disagree: the default shown is the
/// default returned, and the allowed values listed are the ones the parser accepts.
public struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes (`swift-sdk`).
    public var name: String
    /// Shown as `<valueName>` in usage and help; the name unless given.
    public var valueName: String
    public var help: String
    /// Given more than once, every value is kept in order; otherwise the last one wins.
    public var repeatable: Bool
    /// Missing is a usage error.
    public var required: Bool
    /// Returned when the option is not given, and shown in help.
    public var defaultValue: String?
    /// For enum-like options: the only values accepted (checked while parsing), listed in help and errors.
    /// Empty: any value.
    public var allowedValues: [String]

    public init(_ name: String, valueName: String? = nil, help: String, repeatable: Bool = false, required: Bool = false,
                defaultValue: String? = nil, allowedValues: [String] = []) {
        self.name = name
        self.valueName = valueName ?? name
        self.help = help
        self.repeatable = repeatable
        self.required = required
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
    }

    /// `--name`, as users type it.
    public var flag: String { "--" + name }

    /// `--name <value>`, as usage and help show it.
    public var synopsis: String { "--\(name) <\(valueName)>" }
}
