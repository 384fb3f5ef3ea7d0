import AWSClient
import Foundation

/// The producers' AWS context, resolved like the AWS CLI's: credentials from the environment or the shared
/// files (`AWS_PROFILE`), region from `AWS_REGION`/`AWS_DEFAULT_REGION`/the profile, `AWS_ENDPOINT_URL[_<SERVICE>]`
/// for an emulator. A missing piece ends the run with exit 1 and says what was looked at.
public enum ProducerAWS {
    public static func context(_ chain: CredentialChain = .process) throws -> AWSContext {
        do {
            return try AWSContext.resolve(chain)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ProducerExit(1)
        }
    }
}
