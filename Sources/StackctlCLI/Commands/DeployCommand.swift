import CommandLineArguments
import Foundation
import StackCore
import StackDeploy

struct DeployCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "deploy",
        abstract: "Deploy the environment's stacks through CloudFormation change sets.",
        discussion: """
            Checks that the credentials belong to the environment's account, synthesizes (or reads --from DIR), \
            builds the functions (a zip already built for its hash is reused), uploads the assets the staging bucket \
            lacks, then per stack, in dependency order: creates a change set (CREATE or UPDATE), shows it with \
            construct paths, asks when --require-approval says so, executes it and follows its events. \
            "No changes" is success. Exit codes: 0 success; 1 the estate or an environment file has errors, or a \
            function build failed; 2 bad command line; 3 reading or writing files failed; 4 AWS failed the deploy \
            (rollback, API error); 5 refused (wrong account, not bootstrapped, approval needed or declined, \
            stack in ROLLBACK_COMPLETE); 6 no AWS credentials found, or AWS refused them (expired, invalid); 130 interrupted (the deploy goes on in AWS).
            """,
        parameters: [
            EstateOptions.env,
            .argument("stacks", help: "Stacks to deploy (default: all), by estate name (MarketStream).", repeatable: true, optional: true),
            .option("from", help: "Deploy an output folder written by `stackctl synth --out` instead of synthesizing."),
            .option("require-approval",
                    help: "When to ask before executing: never, any-change, broadening (IAM widening, stateful replacement or deletion).",
                    values: ApprovalLevel.self, default: .broadening),
            .option("concurrency", help: "How many independent stacks deploy at once.", default: "1"),
            .flag("recreate-failed", help: "Delete and recreate a stack left in ROLLBACK_COMPLETE by a failed first creation."),
            .option("outputs-file", help: "Write every stack's outputs to this JSON file."),
            .option("assets", help: "Folder of function zips (default: stackctl.out/assets)."),
            .option("swift-sdk", help: "Swift SDK for function builds (see `stackctl build`)."),
            .flag("allow-glibc-mismatch", help: "Package functions needing a newer glibc than provided.al2023 with a warning."),
        ])

    var env: String?
    var stacks: [String]
    var from: String?
    var requireApproval: ApprovalLevel
    var concurrency: Int
    var recreateFailed: Bool
    var outputsFile: String?
    var assets: String?
    var swiftSDK: String?
    var allowGlibcMismatch: Bool

    init(_ parsed: ParsedArguments) throws(UsageError) {
        env = parsed.string("env")
        stacks = parsed.arguments("stacks")
        from = parsed.string("from")
        requireApproval = try parsed.value("require-approval") ?? .broadening
        concurrency = try parsed.int("concurrency") ?? 1
        recreateFailed = parsed.flag("recreate-failed")
        outputsFile = parsed.string("outputs-file")
        assets = parsed.string("assets")
        swiftSDK = parsed.string("swift-sdk")
        allowGlibcMismatch = parsed.flag("allow-glibc-mismatch")
        guard concurrency >= 1 else { throw parsed.usageError("--concurrency must be at least 1 (got \(concurrency))") }
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
