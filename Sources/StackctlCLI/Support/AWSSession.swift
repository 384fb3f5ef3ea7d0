import AWSClient
import Foundation
import StackCore

/// The AWS context commands use for an environment.
///
/// The region is the environment file's, never the shell's: a prod deploy must not follow a stray
/// `AWS_REGION`. Endpoints: `AWS_ENDPOINT_URL*` from the process environment win (the SDK convention),
/// then the environment file's `endpoint:` (an emulator), then the public AWS endpoints.
/// Against an emulator endpoint with no credentials configured, moto's test credentials are used;
/// against AWS, missing credentials are an error listing every place that was looked at.
enum AWSSession {
    static let emulatorCredentials = Credentials(accessKeyId: "testing", secretAccessKey: "testing", sessionToken: nil)

    static func context(for settings: StackSettings, _ cli: CLIContext) throws -> AWSContext {
        var environment = cli.environment
        if let endpoint = settings.endpoint, environment["AWS_ENDPOINT_URL"]?.isEmpty ?? true {
            environment["AWS_ENDPOINT_URL"] = endpoint
        }
        let chain = CredentialChain(environment: environment, homeDirectory: cli.homeDirectory)
        let credentials: Credentials
        do {
            credentials = try chain.resolve()
        } catch let error as CredentialError {
            guard settings.endpoint != nil else {
                throw CLIError("no AWS credentials for the \(settings.environment) environment; tried:\n"
                                   + error.tried.map { "  - \($0)" }.joined(separator: "\n"),
                               hint: "set AWS_PROFILE to a profile for account \(settings.account), or export "
                                   + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; stackctl reads \(chain.lookupDescription)",
                               status: .credentials)
            }
            credentials = emulatorCredentials
        }
        return AWSContext(credentials: credentials, region: settings.region,
                          endpoints: EndpointResolver(environment: environment), transport: cli.transport)
    }
}
