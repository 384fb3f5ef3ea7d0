import CommandLineArguments
import Foundation
import StackCore
import StackDeploy
import StackTemplate

struct BuildCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "build",
        abstract: "Build the environment's Lambda functions in release and package each as a deterministic zip.",
        discussion: """
            Each function product the environment's templates reference is built with `swift build -c release \
            --static-swift-stdlib` (scratch path .build-lambda, .build-lambda-ID with --swift-sdk ID) and zipped as an executable `bootstrap` into \
            OUT/<hash>.zip, where <hash> is the content hash synthesis put in the template's S3Key; its DWARF goes to \
            OUT/<hash>.debug next to it. Two builds of the same sources give the same bytes. A zip that \
            already exists for its hash is up to date and is neither rebuilt nor rewritten. The built binary's \
            glibc needs are checked against provided.al2023 (glibc 2.34): a binary needing newer symbol versions \
            fails the build unless --allow-glibc-mismatch is given. Build on Amazon Linux 2023, or pass \
            --swift-sdk with the Swift static Linux SDK (musl), to get a binary Lambda can run. \
            Incremental builds are guarded: the scratch folder records the toolchain and a digest of every \
            module compiled into it, and a changed shared module (any linked target but the function's own) \
            or toolchain cleans it first (said on stdout). --clean removes it and rebuilds the named \
            functions even when their zips are up to date. STACKCTL_SWIFT names the swift to build with. \
            Exit codes: 0 success; 1 the estate has errors, a build failed or a binary needs a newer glibc; \
            2 bad command line (unknown function); 3 reading or writing files failed.
            """,
        parameters: [
            EstateOptions.env,
            .argument("functions", help: "Functions to build: product names (tick-processor) or construct paths (TickAlerts/Processor). Default: all the environment references.",
                      repeatable: true, optional: true),
            .option("swift-sdk", help: "Swift SDK to build with, forwarded to swift build (e.g. x86_64-swift-linux-musl, the static Linux SDK)."),
            .flag("allow-glibc-mismatch", help: "Package a binary that needs a newer glibc than provided.al2023 has, with a warning instead of an error."),
            .option("out", help: "Output folder for the zips (default: stackctl.out/assets, shared by every environment)."),
            .flag("clean", help: "Remove the scratch folder (.build-lambda) first and rebuild, even zips that are up to date."),
        ])

    var env: String?
    var functions: [String]
    var swiftSDK: String?
    var allowGlibcMismatch: Bool
    var out: String?
    var clean: Bool

    init(_ parsed: ParsedArguments) {
        env = parsed.string("env")
        functions = parsed.arguments("functions")
        swiftSDK = parsed.string("swift-sdk")
        allowGlibcMismatch = parsed.flag("allow-glibc-mismatch")
        out = parsed.string("out")
        clean = parsed.flag("clean")
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        let environment = env ?? context.estate.defaultEnvironment
        let run = try SynthesisRun.run(context, environment: environment)
        let catalog = FunctionCatalog(run.result)
        let assets = run.result.assets.sorted { $0.product < $1.product }

        var chosen: [Asset] = []
        for name in functions {
            guard let match = assets.first(where: { $0.product == name }) ?? catalog.matches(name).first?.asset else {
                throw catalog.unknown(name)
            }
            if !chosen.contains(match) { chosen.append(match) }
        }
        if functions.isEmpty { chosen = assets }
        // One build per distinct content hash.
        var seen: Set<String> = []
        chosen = chosen.filter { seen.insert($0.hash).inserted }

        let folder = out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
            ?? context.root.appendingPathComponent("stackctl.out").appendingPathComponent("assets")
        var builder = FunctionBuilder(
            root: context.root, outputFolder: folder.standardizedFileURL, swiftSDK: swiftSDK,
            allowGlibcMismatch: allowGlibcMismatch, swift: context.environment["STACKCTL_SWIFT"].flatMap { $0.isEmpty ? nil : $0 } ?? "swift",
            stdout: context.stdout, stderr: context.stderr)
        builder.forceRebuild = clean
        ProcessEnd.keepUntilExit(run)

        if chosen.isEmpty { context.stdout("no functions to build in \(environment)") }
        if clean, let first = chosen.first {
            // Once for the whole run: each function after the first builds on the fresh objects.
            do { try builder.cleanScratch(reason: "--clean", product: first.product) } catch {
                throw CLIError(report: error.description, status: .io)
            }
        }
        for asset in chosen {
            do {
                _ = try builder.build(asset)
            } catch {
                throw CLIError(report: error.description, status: error.kind == .io ? .io : .invalidInput)
            }
        }
        if !chosen.isEmpty { context.stdout(Self.summary(chosen, builder)) }
        return .success
    }

    /// One line per function: its zip and binary sizes (Lambda's limits are on both: 50 MB zipped, 250 MB unpacked).
    static func summary(_ assets: [Asset], _ builder: FunctionBuilder) -> String {
        let width = assets.map(\.product.count).max() ?? 0
        var lines = ["summary:"]
        for asset in assets {
            guard let sizes = builder.sizes(of: asset) else { continue }
            let name = asset.product.padding(toLength: width, withPad: " ", startingAt: 0)
            let binary = sizes.binary.map { "binary \(FunctionBuilder.formatSize($0))" } ?? "binary size not recorded"
            lines.append("  \(name)  zip \(FunctionBuilder.formatSize(sizes.zip)), \(binary)")
        }
        return lines.joined(separator: "\n")
    }
}
