/// A command line that cannot be run as given. Each message names the option or argument at fault, and the
/// hint names the help to read: `see 'stackctl synth --help'`.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `--colour`; the suggestion is a close name the command does accept (`--color`).
        case unknownOption(String, suggestion: String?)
        /// `--env` at the end of the line, or followed by another option.
        case missingValue(OptionSpec)
        /// `--quiet=1`.
        case flagWithValue(FlagSpec, value: String)
        /// A positional the command has no place for.
        case unexpectedArgument(String)
        /// `stackctl synht`; the suggestion is a close subcommand name.
        case unknownSubcommand(String, suggestion: String?)
        /// A value outside the allowed ones, or not of the expected type. `expected` says what would do.
        case invalidValue(option: String, value: String, expected: String)
        /// A required positional not given.
        case missingArgument(ArgumentSpec)
        /// A required option not given.
        case missingOption(OptionSpec)
        /// A command's own check of its arguments (`--concurrency must be at least 1`).
        case invalid(String)
    }

    public var kind: Kind
    /// The command whose arguments were wrong (`["stackctl", "synth"]`): the hint names its help.
    public var commandPath: [String]

    public init(_ kind: Kind, commandPath: [String]) {
        self.kind = kind
        self.commandPath = commandPath
    }

    public var message: String {
        switch kind {
        case .unknownOption(let name, let suggestion):
            return "Unknown option '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .missingValue(let option):
            return "Missing value for '\(option.synopsis)'"
        case .flagWithValue(let flag, let value):
            return "The flag '\(flag.flag)' takes no value, but '\(value)' was given"
        case .unexpectedArgument(let argument):
            return "Unexpected argument '\(argument)'"
        case .unknownSubcommand(let name, let suggestion):
            return "Unknown command '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .invalidValue(let option, let value, let expected):
            return "Invalid value '\(value)' for '\(option)': expected \(expected)"
        case .missingArgument(let argument):
            return "Missing argument '\(argument.synopsis)'"
        case .missingOption(let option):
            return "Missing option '\(option.synopsis)'"
        case .invalid(let message):
            return message
        }
    }

    public var hint: String { "see '\(commandPath.joined(separator: " ")) --help'" }

    /// Two lines, like stackctl's other errors: `error: ...` and `  hint: ...`.
    public var description: String { "error: \(message)\n  hint: \(hint)" }

    /// "one of a, b, c": what an invalid value should have been.
    static func oneOf(_ values: [String]) -> String {
        "one of " + values.joined(separator: ", ")
    }
}
