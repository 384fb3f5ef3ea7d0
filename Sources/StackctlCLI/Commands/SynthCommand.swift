import ArgumentParser
import Foundation
import StackCore
import StackTemplate

extension TemplateFormat: ExpressibleByArgument {}

/// Options shared by commands that synthesize.
struct EstateOptions: ParsableArguments {
    @Option(name: .long, help: "Environment: a file in environments/ without .yaml (default: the estate's default, usually dev).")
    var env: String?

    @Option(name: .long, help: "Only these stacks (repeatable). References to other stacks still resolve.")
    var stack: [String] = []

    func environment(_ context: CLIContext) -> String { env ?? context.estate.defaultEnvironment }
}

struct SynthCommand: StackctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write one CloudFormation template per stack and a manifest into an output folder.",
        discussion: """
            The folder is written only when synthesis succeeds; it replaces the previous output as a whole. \
            It holds STACK.template.yaml (or .json) per stack and manifest.json (stacks in dependency order, \
            deployed names, dependencies, assets with content hashes, parameters).
            """)

    @OptionGroup var estate: EstateOptions

    @Option(name: .long, help: "Output folder (default: stackctl.out/ENV).")
    var out: String?

    @Option(name: .long, help: "Template format: yaml or json.")
    var format: TemplateFormat = .yaml

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func run(_ context: CLIContext) throws -> ExitStatus {
        let environment = estate.environment(context)
        let run = try SynthesisRun.run(context, environment: environment, stacks: estate.stack, format: format)
        let folder = out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
            ?? context.root.appendingPathComponent("stackctl.out").appendingPathComponent(environment)

        var files: [String: String] = [:]
        for stack in run.selected { files["\(stack.name).\(format.fileExtension)"] = run.rendered[stack.name] }
        files[Manifest.fileName] = try JSONRenderer.render(Manifest.value(for: run), pretty: true) + "\n"
        try OutputFolder.write(files, to: folder.standardizedFileURL)
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
