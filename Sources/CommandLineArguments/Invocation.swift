/// What a command line asks for: run a command with its arguments, or show a command's help.
public enum Invocation: Sendable, Equatable {
    case run(ParsedArguments)
    /// `-h`/`--help` anywhere, `help [COMMAND]` at the root, or a command with subcommands given none.
    /// `path` names the command (`["stackctl", "synth"]`).
    case help(CommandSpec, path: [String])
}
