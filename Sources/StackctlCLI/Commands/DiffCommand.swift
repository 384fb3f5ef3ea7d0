import CommandLineArguments
import Foundation
import StackCore
import StackDiff
import StackTemplate

enum DiffFormat: String, CaseIterable { case text, markdown, json }

/// Which changes make `stackctl diff` exit 2.
enum FailOn: String, CaseIterable {
    case any, replacement
    case dataLoss = "data-loss"
    case broadening

    func matches(_ report: DiffReport) -> Bool {
        switch self {
        case .any: return report.hasChanges
        case .replacement: return report.hasReplacement
        case .dataLoss: return report.has(.dataLoss)
        case .broadening: return report.has(.permissionBroadening)
        }
    }
}

enum ColorMode: String, CaseIterable { case auto, always, never }

struct DiffCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "diff",
        abstract: "Show what a change does to each stack: impacts, replacements, data-loss and permission risks.",
        discussion: """
            The current estate is synthesized for the environment and compared with a baseline: by default \
            the deployed stacks (GetTemplate; the credentials must be the environment's account; --change-set \
            also asks CloudFormation which resources it would replace, through a change set it deletes again, \
            never executed); --base-dir DIR (a folder written by `stackctl synth --out DIR`; no credentials) or \
            --base REV (the estate at a git revision, synthesized in a temporary worktree; no credentials; the \
            pull-request check).

            Exit codes: 0 no changes (or none that --fail-on selects); 2 changes found that --fail-on selects \
            (default: any); 1 error (bad command line, unknown stack, unreadable template, base revision that \
            does not build); 3 reading or writing files failed; 6 against the deployed stacks: no AWS credentials \
            found, or AWS refused them (as for every AWS command).
            """,
        parameters: [
            EstateOptions.env,
            .argument("stacks", help: "Only these stacks (default: all, including stacks only the baseline has).",
                      repeatable: true, optional: true),
            .option("base-dir", help: "Baseline: an output folder written earlier by `stackctl synth --out DIR`."),
            .option("base", help: "Baseline: a git revision (branch, tag, commit) synthesized in a temporary worktree."),
            .flag("change-set",
                  help: "Against the deployed stacks: also ask CloudFormation for a change set (created, read, deleted; never executed) and use its replacement answers."),
            .option("format", help: "Output format: text, markdown (for a pull-request comment) or json (schema version 1).",
                    values: DiffFormat.self, default: .text),
            .option("fail-on", help: "Which changes exit 2: any, replacement, data-loss or broadening (repeatable; default any).",
                    values: FailOn.self, repeatable: true),
            .option("color", help: "Colours in text output: auto (only on a terminal, unless NO_COLOR is set), always or never.",
                    values: ColorMode.self, default: .auto),
        ])

    var env: String?
    var stacks: [String]
    var baseDir: String?
    var base: String?
    var changeSet: Bool
    var format: DiffFormat
    var failOn: [FailOn]
    var color: ColorMode

    /// Usage errors of this command (the parser's and its own) exit 1, since 2 means "changes found":
    /// `Stackctl.run` checks the command an error names.
    init(_ parsed: ParsedArguments) throws(UsageError) {
        env = parsed.string("env")
        stacks = parsed.arguments("stacks")
        baseDir = parsed.string("base-dir")
        base = parsed.string("base")
        changeSet = parsed.flag("change-set")
        format = try parsed.value("format") ?? .text
        failOn = try parsed.values("fail-on")
        color = try parsed.value("color") ?? .auto
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        do {
            return try diff(context)
        } catch var error as CLIError where error.status == .usage {
            error.status = .invalidInput
            throw error
        }
    }

    private func diff(_ context: CLIContext) throws -> ExitStatus {
        let environment = env ?? context.estate.defaultEnvironment
        let baseline = try self.baseline(context, environment: environment)
        let run = try SynthesisRun.run(context, environment: environment, format: .json)
        ProcessEnd.keepUntilExit(run)
        if !run.diagnostics.isEmpty { context.stderr(run.diagnostics.report) }
        let current = run.result.stacks.map { BaselineStack(name: $0.name, deployedName: $0.physicalName) }
        let old = try baseline.templates(for: current)

        let known = current.map(\.name) + old.map(\.stack).filter { name in !current.contains { $0.name == name } }
        for name in stacks where !known.contains(name) {
            throw CLIError("no stack named '\(name)' in the estate or the baseline",
                           hint: "stacks: \(known.sorted().joined(separator: ", "))")
        }
        let selected = stacks.isEmpty ? known : known.filter { stacks.contains($0) }
        let newTemplates = Dictionary(uniqueKeysWithValues: run.result.stacks.map { ($0.name, $0.template) })
        let oldTexts = Dictionary(old.map { ($0.stack, $0) }, uniquingKeysWith: { first, _ in first })

        // Parsing and diffing are per stack: one per core. Hints may call AWS, so they are asked in turn.
        let oldTemplates = try selected.parallelMap { name -> Template? in
            try oldTexts[name].map { entry in
                do { return try TemplateParser.parse(entry.text) } catch {
                    throw CLIError(TemplateParseError.describe(error, in: entry.origin),
                                   hint: "the baseline template of stack \(name) cannot be read")
                }
            }
        }
        var hints: [[String: ReplacementHint]] = []
        for (name, oldTemplate) in zip(selected, oldTemplates) {
            guard oldTemplate != nil, let stack = run.result.stacks.first(where: { $0.name == name }), let text = run.rendered[name]?.text else {
                hints.append([:])
                continue
            }
            hints.append(try baseline.replacementHints(for: BaselineStack(name: name, deployedName: stack.physicalName), newTemplate: text))
        }
        let inputs = Array(zip(selected, zip(oldTemplates, hints)))
        var diffs = inputs.parallelMap { name, pair in
            TemplateDiffer.diff(stack: name, old: pair.0, new: newTemplates[name], hints: pair.1)
        }
        // Against the deployed stacks, the values deploy would send are compared too (NoEcho masked).
        for index in diffs.indices where diffs[index].status != .added && diffs[index].status != .removed {
            let name = diffs[index].name
            guard let deployed = baseline.parameterValues(for: name), let template = newTemplates[name] else { continue }
            let values = ParameterValueDiffer.entries(deployed: deployed, new: run.parameterValues[name] ?? [:], template: template)
            diffs[index].entries += values
            if !values.isEmpty && diffs[index].status == .unchanged { diffs[index].status = .modified }
        }
        let report = DiffReport(stacks: diffs, baseLabel: baseline.label, environment: environment)
        switch format {
        case .text: context.stdout(TextRenderer.render(report, colors: useColors))
        case .markdown: context.stdout(MarkdownRenderer.render(report))
        case .json:
            do { context.stdout(try JSONReportRenderer.render(report)) } catch {
                throw CLIError("cannot render the diff as JSON: \(error)", hint: "this is a bug in stackctl; please report it")
            }
        }
        let rules = failOn.isEmpty ? [FailOn.any] : failOn
        return rules.contains { $0.matches(report) } ? .usage : .success  // 2: changes found
    }

    private func baseline(_ context: CLIContext, environment: String) throws -> any DiffBaseline {
        if changeSet && (baseDir != nil || base != nil) {
            throw CLIError("--change-set asks CloudFormation about the deployed stacks; it does not combine with --base-dir or --base",
                           hint: "stackctl diff --env \(environment) --change-set")
        }
        switch (baseDir, base) {
        case (let dir?, nil):
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let folder = URL(fileURLWithPath: dir, relativeTo: cwd).standardizedFileURL
            let baseline = DirectoryBaseline(folder: folder, label: dir)
            if let synthesized = try baseline.manifest().environment, synthesized != environment {
                context.stderr("note: --base-dir \(dir) was synthesized for \(synthesized), compared with \(environment)")
            }
            return baseline
        case (nil, let revision?):
            return RevisionBaseline(root: context.root, revision: revision, environment: environment, progress: context.stderr)
        case (nil, nil):
            let (settings, _, _) = try SynthesisRun.loadEnvironment(context, environment)
            return DeployedBaseline(aws: try AWSSession.context(for: settings, context), settings: settings,
                                    askChangeSets: changeSet, note: context.stderr)
        case (_?, _?):
            throw CLIError("--base-dir and --base are two baselines; give one", hint: "stackctl diff --base origin/main, or stackctl diff --base-dir DIR")
        }
    }

    private var useColors: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return !noColor && isatty(STDOUT_FILENO) == 1
        }
    }
}
