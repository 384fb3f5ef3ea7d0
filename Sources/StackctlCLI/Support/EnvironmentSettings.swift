import StackCore
import StackEnvironment

extension EnvironmentConfig {
    /// The subset of the environment constructs see. Here, where both modules are known: StackCore
    /// knows no environment file and StackEnvironment no construct.
    public var settings: StackSettings {
        StackSettings(
            environment: name, account: account, region: region, namePrefix: namePrefix, retainData: retainData,
            pointInTimeRecovery: pointInTimeRecovery, customerManagedKey: customerManagedKey, accessLogs: accessLogs,
            terminationProtection: terminationProtection,
            logRetentionDays: logRetentionDays, tags: tags, endpoint: endpoint)
    }
}
