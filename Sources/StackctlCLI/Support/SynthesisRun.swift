import Foundation
import StackCore
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

    public static func run(
        _ context: CLIContext, environment: String, stacks: [String] = [], format: TemplateFormat = .yaml
    ) throws -> SynthesisRun {
        let (settings, definitions) = try loadEnvironment(context, environment)
        let synthesizer = Synthesizer(settings: settings, assets: context.assets(context.root))
        let result = try synthesizer.synthesize(definitions)

        let known = result.stacks.map(\.name)
        for name in stacks where !known.contains(name) {
            throw CLIError("no stack named '\(name)' (from --stack)",
                           hint: "stacks in this estate: \(known.sorted().joined(separator: ", "))", status: .usage)
        }
        let selected = stacks.isEmpty ? result.stacks : result.stacks.filter { stacks.contains($0.name) }

        // Stacks render independently: one per core.
        let outputs = try selected.parallelMap { stack -> (text: RenderedTemplate, bodyBytes: Int) in
            do {
                let text = try render(stack.template, format)
                // Deploy sends compact JSON; the size limit applies to what is sent.
                let body = format == .json ? text.count : try JSONRenderer.rendered(stack.template, pretty: false).count
                return (text, body)
            } catch {
                throw CLIError("\(stack.name): cannot render the template: \(error)", hint: "this is a bug in stackctl; please report it")
            }
        }
        var diagnostics = result.diagnostics
        var rendered: [String: RenderedTemplate] = [:]
        for (stack, output) in zip(selected, outputs) {
            Limits.checkBody(bytes: output.bodyBytes, stack: stack.name, into: &diagnostics)
            rendered[stack.name] = output.text
        }
        if diagnostics.hasErrors { throw SynthesisFailed(diagnostics) }
        return SynthesisRun(result: result, selected: selected, rendered: rendered, diagnostics: diagnostics, format: format)
    }

    static func render(_ template: Template, _ format: TemplateFormat) throws -> RenderedTemplate {
        switch format {
        case .yaml: return try YAMLRenderer.rendered(template)
        case .json: return try JSONRenderer.rendered(template, pretty: true)
        }
    }

    static func loadEnvironment(_ context: CLIContext, _ name: String) throws -> (StackSettings, [any StackDefinition]) {
        do {
            return try context.estate.load(name, context.environmentsDirectory)
        } catch {
            // Paths relative to the repository root read better and match what users type.
            let rootPath = context.root.standardizedFileURL.path + "/"
            let problems = ConfigError.all(in: error).map { problem -> ConfigError in
                var problem = problem
                if problem.file.hasPrefix(rootPath) { problem.file.removeFirst(rootPath.count) }
                return problem
            }
            guard !problems.isEmpty else { throw error }
            throw CLIError(report: problems.map { "error: \($0)" }.joined(separator: "\n"))
        }
    }
}
