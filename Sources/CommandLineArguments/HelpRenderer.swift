/// The help of a command, from its spec: USAGE, the abstract, the discussion, ARGUMENTS, OPTIONS (with
/// defaults and allowed values) and, for a command with subcommands, SUBCOMMANDS. Lines are at most 100
/// columns (a word longer than that keeps its own line); the output depends only on the spec.
public enum HelpRenderer {
    public static let width = 100
    /// Names longer than this get a line of their own, their help on the next.
    static let maxNameColumn = 28

    public static func render(_ command: CommandSpec, path: [String]) -> String {
        var sections: [[String]] = [usage(command, path: path)]
        if !command.abstract.isEmpty { sections.append(TextWrapper.wrap(command.abstract, width: width)) }
        if !command.discussion.isEmpty { sections.append(TextWrapper.wrap(command.discussion, width: width)) }

        var rows: [(title: String, entries: [(name: String, help: String)])] = []
        let arguments = command.arguments.map { ($0.synopsis, $0.help) }
        if !arguments.isEmpty { rows.append(("ARGUMENTS:", arguments)) }
        var options: [(String, String)] = []
        for parameter in command.parameters {
            switch parameter {
            case .option(let option): options.append((option.synopsis, optionHelp(option)))
            case .flag(let flag): options.append((flag.flag, flag.help))
            case .argument: break
            }
        }
        options.append(("-h, --help", "Show help information."))
        rows.append(("OPTIONS:", options))
        if !command.subcommands.isEmpty {
            rows.append(("SUBCOMMANDS:", command.subcommands.map { ($0.name, $0.abstract) }))
        }

        // One name column for the whole page, so the sections line up.
        let longest = rows.flatMap { $0.entries.map(\.name.count) }.max() ?? 0
        let column = min(longest, maxNameColumn) + 4
        for (title, entries) in rows {
            sections.append([title] + entries.flatMap { entry(name: $0.name, help: $0.help, column: column) })
        }
        if !command.subcommands.isEmpty {
            sections.append(["See '\(path.joined(separator: " ")) help <subcommand>' for detailed help."])
        }
        return sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// `USAGE: stackctl synth [--env <env>] ...`, wrapped under the command's name.
    public static func usage(_ command: CommandSpec, path: [String]) -> [String] {
        let lead = "USAGE: " + path.joined(separator: " ")
        let words = command.subcommands.isEmpty ? command.parameters.map(usageWord) : ["<subcommand>"]
        let indent = String(repeating: " ", count: min(lead.count + 1, 40))
        let lines = TextWrapper.wrap(words: words, width: width - indent.count)
        guard let first = lines.first else { return [lead] }
        return [lead + " " + first] + lines.dropFirst().map { indent + $0 }
    }

    static func usageWord(_ parameter: CommandParameter) -> String {
        switch parameter {
        case .option(let option):
            let word = option.synopsis + (option.repeatable ? " ..." : "")
            return option.required ? word : "[\(word)]"
        case .flag(let flag):
            return "[\(flag.flag)]"
        case .argument(let argument):
            let word = argument.synopsis + (argument.repeatable ? " ..." : "")
            return argument.optional ? "[\(word)]" : word
        }
    }

    /// The option's help, then what help can add from the spec: `(values: yaml, json; default: yaml)`.
    static func optionHelp(_ option: OptionSpec) -> String {
        var notes: [String] = []
        if !option.allowedValues.isEmpty { notes.append("values: " + option.allowedValues.joined(separator: ", ")) }
        if let value = option.defaultValue { notes.append("default: " + value) }
        return notes.isEmpty ? option.help : "\(option.help) (\(notes.joined(separator: "; ")))"
    }

    /// `  --env <env>     Environment: ...`, the help wrapped in its column.
    static func entry(name: String, help: String, column: Int) -> [String] {
        let pad = String(repeating: " ", count: column)
        let lines = TextWrapper.wrap(help, width: width - column)
        let label = "  " + name
        guard let head = lines.first else { return [label] }
        if label.count + 2 > column {
            return [label] + lines.map { pad + $0 }
        }
        let first = label + String(repeating: " ", count: column - label.count) + head
        return [first] + lines.dropFirst().map { pad + $0 }
    }
}
