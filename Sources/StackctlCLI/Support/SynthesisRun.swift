import Foundation
import StackCore
import StackEnvironment
import StackTemplate

/// Template file formats `synth` can write.
public enum TemplateFormat: String, CaseIterable, Sendable {
    case yaml, json

    public var fileExtension: String { "template.\(rawValue)" }
}

/// Loads an environment, synthesizes the estate and renders every template, all in memory.
/// Nothing is written until everything succeeded.
public struct SynthesisRun {
    public var result: SynthesisResult
    /// Stacks chosen with `--stack` (all when none), in dependency order.
    public var selected: [SynthesizedStack]
    /// Rendered template per stack name.
    public var rendered: [String: RenderedTemplate]
    public var diagnostics: Diagnostics
    public var format: TemplateFormat
    /// CloudFormation parameter values per stack, from the environment's `parameters:` (checked).
    public var parameterValues: [String: [String: String]] = [:]

    public static func run(
        _ context: CLIContext, environment: String, stacks: [String] = [], format: TemplateFormat = .yaml
    ) throws -> SynthesisRun {
        var run = try synthesize(context, environment: environment, stacks: stacks, format: format)
        // Stacks render independently: one per core.
        let outputs = try run.selected.parallelMap { try render($0, format) }
        for (stack, output) in zip(run.selected, outputs) { run.rendered[stack.name] = output.text }
        try run.checkBodies(outputs.map(\.bodyBytes))
        return run
    }

    /// Synthesis and the `--stack` selection, without rendering: `synth` renders each template while
    /// writing it, so no template is held in memory longer than it takes to write it.
    public static func synthesize(
        _ context: CLIContext, environment: String, stacks: [String] = [], format: TemplateFormat = .yaml
    ) throws -> SynthesisRun {
        let (settings, definitions, parameters) = try loadEnvironment(context, environment)
        let synthesizer = Synthesizer(settings: settings, assets: context.assets(context.root))
        let result = try synthesizer.synthesize(definitions)
        let values = try checkParameters(context, environment, parameters,
                                         declared: result.stacks.map { .init(stack: $0.name, parameters: $0.template.parameters) })

        let known = result.stacks.map(\.name)
        for name in stacks where !known.contains(name) {
            throw CLIError("no stack named '\(name)' (from --stack)",
                           hint: "stacks in this estate: \(known.sorted().joined(separator: ", "))", status: .usage)
        }
        let selected = stacks.isEmpty ? result.stacks : result.stacks.filter { stacks.contains($0.name) }
        return SynthesisRun(result: result, selected: selected, rendered: [:], diagnostics: result.diagnostics, format: format,
                            parameterValues: values)
    }

    /// One stack's template in `format`, and the size of the body deploy sends (compact JSON; the
    /// pretty JSON file, larger, when that is the format).
    public static func render(_ stack: SynthesizedStack, _ format: TemplateFormat) throws -> (text: RenderedTemplate, bodyBytes: Int) {
        do {
            let text = try render(stack.template, format)
            let body = format == .json ? text.count : try JSONRenderer.rendered(stack.template, pretty: false).count
            return (text, body)
        } catch {
            throw CLIError("\(stack.name): cannot render the template: \(error)", hint: "this is a bug in stackctl; please report it")
        }
    }

    /// CloudFormation's template size limits, for `selected` in order; throws when one is exceeded.
    public mutating func checkBodies(_ bodyBytes: [Int]) throws {
        for (stack, bytes) in zip(selected, bodyBytes) { Limits.checkBody(bytes: bytes, stack: stack.name, into: &diagnostics) }
        if diagnostics.hasErrors { throw SynthesisFailed(diagnostics) }
    }

    static func render(_ template: Template, _ format: TemplateFormat) throws -> RenderedTemplate {
        switch format {
        case .yaml: return try YAMLRenderer.rendered(template)
        case .json: return try JSONRenderer.rendered(template, pretty: true)
        }
    }

    static func loadEnvironment(_ context: CLIContext, _ name: String) throws -> (StackSettings, [any StackDefinition], ParameterSection) {
        do {
            return try context.estate.load(name, context.environmentsDirectory)
        } catch {
            throw configFailure(error, context)
        }
    }

    /// The environment's `parameters:` checked against what the stacks declare (`declared`).
    static func checkParameters(_ context: CLIContext, _ name: String, _ parameters: ParameterSection,
                                declared: [ParameterCheck.Declared]) throws -> [String: [String: String]] {
        let file = context.environmentsDirectory.appendingPathComponent("\(name).yaml").path
        do {
            return try ParameterCheck.resolve(parameters, file: file, declared: declared)
        } catch {
            throw configFailure(error, context)
        }
    }

    /// Environment-file problems as one error report, with paths relative to the repository root.
    static func configFailure(_ error: any Error, _ context: CLIContext) -> any Error {
        // Paths relative to the repository root read better and match what users type.
        let rootPath = context.root.standardizedFileURL.path + "/"
        let problems = ConfigError.all(in: error).map { problem -> ConfigError in
            var problem = problem
            if problem.file.hasPrefix(rootPath) { problem.file.removeFirst(rootPath.count) }
            return problem
        }
        guard !problems.isEmpty else { return error }
        return CLIError(report: problems.map { "error: \($0)" }.joined(separator: "\n"))
    }
}
