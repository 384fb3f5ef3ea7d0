import ArgumentParser
import Foundation
import StackCore
import StackDeploy

struct BootstrapCommand: StackctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "bootstrap",
        abstract: "Create or update stackctl's staging stack (the asset bucket) in the environment's account and region.",
        discussion: """
            The stack \(BootstrapStack.stackName) holds one bucket, stackctl-assets-ACCOUNT-REGION: versioned, encrypted \
            (SSE-S3), public access blocked, TLS-only bucket policy, old versions expire after \
            \(BootstrapStack.noncurrentVersionDays) days, retained when the stack is deleted. Run it once per account and \
            region before the first deploy; running it again updates the stack or reports no changes. Exit codes as \
            for deploy.
            """)

    @Option(name: .long, help: "Environment: a file in environments/ without .yaml (default: the estate's default, usually dev).")
    var env: String?

    @Option(name: .long, help: "When to ask before executing (default never: the template is stackctl's own).")
    var requireApproval: ApprovalLevel = .never

    func run(_ context: CLIContext) throws -> ExitStatus {
        let (settings, _) = try SynthesisRun.loadEnvironment(context, env ?? context.estate.defaultEnvironment)
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
