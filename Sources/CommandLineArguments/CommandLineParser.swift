/// Turns a command line into an `Invocation` by reading the command specs: one pass over the arguments,
/// no reflection, no dynamic casts.
///
/// The grammar:
/// - A command with subcommands takes the subcommand's name first; `help [COMMAND ...]` at the root asks for
///   help; no arguments at all asks for the root's help.
/// - `--name value` and `--name=value` for options; a value may not start with `-` unless it is `-` (stdin)
///   or a negative number, so that `--env --quiet` is a missing value rather than an environment called
///   "--quiet" (`--name=-x` passes such a value).
/// - `--flag` for flags; repeated options collect their values in order, others keep the last one.
/// - Anything else is positional; after `--` everything is.
/// - `-h` or `--help` anywhere before `--` asks for help for the command named so far: help wins over any
///   error elsewhere on the line, as the user asked how to fix it.
public enum CommandLineParser {
    public static func parse(_ arguments: [String], root: CommandSpec) throws(UsageError) -> Invocation {
        let beforeTerminator = arguments.prefix { $0 != "--" }
        let wantsHelp = beforeTerminator.contains { isHelp($0) }

        var command = root
        var path = [root.name]
        var index = 0
        while !command.subcommands.isEmpty {
            guard index < arguments.count else { return .help(command, path: path) }
            let token = arguments[index]
            index += 1
            if token.hasPrefix("-") && token != "-" {
                if wantsHelp || token == "--" { continue }
                let suggestion = Suggestion.closest(to: String(token.drop { $0 == "-" }), among: ["help"]).map { "--" + $0 }
                throw UsageError(.unknownOption(optionName(token), suggestion: suggestion), commandPath: path)
            }
            if token == "help" && path.count == 1 && command.subcommand(named: "help") == nil {
                return try helpTopic(Array(arguments[index...]), root: command, path: path)
            }
            guard let subcommand = command.subcommand(named: token) else {
                throw UsageError(.unknownSubcommand(token, suggestion: Suggestion.closest(to: token, among: command.subcommands.map(\.name))),
                                 commandPath: path)
            }
            command = subcommand
            path.append(subcommand.name)
        }
        if wantsHelp { return .help(command, path: path) }
        return .run(try parseParameters(arguments[index...], of: command, path: path))
    }

    /// `help`, `help synth`: the named command's help; the words must name commands.
    private static func helpTopic(_ words: [String], root: CommandSpec, path: [String]) throws(UsageError) -> Invocation {
        var command = root, path = path
        for word in words where !word.hasPrefix("-") {
            guard let subcommand = command.subcommand(named: word) else {
                throw UsageError(.unknownSubcommand(word, suggestion: Suggestion.closest(to: word, among: command.subcommands.map(\.name))),
                                 commandPath: path)
            }
            command = subcommand
            path.append(word)
        }
        return .help(command, path: path)
    }

    private static func parseParameters(_ arguments: ArraySlice<String>, of command: CommandSpec, path: [String]) throws(UsageError)
        -> ParsedArguments {
        var values: [String: [String]] = [:]
        var flags: Set<String> = []
        var positionals: [String] = []
        var onlyPositionals = false
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let token = arguments[index]
            index += 1
            if onlyPositionals || isValue(token) {
                positionals.append(token)
                continue
            }
            if token == "--" {
                onlyPositionals = true
                continue
            }
            // `--name` or `--name=value`; a single dash (`-x`) is never one of ours but -h, handled above.
            let body = token.hasPrefix("--") ? token.dropFirst(2) : token.dropFirst()
            let equals = body.firstIndex(of: "=")
            let name = equals.map { body[..<$0] } ?? body
            let inline = equals.map { String(body[body.index(after: $0)...]) }
            if token.hasPrefix("--"), let option = command.option(named: name) {
                let value: String
                if let inline {
                    value = inline
                } else if index < arguments.endIndex, isValue(arguments[index]) {
                    value = arguments[index]
                    index += 1
                } else {
                    throw UsageError(.missingValue(option), commandPath: path)
                }
                if !option.allowedValues.isEmpty && !option.allowedValues.contains(value) {
                    throw UsageError(.invalidValue(option: option.flag, value: value, expected: UsageError.oneOf(option.allowedValues)),
                                     commandPath: path)
                }
                if option.repeatable { values[option.name, default: []].append(value) } else { values[option.name] = [value] }
            } else if token.hasPrefix("--"), let flag = command.flag(named: name) {
                if let inline { throw UsageError(.flagWithValue(flag, value: inline), commandPath: path) }
                flags.insert(flag.name)
            } else {
                let names = command.options.map(\.name) + command.flags.map(\.name) + ["help"]
                let suggestion = Suggestion.closest(to: String(name), among: names).map { "--" + $0 }
                throw UsageError(.unknownOption(optionName(token), suggestion: suggestion), commandPath: path)
            }
        }

        for option in command.options where option.required && values[option.name] == nil {
            throw UsageError(.missingOption(option), commandPath: path)
        }
        var assigned: [String: [String]] = [:]
        var next = 0
        for argument in command.arguments {
            if argument.repeatable {
                assigned[argument.name] = Array(positionals[next...])
                next = positionals.count
            } else if next < positionals.count {
                assigned[argument.name] = [positionals[next]]
                next += 1
            }
            if !argument.optional && assigned[argument.name, default: []].isEmpty {
                throw UsageError(.missingArgument(argument), commandPath: path)
            }
        }
        if next < positionals.count {
            throw UsageError(.unexpectedArgument(positionals[next]), commandPath: path)
        }
        return ParsedArguments(command: command, path: path, values: values, flags: flags, positionals: assigned)
    }

    private static func isHelp(_ token: String) -> Bool { token == "-h" || token == "--help" }

    /// Not an option: a plain word, `-` (stdin), or a negative number.
    private static func isValue(_ token: String) -> Bool {
        guard let first = token.first, first == "-" else { return true }
        guard let second = token.dropFirst().first else { return true }
        return second.isASCII && (second.isNumber || second == ".")
    }

    /// The option as typed, without any `=value` (which may be long, or a secret).
    private static func optionName(_ token: String) -> String {
        token.firstIndex(of: "=").map { String(token[..<$0]) } ?? token
    }
}
