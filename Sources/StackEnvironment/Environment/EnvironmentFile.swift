/// The keys of an environment file, decoded strictly; validated afterwards by ``Validation``.
struct EnvironmentFile<Config: Decodable>: Decodable {
    var account: String
    var region: String
    var namePrefix: String
    var retainData: Bool
    var pointInTimeRecovery: Bool
    var customerManagedKey: Bool
    var accessLogs: Bool
    var terminationProtection: Bool
    var logRetentionDays: Int
    var tags: [String: String]
    var endpoint: String?
    var parameters: ParameterSection
    var config: Config

    enum CodingKeys: String, CodingKey {
        case account, region, namePrefix, retainData, pointInTimeRecovery, customerManagedKey, accessLogs, terminationProtection,
             logRetentionDays, tags, endpoint, parameters, config
    }

    static var requiredKeys: [String] {
        Config.self == EmptyConfig.self ? ["account", "region", "namePrefix"]
                                        : ["account", "region", "namePrefix", "config"]
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        account = try container.decode(String.self, forKey: .account)
        region = try container.decode(String.self, forKey: .region)
        namePrefix = try container.decode(String.self, forKey: .namePrefix)
        retainData = try container.decodeIfPresent(Bool.self, forKey: .retainData) ?? false
        pointInTimeRecovery = try container.decodeIfPresent(Bool.self, forKey: .pointInTimeRecovery) ?? false
        customerManagedKey = try container.decodeIfPresent(Bool.self, forKey: .customerManagedKey) ?? false
        accessLogs = try container.decodeIfPresent(Bool.self, forKey: .accessLogs) ?? false
        terminationProtection = try container.decodeIfPresent(Bool.self, forKey: .terminationProtection) ?? false
        logRetentionDays = try container.decodeIfPresent(Int.self, forKey: .logRetentionDays) ?? 30
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags) ?? [:]
        endpoint = try container.decodeIfPresent(String.self, forKey: .endpoint)
        parameters = try container.decodeIfPresent(ParameterSection.self, forKey: .parameters) ?? ParameterSection()
        if !container.contains(.config), let empty = EmptyConfig() as? Config {
            config = empty
        } else {
            config = try container.decode(Config.self, forKey: .config)
        }
    }
}
