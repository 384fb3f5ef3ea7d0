/// One thing a command accepts: an option, a flag or a positional argument.
///
/// A command lists them in one array so that usage and help show them in the order they were declared
/// (options, flags and positionals interleaved, as a reader of the command expects them).
public enum CommandParameter: Sendable, Equatable {
    case option(OptionSpec)
    case flag(FlagSpec)
    case argument(ArgumentSpec)

    /// `--name value`; see `OptionSpec`.
    public static func option(_ name: String, valueName: String? = nil, help: String, repeatable: Bool = false,
                              required: Bool = false, default defaultValue: String? = nil,
                              allowedValues: [String] = []) -> CommandParameter {
        .option(OptionSpec(name, valueName: valueName, help: help, repeatable: repeatable, required: required,
                           defaultValue: defaultValue, allowedValues: allowedValues))
    }

    /// An enum-like option: its allowed values are the enum's raw values, in declaration order. Read it back
    /// with `ParsedArguments.value(_:as:)`.
    ///
    /// Inlinable, and a closure rather than a key path: specialized in the caller, it lists the cases without
    /// the runtime's generic metadata and conformance lookups (each one a scan of the binary's conformance
    /// records the first time), which cost a fifth of a millisecond per run when it was not.
    @inlinable
    public static func option<Value: CaseIterable & RawRepresentable>(
        _ name: String, valueName: String? = nil, help: String, values: Value.Type, default defaultValue: Value? = nil,
        repeatable: Bool = false
    ) -> CommandParameter where Value.RawValue == String {
        .option(OptionSpec(name, valueName: valueName, help: help, repeatable: repeatable,
                           defaultValue: defaultValue?.rawValue, allowedValues: Value.allCases.map { $0.rawValue }))
    }

    /// `--name`, present or not.
    public static func flag(_ name: String, help: String) -> CommandParameter {
        .flag(FlagSpec(name, help: help))
    }

    /// A positional argument; see `ArgumentSpec`.
    public static func argument(_ name: String, help: String, repeatable: Bool = false, optional: Bool = false) -> CommandParameter {
        .argument(ArgumentSpec(name, help: help, repeatable: repeatable, optional: optional))
    }
}
