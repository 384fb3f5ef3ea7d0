#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Secrets Manager value calls (JSON 1.1 protocol, `X-Amz-Target: secretsmanager.<Operation>`).
///
/// A value is never part of an error or a description: `SecretValue` prints as `****`, and AWS's
/// error messages name the secret, not what was sent.
public struct SecretsManagerClient: Sendable {
    /// A secret's current value and which version it is.
    public struct SecretValue: Sendable, Equatable, CustomStringConvertible {
        public var arn: String
        public var name: String
        public var versionId: String
        public var string: String
        public var description: String { "\(name) version \(versionId): ****" }
    }

    /// What `PutSecretValue` made: the new version, now `AWSCURRENT`.
    public struct PutResult: Sendable, Equatable {
        public var arn: String
        public var name: String
        public var versionId: String
    }

    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    /// Stores `value` as the secret's new current version. `token` makes a retried call idempotent: AWS
    /// answers a repeated token with the version it already made (the SDKs fill it the same way).
    public func putSecretValue(secretId: String, value: String, token: String = UUID().uuidString.lowercased()) async throws -> PutResult {
        let response = try await call("PutSecretValue", [
            "SecretId": .string(secretId), "SecretString": .string(value), "ClientRequestToken": .string(token),
        ])
        guard let arn = response["ARN"]?.stringValue, let versionId = response["VersionId"]?.stringValue else {
            throw MalformedResponse(detail: "PutSecretValue: no ARN or VersionId")
        }
        return PutResult(arn: arn, name: response["Name"]?.stringValue ?? secretId, versionId: versionId)
    }

    /// The current value (`AWSCURRENT`) of a secret given by name or ARN.
    public func getSecretValue(secretId: String) async throws -> SecretValue {
        let response = try await call("GetSecretValue", ["SecretId": .string(secretId)])
        guard let arn = response["ARN"]?.stringValue, let versionId = response["VersionId"]?.stringValue,
              let string = response["SecretString"]?.stringValue else {
            throw MalformedResponse(detail: "GetSecretValue: no ARN, VersionId or SecretString")
        }
        return SecretValue(arn: arn, name: response["Name"]?.stringValue ?? secretId, versionId: versionId, string: string)
    }

    private func call(_ operation: String, _ body: [String: JSONValue]) async throws -> JSONValue {
        try await context.jsonCall(context.endpoint(serviceId: "Secrets Manager", hostPrefix: "secretsmanager"), signingName: "secretsmanager",
                                   target: "secretsmanager.\(operation)", jsonVersion: "1.1", body: .object(body))
    }
}
