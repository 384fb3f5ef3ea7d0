import Foundation
import StackAWS
import StackCore

/// The bundled estate: the market-stream and tick-alert pipelines.
public struct PipelineEstate: Estate {
    public static let defaultEnvironment = "dev"

    public static func stacks(settings: StackSettings, config: EstateConfig) -> [any StackDefinition] {
        [
            MarketStream(settings: settings, config: config.market),
            TickAlerts(settings: settings, config: config.ticks),
        ]
    }
}

/// The `config:` section of each file in `environments/`.
public struct EstateConfig: Decodable, Sendable {
    public var market: MarketStreamConfig
    public var ticks: TickAlertsConfig
}

public struct MarketStreamConfig: Codable, Sendable {
    /// Receives BUY/SELL alerts (confirm the subscription e-mail after the first deploy).
    public var alertEmail: String
    public var shards: Int?
    /// Concurrency reserved for each function (none when left out: an account with the default quota
    /// of 10 has none to reserve, since Lambda keeps 10 unreserved).
    public var processingConcurrency: Int?
    public var analysisConcurrency: Int?
}

public struct TickAlertsConfig: Codable, Sendable {
    public var alertEmail: String
    /// Price at or above which the processor publishes an alert.
    public var alertThreshold: Double
    /// Concurrency reserved for the processor (none when left out).
    public var processorConcurrency: Int?
}

extension StackSettings {
    /// Glue and Athena names take underscores, not hyphens.
    var catalogPrefix: String { String(namePrefix.map { $0 == "-" ? "_" : $0 }) }
}
