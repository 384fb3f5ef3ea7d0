import ArgumentParser
import Foundation
import StackCore

/// A stackctl subcommand: parsed by ArgumentParser, run with the context.
protocol StackctlCommand: ParsableCommand {
    func run(_ context: CLIContext) throws -> ExitStatus
}

/// `stackctl`: keeps an AWS estate as code.
struct StackctlRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stackctl",
        abstract: "Keep an AWS data-pipeline estate as code: synthesize, build, invoke, diff, deploy and destroy its stacks.",
        discussion: """
            Exit codes: 0 success; 1 the estate or an environment file has errors (all diagnostics are printed), \
            or a function build failed; \
            2 bad command line; 3 reading or writing files failed; 4 the operation failed (AWS failed a deploy, \
            destroy or bootstrap; invoke: the function failed); 5 refused for safety (wrong account, approval, \
            termination protection); 130 interrupted. `diff` has its own: 0 no changes, 2 changes found, 1 error.
            """,
        subcommands: [SynthCommand.self, ListCommand.self, BuildCommand.self, InvokeCommand.self, DiffCommand.self,
                      BootstrapCommand.self, DeployCommand.self, DestroyCommand.self])
}

/// Entry point: `stackctl` passes its estate here.
public enum Stackctl {
    /// Parses `arguments`, runs the command, prints errors to stderr; returns the exit status.
    public static func run(_ context: CLIContext, arguments: [String]) -> Int32 {
        let command: ParsableCommand
        do {
            command = try StackctlRoot.parseAsRoot(arguments)
        } catch {
            let code = StackctlRoot.exitCode(for: error)
            if code == .success {  // --help on a command
                context.stdout(helpText(for: arguments))
                return 0
            }
            context.stderr(StackctlRoot.fullMessage(for: error))
            // diff: 2 means "changes found", so its usage errors are 1.
            return DiffCommand.isInvoked(by: arguments) ? ExitStatus.invalidInput.rawValue : ExitStatus.usage.rawValue
        }
        guard let runnable = command as? StackctlCommand else {  // `help [COMMAND]`
            context.stdout(helpText(for: arguments))
            return 0
        }
        do {
            return try runnable.run(context).rawValue
        } catch let failure as SynthesisFailed {
            context.stderr(failure.diagnostics.report)
            return ExitStatus.invalidInput.rawValue
        } catch let error as CLIError {
            context.stderr(error.description)
            return error.status.rawValue
        } catch {
            context.stderr("error: \(error)")
            return ExitStatus.invalidInput.rawValue
        }
    }

    /// Help for the command named in the arguments (`synth --help`, `help synth`), else the overview.
    static func helpText(for arguments: [String]) -> String {
        let commands = StackctlRoot.configuration.subcommands
        for argument in arguments where !argument.hasPrefix("-") {
            if let command = commands.first(where: { $0._commandName == argument }) {
                return StackctlRoot.helpMessage(for: command)
            }
        }
        return StackctlRoot.helpMessage()
    }

    /// The process entry: finds the repository root, runs, exits.
    public static func main<E: Estate>(_ estate: E.Type) -> Never {
        let root = findRoot()
        let status = run(CLIContext(estate: AnyEstate(estate), root: root), arguments: Array(CommandLine.arguments.dropFirst()))
        exit(status)
    }

    /// `STACKCTL_ROOT`, else the nearest folder upwards from the working directory with `environments/`.
    static func findRoot() -> URL {
        if let explicit = ProcessInfo.processInfo.environment["STACKCTL_ROOT"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("environments").path) { return dir }
            dir.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}
