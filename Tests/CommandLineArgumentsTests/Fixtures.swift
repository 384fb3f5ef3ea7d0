import CommandLineArguments

enum Format: String, CaseIterable { case yaml, json }
enum Level: String, CaseIterable { case never, anyChange = "any-change", broadening }

/// A small tool shaped like stackctl: a root with subcommands, options of every kind, positionals.
let synth = CommandSpec(
    name: "synth", abstract: "Write templates.", discussion: "The folder is written only when synthesis succeeds.",
    parameters: [
        .option("env", help: "Environment."),
        .option("stack", help: "Only these stacks (repeatable).", repeatable: true),
        .option("format", help: "Template format.", values: Format.self, default: .yaml),
        .option("concurrency", help: "How many at once.", default: "1"),
        .option("level", help: "When to ask.", values: Level.self, repeatable: true),
        .flag("quiet", help: "Print nothing but errors."),
    ])

let build = CommandSpec(
    name: "build", abstract: "Build functions.",
    parameters: [
        .option("env", help: "Environment."),
        .argument("functions", help: "Functions to build.", repeatable: true, optional: true),
        .flag("allow-glibc-mismatch", help: "Warn instead."),
    ])

let invoke = CommandSpec(
    name: "invoke", abstract: "Run a function.",
    parameters: [
        .argument("function", help: "The function."),
        .argument("payload", help: "A second, optional positional.", optional: true),
        .option("event", valueName: "file", help: "The event: a JSON file, or - for stdin.", required: true),
        .option("set", valueName: "name=value", help: "Set a variable (repeatable).", repeatable: true),
        .option("interval", help: "Seconds between ticks.", default: "30"),
        .option("seed", help: "Seed."),
    ])

let tool = CommandSpec(name: "tool", abstract: "A tool.", discussion: "Exit codes: 0 success; 2 bad command line.",
                       subcommands: [synth, build, invoke])

/// Parses a line expected to run a command.
func parsed(_ arguments: [String], root: CommandSpec = tool) throws -> ParsedArguments {
    switch try CommandLineParser.parse(arguments, root: root) {
    case .run(let parsed): return parsed
    case .help(_, let path): throw UnexpectedHelp(path: path)
    }
}

/// The usage error a line gives, or nil when it parses.
func usageError(_ arguments: [String], root: CommandSpec = tool) -> UsageError? {
    do {
        _ = try CommandLineParser.parse(arguments, root: root)
        return nil
    } catch {
        return error
    }
}

struct UnexpectedHelp: Error { var path: [String] }
