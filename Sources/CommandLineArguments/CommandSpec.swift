/// A command described as data: its name, its text and what it accepts.
///
/// Parsing and help read this description and nothing else — no reflection over the command's type —
/// so a command costs what its spec costs to build (a few arrays), however large the binary is.
public struct CommandSpec: Sendable, Equatable {
    public var name: String
    /// One line: the overview's list of subcommands shows it, and the top of the command's help.
    public var abstract: String
    /// Paragraphs after the abstract in help (separated by blank lines; wrapped when shown).
    public var discussion: String
    /// Options, flags and positionals in the order help shows them.
    public var parameters: [CommandParameter]
    /// A command with subcommands takes no parameters of its own: its first argument names a subcommand.
    public var subcommands: [CommandSpec]

    public init(name: String, abstract: String, discussion: String = "", parameters: [CommandParameter] = [],
                subcommands: [CommandSpec] = []) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.parameters = parameters
        self.subcommands = subcommands
        assert(subcommands.isEmpty || parameters.isEmpty, "\(name): a command with subcommands takes no parameters")
        assert(!arguments.dropLast().contains { $0.repeatable }, "\(name): only the last positional may be repeatable")
        let names = options.map(\.name) + flags.map(\.name)
        assert(Set(names).count == names.count && !names.contains("help"), "\(name): option names must be unique, and not help")
    }

    public var options: [OptionSpec] {
        parameters.compactMap { if case .option(let option) = $0 { option } else { nil } }
    }

    public var flags: [FlagSpec] {
        parameters.compactMap { if case .flag(let flag) = $0 { flag } else { nil } }
    }

    public var arguments: [ArgumentSpec] {
        parameters.compactMap { if case .argument(let argument) = $0 { argument } else { nil } }
    }

    public func option(named name: Substring) -> OptionSpec? {
        for case .option(let option) in parameters where option.name == name { return option }
        return nil
    }

    public func flag(named name: Substring) -> FlagSpec? {
        for case .flag(let flag) in parameters where flag.name == name { return flag }
        return nil
    }

    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }
}
