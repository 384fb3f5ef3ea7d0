import AWSClient
import CommandLineArguments
import Foundation
import StackDeploy

/// `stackctl secret ...`: commands on the values of the estate's Secrets Manager secrets.
enum SecretCommand {
    static let group = CommandGroup(
        spec: CommandSpec(name: "secret", abstract: "Put the real value into a deployed Secret, out of band (never in a template or a file of the repository).",
                          subcommands: [SecretPutCommand.spec]),
        commands: [SecretPutCommand.self])
}

struct SecretPutCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "put",
        abstract: "Store a new value for a deployed Secret (STACK/SECRET), read from stdin or --file, never from the command line.",
        discussion: """
            The secret is found by its construct path in the environment's synthesized stacks (its name is deterministic) \
            and the value goes to it with PutSecretValue as its new AWSCURRENT version, after the credentials are checked \
            against the environment's account as for every AWS command. The value is read from --file, or from stdin when \
            it is a pipe (one trailing line ending is dropped); it is never printed, nor part of any error. Exit codes: \
            0 stored; 1 the estate or an environment file has errors; 2 bad command line (unknown STACK/SECRET, a value \
            given as an argument, stdin a terminal, an empty, oversized or non-UTF-8 value); 3 the file cannot be read; \
            4 AWS failed the call (the secret is not deployed yet, access denied); 5 the credentials are for another account; \
            6 no AWS credentials found, or AWS refused them.
            """,
        parameters: [
            .argument("secret", help: "The secret's construct path: STACK/SECRET (TweetSentiment/XTokens)."),
            // Declared only to refuse it without echoing it: an unexpected argument is otherwise quoted in the error.
            .argument("value", help: "Not accepted: a value on the command line stays in shell history and shows in ps.",
                      repeatable: true, optional: true),
            EstateOptions.env,
            .option("file", help: "Read the value from this file (default: stdin, which must be a pipe or a file)."),
        ])

    var secret: String
    var valueGiven: Bool
    var env: String?
    var file: String?

    init(_ parsed: ParsedArguments) {
        secret = parsed.argument("secret") ?? ""
        valueGiven = !parsed.arguments("value").isEmpty
        env = parsed.string("env")
        file = parsed.string("file")
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        guard !valueGiven else {
            throw CLIError("the secret value is never taken from the command line (it would stay in shell history and show in ps); "
                               + "nothing was stored, and the argument is not shown",
                           hint: "pipe it in (stackctl secret put --env ENV STACK/SECRET < value.txt), or pass --file FILE",
                           status: .usage)
        }
        let run = try SynthesisRun.synthesize(context, environment: env ?? context.estate.defaultEnvironment)
        let entry = try SecretCatalog(run.result).entry(secret)
        let value = try SecretInput.read(file: file, stdin: context.stdin,
                                         cwd: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))

        let settings = run.result.settings
        let awsContext = try AWSSession.context(for: settings, context)
        AWSCommandRun.noteShellRegion(settings, context)
        let stored = try AWSCommandRun.run(context) { (io: DeployIO) async throws -> SecretsManagerClient.PutResult in
            try await AccountCheck(sts: STSClient(context: awsContext), environment: settings.environment, account: settings.account)
                .verify(io: io)
            do {
                return try await SecretsManagerClient(context: awsContext).putSecretValue(secretId: entry.name, value: value)
            } catch let error as AWSError where error.code == "ResourceNotFoundException" {
                throw DeployError(.failed, "the secret \(entry.name) (\(entry.path)) does not exist in \(settings.environment); nothing was stored",
                                  hint: "deploy its stack first: stackctl deploy --env \(settings.environment) \(entry.stack)")
            }
        }
        context.stdout("stored a new value in \(entry.path) (\(entry.name)): version \(stored.versionId) is now AWSCURRENT")
        return .success
    }
}
