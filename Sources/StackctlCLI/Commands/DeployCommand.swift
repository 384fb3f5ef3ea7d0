import ArgumentParser
import Foundation
import StackCore
import StackDeploy

extension ApprovalLevel: ExpressibleByArgument {}

struct DeployCommand: StackctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy the environment's stacks through CloudFormation change sets.",
        discussion: """
            Checks that the credentials belong to the environment's account, synthesizes (or reads --from DIR), \
            builds the functions (a zip already built for its hash is reused), uploads the assets the staging bucket \
            lacks, then per stack, in dependency order: creates a change set (CREATE or UPDATE), shows it with \
            construct paths, asks when --require-approval says so, executes it and follows its events. \
            "No changes" is success. Exit codes: 0 success; 1 the estate or an environment file has errors, or a \
            function build failed; 2 bad command line; 3 reading or writing files failed; 4 AWS failed the deploy \
            (rollback, API error, credentials); 5 refused (wrong account, not bootstrapped, approval needed or declined, \
            stack in ROLLBACK_COMPLETE); 130 interrupted (the deploy goes on in AWS).
            """)

    @Option(name: .long, help: "Environment: a file in environments/ without .yaml (default: the estate's default, usually dev).")
    var env: String?

    @Argument(help: "Stacks to deploy (default: all), by estate name (MarketStream).")
    var stacks: [String] = []

    @Option(name: .long, help: "Deploy an output folder written by `stackctl synth --out` instead of synthesizing.")
    var from: String?

    @Option(name: .long, help: "When to ask before executing: never, any-change, broadening (IAM widening, stateful replacement or deletion).")
    var requireApproval: ApprovalLevel = .broadening

    @Option(name: .long, help: "How many independent stacks deploy at once.")
    var concurrency: Int = 1

    @Flag(name: .long, help: "Delete and recreate a stack left in ROLLBACK_COMPLETE by a failed first creation.")
    var recreateFailed = false

    @Option(name: .long, help: "Write every stack's outputs to this JSON file.")
    var outputsFile: String?

    @Option(name: .long, help: "Folder of function zips (default: stackctl.out/assets).")
    var assets: String?

    @Option(name: .long, help: "Swift SDK for function builds (see `stackctl build`).")
    var swiftSDK: String?

    @Flag(name: .long, help: "Package functions needing a newer glibc than provided.al2023 with a warning.")
    var allowGlibcMismatch = false

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1 (got \(concurrency))") }
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let assetsFolder = (assets.map { URL(fileURLWithPath: $0, relativeTo: cwd) }
            ?? context.root.appendingPathComponent("stackctl.out/assets")).standardizedFileURL
        let inputs: DeployInputs
        if let from {
            inputs = try DeployInputs.fromFolder(context, folder: URL(fileURLWithPath: from, relativeTo: cwd).standardizedFileURL,
                                                 environment: env, stacks: stacks, assetsFolder: assetsFolder)
        } else {
            inputs = try DeployInputs.synthesize(context, environment: env ?? context.estate.defaultEnvironment, stacks: stacks,
                                                 assetsFolder: assetsFolder)
        }
        let awsContext = try AWSSession.context(for: inputs.settings, context)
        let options = DeployOptions(approval: requireApproval, recreateFailed: recreateFailed, concurrency: concurrency)
        let settings = inputs.settings, stacks = inputs.stacks, makeToken = context.deploy.makeToken
        AWSCommandRun.noteShellRegion(settings, context)
        let deployment: @Sendable (DeployIO) -> Deployment = { io in
            Deployment(context: awsContext, environment: settings.environment, account: settings.account, io: io,
                       options: options, makeToken: makeToken)
        }
        // The account first: minutes of building are wasted on the wrong credentials.
        try AWSCommandRun.run(context) { io in try await deployment(io).checkAccount() }
        try build(inputs.assets, into: assetsFolder, context)
        let results = try AWSCommandRun.run(context) { (io: DeployIO) async throws -> [StackDeployResult] in
            try await deployment(io).run(stacks)
        }
        if let outputsFile {
            try OutputsFile.write(results, to: URL(fileURLWithPath: outputsFile, relativeTo: cwd).standardizedFileURL)
        }
        let counts = Dictionary(grouping: results, by: \.change).mapValues(\.count)
        context.stdout("deployed \(inputs.settings.environment): \(counts[.created] ?? 0) created, \(counts[.updated] ?? 0) updated, "
                       + "\(counts[.unchanged] ?? 0) unchanged")
        return .success
    }

    /// Builds (or finds up to date) every zip the stacks reference.
    func build(_ assets: [Asset], into folder: URL, _ context: CLIContext) throws {
        let builder = FunctionBuilder(root: context.root, outputFolder: folder, swiftSDK: swiftSDK,
                                      allowGlibcMismatch: allowGlibcMismatch, stdout: context.stdout, stderr: context.stderr)
        for asset in assets.sorted(by: { $0.product < $1.product }) {
            do { _ = try builder.build(asset) } catch {
                throw CLIError(report: error.description, status: error.kind == .io ? .io : .invalidInput)
            }
        }
    }
}

/// `--outputs-file`: `{ "MarketStream": { "stackName": "...", "outputs": { "Key": "Value" } } }`, keys sorted.
enum OutputsFile {
    static func write(_ results: [StackDeployResult], to file: URL) throws {
        var document: [String: Any] = [:]
        for result in results {
            document[result.stack] = [
                "stackName": result.stackName,
                "outputs": Dictionary(result.outputs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
            ] as [String: Any]
        }
        do {
            let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (data + Data("\n".utf8)).write(to: file, options: .atomic)
        } catch {
            throw CLIError("cannot write \(file.path) (--outputs-file): \(error.localizedDescription)",
                           hint: "the stacks are deployed; choose a writable path to get the outputs file", status: .io)
        }
    }
}
