import CommandLineArguments
import Foundation
import StackCore

/// A stackctl subcommand: a spec the parser and help read, made from its parsed arguments, run with the context.
///
/// `init` reads the arguments and does the checks the parser cannot (`--concurrency must be at least 1`),
/// throwing `parsed.usageError(...)`: those are usage errors like the parser's own.
protocol StackctlCommand: Sendable {
    static var spec: CommandSpec { get }
    init(_ parsed: ParsedArguments) throws(UsageError)
    func run(_ context: CLIContext) throws -> ExitStatus
}

/// `stackctl`: keeps an AWS estate as code.
enum StackctlRoot {
    /// The subcommands, in the order the overview lists them.
    static let commands: [any StackctlCommand.Type] = [
        SynthCommand.self, ListCommand.self, BuildCommand.self, InvokeCommand.self, DiffCommand.self,
        BootstrapCommand.self, DeployCommand.self, DestroyCommand.self,
    ]
    /// Commands under a common word (`stackctl secret put`), listed after the others.
    static let groups: [CommandGroup] = [SecretCommand.group]

    static let spec = CommandSpec(
        name: "stackctl",
        abstract: "Keep an AWS data-pipeline estate as code: synthesize, build, invoke, diff, deploy and destroy its stacks.",
        discussion: """
            Exit codes: 0 success; 1 the estate or an environment file has errors (all diagnostics are printed), \
            or a function build failed; \
            2 bad command line; 3 reading or writing files failed; 4 the operation failed (AWS failed a deploy, \
            destroy or bootstrap; invoke: the function failed); 5 refused for safety (wrong account, approval, \
            termination protection); 6 no AWS credentials found, or AWS refused them (expired, invalid; every command \
            that calls AWS, diff included); 130 interrupted. `diff` has its own: 0 no changes, 2 changes found, 1 error.
            """,
        subcommands: commands.map { $0.spec } + groups.map(\.spec))

    /// The command type a parsed path names (`["stackctl", "secret", "put"]`).
    static func command(at path: [String]) -> (any StackctlCommand.Type)? {
        let names = path.dropFirst()
        if names.count == 1 { return commands.first { $0.spec.name == names.first } }
        guard names.count == 2, let group = groups.first(where: { $0.spec.name == names.first }) else { return nil }
        return group.commands.first { $0.spec.name == names.last }
    }
}

/// A word that only groups subcommands: its spec (for parsing and help) and their types.
struct CommandGroup: Sendable {
    var spec: CommandSpec
    var commands: [any StackctlCommand.Type]
}

/// Entry point: `stackctl` passes its estate here.
public enum Stackctl {
    /// Parses `arguments`, runs the command, prints errors to stderr; returns the exit status.
    public static func run(_ context: CLIContext, arguments: [String]) -> Int32 {
        let command: any StackctlCommand
        do throws(UsageError) {
            switch try CommandLineParser.parse(arguments, root: StackctlRoot.spec) {
            case .help(let spec, let path):
                context.stdout(HelpRenderer.render(spec, path: path))
                return ExitStatus.success.rawValue
            case .run(let parsed):
                guard let type = StackctlRoot.command(at: parsed.path) else {
                    preconditionFailure("no command type for \(parsed.path.joined(separator: " "))")
                }
                command = try type.init(parsed)
            }
        } catch {
            return usageError(error, context)
        }
        do {
            return try command.run(context).rawValue
        } catch let failure as SynthesisFailed {
            context.stderr(failure.diagnostics.report)
            return ExitStatus.invalidInput.rawValue
        } catch let error as CLIError {
            context.stderr(error.description)
            return error.status.rawValue
        } catch let error as UsageError {
            return usageError(error, context)
        } catch {
            context.stderr("error: \(error)")
            return ExitStatus.invalidInput.rawValue
        }
    }

    /// Prints a usage error; exit 2, but 1 for `diff`, whose 2 means "changes found".
    private static func usageError(_ error: UsageError, _ context: CLIContext) -> Int32 {
        context.stderr(error.description)
        return error.commandPath.last == DiffCommand.spec.name && error.commandPath.count > 1
            ? ExitStatus.invalidInput.rawValue : ExitStatus.usage.rawValue
    }

    /// The process entry: finds the repository root, runs, exits.
    public static func main<E: Estate>(_ estate: E.Type) -> Never {
        let root = findRoot()
        let status = run(CLIContext(estate: AnyEstate(estate), root: root), arguments: Array(CommandLine.arguments.dropFirst()))
        exit(status)
    }

    /// `STACKCTL_ROOT`, else the nearest folder upwards from the working directory with `environments/`.
    static func findRoot() -> URL {
        // getenv and access(2), not ProcessInfo and FileManager: this runs before every command, and
        // those build a dictionary of the whole environment and URLs for every step up.
        if let explicit = getenv("STACKCTL_ROOT"), explicit.pointee != 0 {
            return URL(fileURLWithPath: String(cString: explicit))
        }
        let start = FileManager.default.currentDirectoryPath
        var dir = start
        while !dir.isEmpty && dir != "/" {
            if access(dir + "/environments", F_OK) == 0 { return URL(fileURLWithPath: dir) }
            guard let slash = dir.utf8.lastIndex(of: UInt8(ascii: "/")) else { break }
            dir = String(dir[..<slash])
        }
        return URL(fileURLWithPath: start)
    }
}
