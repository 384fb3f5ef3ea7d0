import Contracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents
import LambdaRuntime

/// tick-processor's settings, read from its environment contract at init. A threshold that is
/// not a positive number is an init error: running with it would alert on nothing or everything.
public struct TickProcessorConfig: Sendable, Equatable {
    public let bucket: String
    /// Ends with `/` (added when the stack gave `processed`).
    public let processedPrefix: String
    public let alertTopicArn: String
    public let alertThreshold: Decimal

    public init(environment: [String: String]) throws {
        let env = try EnvironmentContract<TickProcessorEnv>(environment)
        bucket = env[.bucket]
        let prefix = env[.processedPrefix]
        processedPrefix = prefix.hasSuffix("/") ? prefix : prefix + "/"
        alertTopicArn = env[.alertTopicArn]
        let text = env[.alertThreshold]
        guard let threshold = LenientDecimal.parse(text), threshold > 0 else {
            throw ConfigurationError.invalid(name: TickProcessorEnv.alertThreshold.rawValue, value: text,
                                             reason: "not a positive number")
        }
        alertThreshold = threshold
    }
}
