/// One environment (`environments/NAME.yaml`): where and how an estate is deployed.
///
/// ```yaml
/// account: "123456789012"      # required, 12 digits, quoted
/// region: us-east-2            # required
/// namePrefix: mkt-dev          # required, prefix of physical names
/// retainData: true             # default false
/// pointInTimeRecovery: true    # default false
/// customerManagedKey: true     # default false: a KMS key of the stack's own encrypts its data
/// accessLogs: true             # default false: buckets log their access to a log bucket
/// terminationProtection: true  # default false
/// logRetentionDays: 90         # default 30
/// tags: { team: markets }      # default {}
/// endpoint: http://localhost:4566   # default none; an emulator for the local environment
/// parameters:                  # default none: CloudFormation parameter values per stack
///   MarketStream: { AlertEmail: ops@example.com }
/// config:                      # required unless Config is EmptyConfig: the estate's own settings
///   alertEmail: ops@example.com
/// ```
public struct EnvironmentConfig<Config: Decodable & Sendable>: Sendable {
    /// From the file name (`dev.yaml` → `dev`), not a key in the file.
    public var name: String
    /// The AWS account ID: 12 digits, quoted in the file.
    public var account: String
    /// e.g. `us-east-2`.
    public var region: String
    /// Prefix for physical names, e.g. `mkt-dev`: 3...20 lowercase letters, digits and single hyphens,
    /// starting with a letter and not ending with a hyphen.
    public var namePrefix: String
    /// Stateful resources get `DeletionPolicy`/`UpdateReplacePolicy: Retain` (prod: true).
    public var retainData: Bool
    /// DynamoDB point-in-time recovery.
    public var pointInTimeRecovery: Bool
    /// Each stack's data (buckets, tables, streams, queues, topics, log groups, function environments)
    /// is encrypted with a customer managed KMS key of its own instead of AWS managed keys.
    public var customerManagedKey: Bool
    /// Buckets write S3 server access logs to a log bucket of their stack.
    public var accessLogs: Bool
    public var terminationProtection: Bool
    /// One of ``EnvironmentConfig/allowedLogRetentionDays``.
    public var logRetentionDays: Int
    /// Tags for every stack; keys 1...128 characters not starting with `aws:`, values up to 256.
    public var tags: [String: String]
    /// An emulator URL (`http(s)://host:port`) for the `local` environment.
    public var endpoint: String?
    /// CloudFormation parameter values per stack, checked against the stacks' declarations after
    /// synthesis (``ParameterCheck``).
    public var parameters: ParameterSection
    /// The estate's own typed settings, under the key `config:`.
    public var config: Config

    public init(name: String, account: String, region: String, namePrefix: String,
                retainData: Bool = false, pointInTimeRecovery: Bool = false,
                customerManagedKey: Bool = false, accessLogs: Bool = false, terminationProtection: Bool = false, logRetentionDays: Int = 30,
                tags: [String: String] = [:], endpoint: String? = nil, parameters: ParameterSection = ParameterSection(),
                config: Config) {
        self.name = name
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
        self.parameters = parameters
        self.config = config
    }

    /// The retention periods CloudWatch Logs accepts (`RetentionInDays`).
    public static var allowedLogRetentionDays: [Int] {
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]
    }
}

extension EnvironmentConfig: Equatable where Config: Equatable {}

/// The `config` of an estate that has no settings of its own: `config:` may be missing, empty
/// (`config:` or `config: {}`); any key in it is an unknown key.
public struct EmptyConfig: Decodable, Sendable, Equatable {
    public init() {}

    public init(from decoder: any Decoder) throws {
        if try decoder.singleValueContainer().decodeNil() { return }
        _ = try decoder.container(keyedBy: NoKeys.self)
    }

    private struct NoKeys: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}
