/// What constructs need to know about the environment they are synthesized for: names, account,
/// region and the safety switches that decide their defaults.
public struct StackSettings: Sendable, Hashable {
    public var environment: String
    public var account: String
    public var region: String
    /// Prefix for physical names and stack names (`mkt-dev`).
    public var namePrefix: String
    /// Stateful resources get `DeletionPolicy`/`UpdateReplacePolicy: Retain`.
    public var retainData: Bool
    public var pointInTimeRecovery: Bool
    public var terminationProtection: Bool
    public var logRetentionDays: Int
    public var tags: [String: String]
    /// An emulator's endpoint for every service (the `local` environment); nil for real AWS.
    /// Not seen by constructs: only deploy, diff and invoke use it.
    public var endpoint: String?

    public init(
        environment: String, account: String, region: String, namePrefix: String, retainData: Bool = false,
        pointInTimeRecovery: Bool = false, terminationProtection: Bool = false, logRetentionDays: Int = 30,
        tags: [String: String] = [:], endpoint: String? = nil
    ) {
        self.environment = environment
        self.account = account
        self.region = region
        self.namePrefix = namePrefix
        self.retainData = retainData
        self.pointInTimeRecovery = pointInTimeRecovery
        self.terminationProtection = terminationProtection
        self.logRetentionDays = logRetentionDays
        self.tags = tags
        self.endpoint = endpoint
    }

    /// The deployed stack's name: `<namePrefix>-<StackName>`.
    public func physicalStackName(_ stack: String) -> String { "\(namePrefix)-\(stack)" }

    /// A physical name for a resource: `<namePrefix>-<kebab-case id>`.
    public func physicalName(_ id: String, separator: String = "-") -> String {
        namePrefix + separator + Naming.kebab(id, separator: separator)
    }
}

/// Name helpers shared by constructs.
public enum Naming {
    /// `RawData` → `raw-data`, `TrendAlerts` → `trend-alerts`, `SMA5` → `sma5`.
    public static func kebab(_ id: String, separator: String = "-") -> String {
        var out = ""
        var previousWasLowerOrDigit = false
        for ch in id {
            if ch.isUppercase {
                if previousWasLowerOrDigit { out += separator }
                out += ch.lowercased()
                previousWasLowerOrDigit = false
            } else if ch.isLetter || ch.isNumber {
                out.append(ch)
                previousWasLowerOrDigit = true
            } else {
                if !out.isEmpty && !out.hasSuffix(separator) { out += separator }
                previousWasLowerOrDigit = false
            }
        }
        return out
    }
}
