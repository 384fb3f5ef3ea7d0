import AWSClient
import Foundation
import StackCore
import StackDeploy

/// Runs the async part of an AWS command (deploy, destroy, bootstrap): Ctrl-C handling, the wait,
/// and one mapping from what went wrong to a message, a hint and an exit code.
enum AWSCommandRun {
    static func run<T>(_ context: CLIContext, _ work: @escaping @Sendable (DeployIO) async throws -> T) throws -> T {
        let handler = context.deploy.stop == nil ? InterruptHandler.install(stderr: context.stderr) : nil
        defer { handler?.uninstall() }
        let io = context.deploy.io(context, stop: context.deploy.stop ?? handler!.stop)
        do {
            return try AsyncBridge.run { try await work(io) }
        } catch {
            throw cliError(error)
        }
    }

    /// The environment file decides the region; a different one in the shell is ignored, and said so.
    static func noteShellRegion(_ settings: StackSettings, _ context: CLIContext) {
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let region = context.environment[name], !region.isEmpty, region != settings.region {
                context.stderr("note: \(name)=\(region) is ignored: the \(settings.environment) environment is in \(settings.region) "
                               + "(environments/\(settings.environment).yaml)")
                return
            }
        }
    }

    static func cliError(_ error: any Error) -> any Error {
        switch error {
        case let error as DeployError:
            let status: ExitStatus = switch error.kind {
            case .failed: .operationFailed
            case .credentials: .credentials
            case .refused: .refused
            case .interrupted: .interrupted
            }
            return CLIError(error.message, hint: error.hint, status: status)
        case let error as AWSError where error.isCredentialProblem:
            // Past the account check: the credentials expired (or were revoked) while the command ran.
            return CLIError("AWS refused the credentials partway (\(error.code)\(error.message.map { ": \($0)" } ?? "")); "
                                + "what completed before stays as it is",
                            hint: "refresh the credentials and run the command again; stackctl reads \(CredentialChain.lookupSummary)",
                            status: .credentials)
        case let error as AWSError where error.isNotFromAWS:
            return CLIError("the endpoint answered \(error)",
                            hint: "not an AWS error: a proxy in between or the emulator failed on this call (moto answers "
                                + "resources it cannot handle with an HTML 500; its log says which); fix the cause and run the command again",
                            status: .operationFailed)
        case let error as AWSError:
            return CLIError("AWS answered \(error)", hint: error.isThrottling
                                ? "AWS kept throttling after retries; wait a minute and run the command again"
                                : "nothing further was attempted; run the command again once the cause is fixed",
                            status: .operationFailed)
        case let error as TransportError:
            return CLIError("cannot reach AWS: \(error.message) (\(error.endpoint))",
                            hint: "check the network, or the environment's endpoint / AWS_ENDPOINT_URL", status: .operationFailed)
        case let error as MalformedResponse:
            return CLIError("\(error)", hint: "the endpoint did not answer like AWS; check AWS_ENDPOINT_URL", status: .operationFailed)
        default:
            return error
        }
    }
}
