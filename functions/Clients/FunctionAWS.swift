import AWSClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaRuntime

/// The one `AWSContext` of a function, built once per cold start from the Lambda environment:
/// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` (the execution role's
/// temporary credentials), `AWS_REGION` (or `AWS_DEFAULT_REGION`), and endpoint overrides from
/// `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` (a local emulator). No shared config files are
/// read: a Lambda has none, and a function must not pick up a developer's profile by accident.
public enum FunctionAWS {
    /// Missing credentials or region: reported to `init/error`, so the cold start fails visibly.
    public struct ConfigurationError: LambdaReportableError, CustomStringConvertible, Equatable {
        public var errorType: String { "Runtime.AWSConfiguration" }
        public let description: String
    }

    public static func context(environment: [String: String],
                               transport: any Transport = DefaultTransport()) throws -> AWSContext {
        guard let region = nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"]) else {
            throw ConfigurationError(description: "no AWS region: AWS_REGION (or AWS_DEFAULT_REGION) is not set")
        }
        guard let id = nonEmpty(environment["AWS_ACCESS_KEY_ID"]),
              let secret = nonEmpty(environment["AWS_SECRET_ACCESS_KEY"]) else {
            throw ConfigurationError(description:
                "no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set (Lambda sets them from the execution role)")
        }
        let credentials = Credentials(accessKeyId: id, secretAccessKey: secret,
                                      sessionToken: nonEmpty(environment["AWS_SESSION_TOKEN"]))
        return AWSContext(credentials: credentials, region: region,
                          endpoints: EndpointResolver(environment: environment), transport: transport)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
