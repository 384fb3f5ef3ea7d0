/// An estate: every stack a team keeps, for one environment at a time. `stacks/Estate.swift`
/// declares one; the `stackctl` entry point hands it to the CLI.
public protocol Estate: Sendable {
    /// The estate's own settings, decoded strictly from the `config:` section of each environment file.
    associatedtype Config: Decodable & Sendable
    /// The environment used when `--env` is not given.
    static var defaultEnvironment: String { get }
    static func stacks(for environment: EnvironmentConfig<Config>) -> [any StackDefinition]
}

extension Estate {
    public static var defaultEnvironment: String { "dev" }
}

extension EnvironmentConfig {
    /// The subset of the environment constructs see.
    public var settings: StackSettings {
        StackSettings(
            environment: name, account: account, region: region, namePrefix: namePrefix, retainData: retainData,
            pointInTimeRecovery: pointInTimeRecovery, terminationProtection: terminationProtection,
            logRetentionDays: logRetentionDays, tags: tags, endpoint: endpoint)
    }
}
