/// What constructs need to know about the environment they are synthesized for: names, account,
/// region and the safety switches that decide their defaults.
public struct StackSettings: Sendable, Hashable, Encodable {
    public var environment: String
    public var account: String
    public var region: String
    /// Prefix for physical names and stack names (`mkt-dev`).
    public var namePrefix: String
    /// Stateful resources get `DeletionPolicy`/`UpdateReplacePolicy: Retain`.
    public var retainData: Bool
    public var pointInTimeRecovery: Bool
    /// Data is encrypted with a customer managed KMS key of each stack (`DataKey`), not AWS managed keys.
    public var customerManagedKey: Bool
    /// Buckets log their access to a log bucket of their stack (`AccessLogs`).
    public var accessLogs: Bool
    public var terminationProtection: Bool
    public var logRetentionDays: Int
    public var tags: [String: String]
    /// An emulator's endpoint for every service (the `local` environment); nil for real AWS.
    /// Not seen by constructs: only deploy, diff and invoke use it.
    public var endpoint: String?

    public init(
        environment: String, account: String, region: String, namePrefix: String, retainData: Bool = false,
        pointInTimeRecovery: Bool = false, customerManagedKey: Bool = false, accessLogs: Bool = false,
        terminationProtection: Bool = false, logRetentionDays: Int = 30,
        tags: [String: String] = [:], endpoint: String? = nil
    ) {
        self.environment = environment
        self.account = account
        self.region = region
        self.namePrefix = namePrefix
        self.retainData = retainData
        self.pointInTimeRecovery = pointInTimeRecovery
        self.customerManagedKey = customerManagedKey
        self.accessLogs = accessLogs
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
        // Construct ids are ASCII in practice: bytes, not Characters (Unicode property lookups
        // showed in the synthesis profile). Anything else takes the general path.
        guard id.utf8.allSatisfy({ $0 < 0x80 }) else { return kebabUnicode(id, separator: separator) }
        var out: [UInt8] = []
        out.reserveCapacity(id.utf8.count + 4)
        let sep = Array(separator.utf8)
        var previousWasLowerOrDigit = false
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if previousWasLowerOrDigit { out += sep }
                out.append(byte + 32)
                previousWasLowerOrDigit = false
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
                previousWasLowerOrDigit = true
            default:
                if !out.isEmpty && !out.ends(with: sep) { out += sep }
                previousWasLowerOrDigit = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func kebabUnicode(_ id: String, separator: String) -> String {
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

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
