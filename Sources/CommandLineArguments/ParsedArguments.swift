/// The arguments of one command line, checked against the command's spec, read by name.
///
/// Values are kept as the strings typed; the typed accessors convert them and report a value that does
/// not convert as a usage error naming the option. Options not given read as their spec's default.
/// Reading a name the spec does not declare is a programming error (a typo in the command), and traps.
public struct ParsedArguments: Sendable, Equatable {
    public let command: CommandSpec
    /// `["stackctl", "synth"]`: the program and the subcommands that led to this command.
    public let path: [String]
    var values: [String: [String]]
    var flags: Set<String>
    var positionals: [String: [String]]

    init(command: CommandSpec, path: [String], values: [String: [String]], flags: Set<String>, positionals: [String: [String]]) {
        self.command = command
        self.path = path
        self.values = values
        self.flags = flags
        self.positionals = positionals
    }

    // MARK: options and flags

    /// Whether the flag was given.
    public func flag(_ name: String) -> Bool {
        precondition(command.flag(named: Substring(name)) != nil, "\(command.name) declares no flag --\(name)")
        return flags.contains(name)
    }

    /// The option's value (the last one given), else its default, else nil.
    public func string(_ name: String) -> String? {
        let option = spec(name)
        return values[name]?.last ?? option.defaultValue
    }

    /// Every value of a repeatable option, in the order given; the default (if any) when none was.
    public func strings(_ name: String) -> [String] {
        let option = spec(name)
        if let given = values[name] { return given }
        return option.defaultValue.map { [$0] } ?? []
    }

    /// The option as an integer; a value that is not one is a usage error naming the option.
    public func int(_ name: String) throws(UsageError) -> Int? {
        try convert(name, expected: "an integer") { Int($0) }
    }

    /// The option as a non-negative integer (a seed, a count).
    public func uint64(_ name: String) throws(UsageError) -> UInt64? {
        try convert(name, expected: "a non-negative integer") { UInt64($0) }
    }

    /// The option as a number (`0.5`, `30`).
    public func double(_ name: String) throws(UsageError) -> Double? {
        try convert(name, expected: "a number") { Double($0) }
    }

    /// An enum-like option as its enum; a value that is not one of its raw values is a usage error listing
    /// the allowed values.
    public func value<Value: RawRepresentable>(_ name: String, as type: Value.Type = Value.self) throws(UsageError) -> Value?
    where Value.RawValue == String {
        guard let text = string(name) else { return nil }
        return try enumValue(name, text, as: type)
    }

    /// Every value of a repeatable enum-like option, in the order given.
    public func values<Value: RawRepresentable>(_ name: String, as type: Value.Type = Value.self) throws(UsageError) -> [Value]
    where Value.RawValue == String {
        var result: [Value] = []
        for text in strings(name) { result.append(try enumValue(name, text, as: type)) }
        return result
    }

    // MARK: positionals

    /// A single positional, or nil when it was optional and not given.
    public func argument(_ name: String) -> String? {
        precondition(command.arguments.contains { $0.name == name }, "\(command.name) declares no argument <\(name)>")
        return positionals[name]?.first
    }

    /// Every value of a repeatable positional, in order.
    public func arguments(_ name: String) -> [String] {
        precondition(command.arguments.contains { $0.name == name }, "\(command.name) declares no argument <\(name)>")
        return positionals[name] ?? []
    }

    // MARK: errors

    /// A command's own check failed (`--concurrency must be at least 1`): a usage error whose hint names
    /// this command's help, like the parser's own errors.
    public func usageError(_ message: String) -> UsageError {
        UsageError(.invalid(message), commandPath: path)
    }

    private func spec(_ name: String) -> OptionSpec {
        guard let option = command.option(named: Substring(name)) else {
            preconditionFailure("\(command.name) declares no option --\(name)")
        }
        return option
    }

    private func convert<T>(_ name: String, expected: String, _ parse: (String) -> T?) throws(UsageError) -> T? {
        guard let text = string(name) else { return nil }
        guard let value = parse(text) else {
            throw UsageError(.invalidValue(option: "--" + name, value: text, expected: expected), commandPath: path)
        }
        return value
    }

    private func enumValue<Value: RawRepresentable>(_ name: String, _ text: String, as type: Value.Type) throws(UsageError) -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            let allowed = spec(name).allowedValues
            throw UsageError(.invalidValue(option: "--" + name, value: text,
                                           expected: allowed.isEmpty ? "a known value" : UsageError.oneOf(allowed)),
                             commandPath: path)
        }
        return value
    }
}
