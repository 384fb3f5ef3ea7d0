import AWSClient
import Foundation

/// Before anything else: are these credentials for the environment's account? A prod deploy must never
/// land in another account because of a stray profile.
public struct AccountCheck: Sendable {
    public var sts: STSClient
    public var environment: String
    public var account: String

    public init(sts: STSClient, environment: String, account: String) {
        self.sts = sts
        self.environment = environment
        self.account = account
    }

    /// Says who deploys where; throws a refusal on a mismatch.
    public func verify(io: DeployIO) async throws {
        let identity: STSClient.CallerIdentity
        do {
            identity = try await sts.getCallerIdentity()
        } catch let error as AWSError where error.isCredentialProblem {
            throw Self.refusedCredentials(error, account: account)
        }
        guard identity.account == account else {
            throw DeployError(.refused, "the credentials belong to account \(identity.account) (\(identity.arn)), "
                                  + "but the \(environment) environment is account \(account); nothing was changed",
                              hint: "use credentials for account \(account) (AWS_PROFILE), or check `account:` in environments/\(environment).yaml")
        }
        io.out("\(environment): account \(account), region \(sts.context.region) (as \(identity.arn))")
    }

    /// AWS refused the credentials as such (STS first, or any later call once they expire): what
    /// happened, and where credentials are looked for. The error carries only code and message, never a secret.
    public static func refusedCredentials(_ error: AWSError, account: String?) -> DeployError {
        let expired = error.code.hasPrefix("Expired") || error.code == "RequestExpired"
        let forAccount = account.map { " for account \($0)" } ?? ""
        return DeployError(.credentials, expired
                               ? "the AWS credentials have expired (\(error.code)); nothing was changed"
                               : "AWS refused the credentials (\(error.code)\(error.message.map { ": \($0)" } ?? "")); nothing was changed",
                           hint: (expired
                               ? "refresh them (`aws sso login`, or a new session token) and run the command again; "
                               : "use valid credentials\(forAccount); ")
                               + "stackctl reads \(CredentialChain.lookupSummary)")
    }
}
