import Contracts
import LambdaRuntime

/// market-processing's settings, read from its environment contract at init.
public struct MarketProcessingConfig: Sendable, Equatable {
    public let rawBucket: String
    /// Ends with `/` (added when the stack gave `raw-data`).
    public let rawPrefix: String
    public let quotesTable: String

    public init(environment: [String: String]) throws {
        let env = try EnvironmentContract<MarketProcessingEnv>(environment)
        rawBucket = env[.rawBucket]
        let prefix = env[.rawPrefix]
        rawPrefix = prefix.hasSuffix("/") ? prefix : prefix + "/"
        quotesTable = env[.quotesTable]
    }
}

/// market-analysis's settings.
public struct MarketAnalysisConfig: Sendable, Equatable {
    public let quotesTable: String
    public let alertTopicArn: String

    public init(environment: [String: String]) throws {
        let env = try EnvironmentContract<MarketAnalysisEnv>(environment)
        quotesTable = env[.quotesTable]
        alertTopicArn = env[.alertTopicArn]
        guard alertTopicArn.hasPrefix("arn:") else {
            throw ConfigurationError.invalid(name: MarketAnalysisEnv.alertTopicArn.rawValue, value: alertTopicArn,
                                             reason: "not an SNS topic ARN")
        }
    }
}
