import AWSClient
import Foundation
import StackCore
import StackDeploy
import StackTemplate

/// The stacks a deploy or destroy works on, with the environment's settings: synthesized now, or read
/// from an output folder written earlier (`--from DIR`, so CI deploys exactly what was reviewed).
struct DeployInputs {
    var settings: StackSettings
    var stacks: [StackToDeploy]
    /// Function assets the stacks reference (distinct hashes).
    var assets: [Asset]

    static func synthesize(_ context: CLIContext, environment: String, stacks: [String], assetsFolder: URL) throws -> DeployInputs {
        let run = try SynthesisRun.run(context, environment: environment, stacks: stacks, format: .json)
        if !run.diagnostics.isEmpty { context.stderr(run.diagnostics.report) }
        let deployable = try run.selected.map { stack in
            StackToDeploy(name: stack.name, stackName: stack.physicalName,
                          templateBody: try JSONRenderer.render(stack.template, pretty: false), template: stack.template,
                          dependencies: stack.dependencies, terminationProtection: stack.terminationProtection, tags: stack.tags,
                          parameters: run.parameterValues[stack.name] ?? [:], assets: stack.assets.map { local($0, assetsFolder) })
        }
        var seen: Set<String> = []
        let assets = run.selected.flatMap(\.assets).filter { seen.insert($0.hash).inserted }
        return DeployInputs(settings: run.result.settings, stacks: deployable, assets: assets)
    }

    /// Reads `manifest.json` and the templates beside it. The environment file still supplies the
    /// endpoint and is checked against the manifest: a folder synthesized for dev never deploys to prod.
    static func fromFolder(_ context: CLIContext, folder: URL, environment: String?, stacks: [String], assetsFolder: URL) throws -> DeployInputs {
        let manifestURL = folder.appendingPathComponent(Manifest.fileName)
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw CLIError("cannot read \(manifestURL.path) (from --from)", hint: "write the folder with `stackctl synth --env ENV --out DIR`", status: .io)
        }
        let manifest: Manifest.Contents
        do { manifest = try JSONDecoder().decode(Manifest.Contents.self, from: data) } catch {
            throw CLIError("\(manifestURL.path) is not a stackctl manifest: \(error)", hint: "write it again with `stackctl synth --out`", status: .io)
        }
        let name = environment ?? manifest.environment.name
        guard name == manifest.environment.name else {
            throw CLIError("\(folder.path) was synthesized for \(manifest.environment.name), not \(name) (--env)",
                           hint: "synthesize for \(name), or drop --env", status: .usage)
        }
        let (settings, _, parameters) = try SynthesisRun.loadEnvironment(context, name)
        guard settings.account == manifest.environment.account, settings.region == manifest.environment.region else {
            throw CLIError("\(folder.path) targets account \(manifest.environment.account) in \(manifest.environment.region), but "
                               + "environments/\(name).yaml says \(settings.account) in \(settings.region)",
                           hint: "synthesize the folder again for \(name)", status: .invalidInput)
        }
        let known = manifest.stacks.map(\.name)
        for stack in stacks where !known.contains(stack) {
            throw CLIError("no stack named '\(stack)' in \(manifestURL.path)", hint: "stacks there: \(known.joined(separator: ", "))", status: .usage)
        }
        let assetsByProduct = Dictionary(manifest.assets.map { ($0.product, $0) }, uniquingKeysWith: { a, _ in a })
        // Every template is read: the environment's parameter values are checked against all of them.
        var templates: [String: Template] = [:]
        for entry in manifest.stacks {
            let file = folder.appendingPathComponent(entry.template)
            do { templates[entry.name] = try TemplateParser.parse(try String(contentsOf: file, encoding: .utf8)) } catch {
                throw CLIError("cannot read the template of stack \(entry.name): \(TemplateParseError.describe(error, in: file.path))",
                               hint: "write the folder again with `stackctl synth --out`", status: .io)
            }
        }
        let values = try SynthesisRun.checkParameters(context, name, parameters, declared: manifest.stacks.map {
            .init(stack: $0.name, parameters: templates[$0.name]?.parameters ?? [:])
        })
        var deployable: [StackToDeploy] = []
        for entry in manifest.stacks where stacks.isEmpty || stacks.contains(entry.name) {
            let template = templates[entry.name]!
            let assets = entry.assets.compactMap { assetsByProduct[$0] }.map {
                local(Asset(product: $0.product, hash: $0.hash, sources: $0.sources), assetsFolder)
            }
            deployable.append(StackToDeploy(
                name: entry.name, stackName: entry.stackName, templateBody: try JSONRenderer.render(template, pretty: false),
                template: template, dependencies: entry.dependencies, terminationProtection: entry.terminationProtection,
                tags: entry.tags, parameters: values[entry.name] ?? [:], assets: assets))
        }
        let used = Set(deployable.flatMap(\.assets).map(\.product))
        let assets = manifest.assets.filter { used.contains($0.product) }
            .map { Asset(product: $0.product, hash: $0.hash, sources: $0.sources) }
        return DeployInputs(settings: settings, stacks: deployable, assets: assets)
    }

    static func local(_ asset: Asset, _ folder: URL) -> LocalAsset {
        LocalAsset(product: asset.product, s3Key: asset.s3Key, file: folder.appendingPathComponent(asset.s3Key))
    }
}

extension Manifest {
    /// `manifest.json` read back (the fields deploy needs).
    struct Contents: Decodable {
        struct Environment: Decodable { var name: String; var account: String; var region: String }
        struct Stack: Decodable {
            var name: String
            var stackName: String
            var template: String
            var dependencies: [String]
            var terminationProtection: Bool
            var tags: [String: String]
            var assets: [String]
        }
        struct AssetEntry: Decodable { var product: String; var hash: String; var s3Key: String; var sources: [String] }
        var version: Int
        var environment: Environment
        var stacks: [Stack]
        var assets: [AssetEntry]
    }
}
