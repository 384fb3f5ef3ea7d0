import CommandLineArguments
import Foundation
import StackCore
import StackDeploy
import StackInvoke

struct InvokeCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "invoke",
        abstract: "Run a built function locally once, with an event, behind an in-process Lambda Runtime API (no Docker).",
        discussion: """
            The function's zip from `stackctl build` (OUT/<hash>.zip) is unpacked and its `bootstrap` started with \
            the environment variables its stack gives it, resolved for --env (against an environment with an \
            endpoint, such as local, the function talks to that emulator; AWS_ENDPOINT_URL wins over the file's), \
            the Lambda variables (AWS_REGION, AWS_LAMBDA_FUNCTION_NAME, memory, AWS_LAMBDA_RUNTIME_API...) and \
            your AWS credentials. The deadline is the function's Timeout. The response (or the error document) \
            goes to stdout, the function's logs and a summary to stderr. \
            `--sample kinesis|dynamodb|sqs|s3|schedule` prints an event to start from. \
            Exit codes: 0 the function answered; 1 the estate has errors, the function is not built, or one of its \
            variables cannot be resolved without deploying; 2 bad command line (unknown function or sample, an \
            event that is not JSON, too large or deep); 3 the event file cannot be read; 4 the function reported an error, failed \
            to start, exited or timed out; 6 no AWS credentials found for an environment without an emulator.
            """,
        parameters: [
            .argument("function", help: "The function: a construct path (TickAlerts/Processor) or a product name (tick-processor).",
                      optional: true),
            .option("event", valueName: "file", help: "The event: a JSON file, or - for stdin."),
            EstateOptions.env,
            // Not an enum-like option: an unknown sample is the command's own error (exit 2 with the list).
            .option("sample", valueName: "kind",
                    help: "Print an event skeleton instead: \(InvokeCommand.sampleNames)."),
            .option("assets", valueName: "dir", help: "Folder of the built zips (default: stackctl.out/assets, where build writes them)."),
            .option("set", valueName: "name=value", help: "Set or override one of the function's variables (repeatable).",
                    repeatable: true),
        ])

    /// "kinesis, dynamodb, ...". A loop, not `map(\.rawValue).joined`: the spec is built on every run, and
    /// that generic path looked protocol conformances up at run time (a scan of every conformance record).
    static var sampleNames: String {
        var names = ""
        for sample in EventSample.allCases { names += (names.isEmpty ? "" : ", ") + sample.rawValue }
        return names
    }

    var function: String?
    var event: String?
    var env: String?
    var sample: String?
    var assets: String?
    var overrides: [String]

    init(_ parsed: ParsedArguments) {
        function = parsed.argument("function")
        event = parsed.string("event")
        env = parsed.string("env")
        sample = parsed.string("sample")
        assets = parsed.string("assets")
        overrides = parsed.strings("set")
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        if let sample { return try printSample(sample, context) }
        guard let function else {
            throw CLIError("name the function to invoke", hint: "stackctl invoke STACK/FUNCTION --event FILE, "
                               + "or stackctl invoke --sample KIND for an event to start from", status: .usage)
        }
        guard let event else {
            throw CLIError("--event FILE is required", hint: "stackctl invoke --sample KIND > event.json prints one to edit",
                           status: .usage)
        }
        let variables = try parseOverrides()
        let payload = try InvokeEvent.read(event, cwd: context.root)

        let environment = env ?? context.estate.defaultEnvironment
        let run = try SynthesisRun.run(context, environment: environment)
        ProcessEnd.keepUntilExit(run)
        let settings = run.result.settings
        let entry = try pick(function, FunctionCatalog(run.result))

        let folder = assets.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
            ?? context.root.appendingPathComponent("stackctl.out").appendingPathComponent("assets")
        let bootstrap = try BuiltFunction.unpack(entry, from: folder.standardizedFileURL)
        defer { try? FileManager.default.removeItem(at: bootstrap.deletingLastPathComponent()) }

        let aws = try AWSSession.context(for: settings, context)
        let endpoints = aws.endpoints.environment.filter { $0.key.hasPrefix("AWS_ENDPOINT_URL") && !$0.value.isEmpty }
        var credentials = ["AWS_ACCESS_KEY_ID": aws.credentials.accessKeyId, "AWS_SECRET_ACCESS_KEY": aws.credentials.secretAccessKey]
        if let token = aws.credentials.sessionToken { credentials["AWS_SESSION_TOKEN"] = token }

        let resolver = TemplateValueResolver(settings: settings, stacks: run.result.stacks, endpoint: endpoints["AWS_ENDPOINT_URL"])
        let local: LocalFunction
        do {
            local = try LocalFunction(logicalID: entry.logicalID, in: entry.stack, product: entry.asset.product, resolver: resolver)
        } catch {
            throw CLIError("\(error)", hint: "pass the value yourself with --set \(error.variable)=VALUE")
        }
        let processEnvironment = local.processEnvironment(
            region: settings.region, runtimeAPI: "", taskRoot: bootstrap.deletingLastPathComponent().path,
            credentials: credentials, endpoints: endpoints, overrides: variables, path: context.environment["PATH"])

        context.stderr("invoking \(local.path) (\(local.product), \(environment), timeout \(local.timeoutSeconds) s)")
        let invoker = LocalInvoker(executable: bootstrap, environment: processEnvironment,
                                   timeoutSeconds: local.timeoutSeconds, log: context.stderr)
        let result: LocalInvoker.Result
        do { result = try invoker.invoke(event: payload, functionARN: local.functionARN) } catch {
            throw CLIError(error.description, status: .io)
        }
        return report(result, local, context)
    }

    private func printSample(_ name: String, _ context: CLIContext) throws -> ExitStatus {
        guard function == nil, event == nil else {
            throw CLIError("--sample prints an event; it takes no function or --event", status: .usage)
        }
        guard let sample = EventSample(rawValue: name.lowercased()) else {
            throw CLIError("no sample '\(name)'", hint: "samples: \(InvokeCommand.sampleNames)",
                           status: .usage)
        }
        context.stdout(sample.json)
        return .success
    }

    private func parseOverrides() throws -> [String: String] {
        var variables: [String: String] = [:]
        for pair in overrides {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CLIError("--set \(pair): expected NAME=VALUE", status: .usage)
            }
            variables[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return variables
    }

    private func pick(_ name: String, _ catalog: FunctionCatalog) throws -> FunctionCatalog.Entry {
        let matches = catalog.matches(name)
        guard let first = matches.first else { throw catalog.unknown(name) }
        guard matches.count == 1 else {
            throw CLIError("'\(name)' is the product of several functions", hint: "name one by its path: "
                               + matches.map(\.path).joined(separator: ", "), status: .usage)
        }
        return first
    }

    private func report(_ result: LocalInvoker.Result, _ function: LocalFunction, _ context: CLIContext) -> ExitStatus {
        let took = "\(result.duration.components.seconds * 1000 + result.duration.components.attoseconds / 1_000_000_000_000_000) ms"
        switch result.outcome {
        case .response(let body):
            context.stdout(String(decoding: body, as: UTF8.self))
            context.stderr("\(function.path): succeeded in \(took) (request \(result.requestID))")
            return .success
        case .error(let type, let message, let body):
            context.stdout(String(decoding: body, as: UTF8.self))
            context.stderr("error: \(function.path) failed in \(took): \(type): \(message)")
            return .operationFailed
        case .initError(let type, let message, let body):
            context.stdout(String(decoding: body, as: UTF8.self))
            context.stderr("error: \(function.path) failed to start (init error): \(type): \(message)")
            return .operationFailed
        case .exited(let status):
            context.stderr("error: \(function.path) exited with status \(status) before answering (after \(took))\n"
                           + "  hint: its last log lines above say why")
            return .operationFailed
        case .timedOut(let seconds):
            context.stderr("error: \(function.path) timed out after \(seconds) s (its Timeout) and was stopped")
            return .operationFailed
        }
    }
}
