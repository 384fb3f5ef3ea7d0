import CommandLineArguments
import Foundation
import StackCore
import StackDeploy

struct BootstrapCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "bootstrap",
        abstract: "Create or update stackctl's staging stack (the asset bucket) in the environment's account and region.",
        discussion: """
            The stack \(BootstrapStack.stackName) holds one bucket, stackctl-assets-ACCOUNT-REGION: versioned, encrypted \
            (SSE-S3), public access blocked, TLS-only bucket policy, old versions expire after \
            \(BootstrapStack.noncurrentVersionDays) days, retained when the stack is deleted. Run it once per account and \
            region before the first deploy; running it again updates the stack or reports no changes. Exit codes as \
            for deploy.
            """,
        parameters: [
            EstateOptions.env,
            .option("require-approval", help: "When to ask before executing (default never: the template is stackctl's own).",
                    values: ApprovalLevel.self, default: .never),
        ])

    var env: String?
    var requireApproval: ApprovalLevel

    init(_ parsed: ParsedArguments) throws(UsageError) {
        env = parsed.string("env")
        requireApproval = try parsed.value("require-approval") ?? .never
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        let (settings, _, _) = try SynthesisRun.loadEnvironment(context, env ?? context.estate.defaultEnvironment)
        let awsContext = try AWSSession.context(for: settings, context)
        AWSCommandRun.noteShellRegion(settings, context)
        let options = DeployOptions(approval: requireApproval), makeToken = context.deploy.makeToken
        let result = try AWSCommandRun.run(context) { (io: DeployIO) async throws -> StackDeployResult in
            try await Deployment(context: awsContext, environment: settings.environment, account: settings.account, io: io,
                                 options: options, makeToken: makeToken).bootstrap()
        }
        context.stdout("bootstrap of \(settings.environment) (\(settings.account), \(settings.region)): \(result.change.rawValue)")
        return .success
    }
}
