import CommandLineArguments
import Foundation
import StackCore
import StackTemplate

/// Options shared by commands that synthesize.
struct EstateOptions {
    /// `--env`, which every command takes.
    static let env = CommandParameter.option(
        "env", help: "Environment: a file in environments/ without .yaml (default: the estate's default, usually dev).")
    static let parameters: [CommandParameter] = [
        env,
        .option("stack", help: "Only these stacks (repeatable). References to other stacks still resolve.", repeatable: true),
    ]

    var env: String?
    var stack: [String]

    init(_ parsed: ParsedArguments) {
        env = parsed.string("env")
        stack = parsed.strings("stack")
    }

    func environment(_ context: CLIContext) -> String { env ?? context.estate.defaultEnvironment }
}

struct SynthCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "synth",
        abstract: "Write one CloudFormation template per stack and a manifest into an output folder.",
        discussion: """
            The folder is written only when synthesis succeeds; it replaces the previous output as a whole. \
            It holds STACK.template.yaml (or .json) per stack and manifest.json (stacks in dependency order, \
            deployed names, dependencies, assets with content hashes, parameters).
            """,
        parameters: EstateOptions.parameters + [
            .option("out", help: "Output folder (default: stackctl.out/ENV)."),
            .option("format", help: "Template format: yaml or json.", values: TemplateFormat.self, default: .yaml),
            .flag("quiet", help: "Print nothing but errors."),
        ])

    var estate: EstateOptions
    var out: String?
    var format: TemplateFormat
    var quiet: Bool

    init(_ parsed: ParsedArguments) throws(UsageError) {
        estate = EstateOptions(parsed)
        out = parsed.string("out")
        format = try parsed.value("format") ?? .yaml
        quiet = parsed.flag("quiet")
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        let environment = estate.environment(context)
        var run = try SynthesisRun.synthesize(context, environment: environment, stacks: estate.stack, format: format)
        let folder = out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
            ?? context.root.appendingPathComponent("stackctl.out").appendingPathComponent(environment)

        // Templates are rendered as they are written; a size limit broken by any of them leaves the
        // previous folder in place (the staged files are discarded).
        var (files, sizes) = StackTemplateFile.files(run.selected, format: format)
        files[Manifest.fileName] = try JSONRenderer.render(Manifest.value(for: run), pretty: true) + "\n"
        try OutputFolder.write(files, to: folder.standardizedFileURL) { try run.checkBodies(sizes.all) }
        ProcessEnd.keepUntilExit(run)

        if !run.diagnostics.isEmpty { context.stderr(run.diagnostics.report) }
        if !quiet {
            let resources = run.selected.reduce(0) { $0 + $1.template.resources.count }
            context.stdout("synthesized \(run.selected.count) stack\(run.selected.count == 1 ? "" : "s") (\(resources) resources) for \(environment) into \(folder.standardizedFileURL.path)")
            for stack in run.selected {
                context.stdout("  \(stack.name).\(format.fileExtension)  \(stack.template.resources.count) resources")
            }
        }
        return .success
    }
}
