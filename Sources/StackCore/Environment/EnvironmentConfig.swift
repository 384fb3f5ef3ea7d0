import Foundation
import Yams

/// One environment (`environments/NAME.yaml`): where and how an estate is deployed.
///
/// ```yaml
/// account: "123456789012"      # required, 12 digits, quoted
/// region: us-east-2            # required
/// namePrefix: mkt-dev          # required, prefix of physical names
/// retainData: true             # default false
/// pointInTimeRecovery: true    # default false
/// terminationProtection: true  # default false
/// logRetentionDays: 90         # default 30
/// tags: { team: markets }      # default {}
/// endpoint: http://localhost:4566   # default none; an emulator for the local environment
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
    public var terminationProtection: Bool
    /// One of ``EnvironmentConfig/allowedLogRetentionDays``.
    public var logRetentionDays: Int
    /// Tags for every stack; keys 1...128 characters not starting with `aws:`, values up to 256.
    public var tags: [String: String]
    /// An emulator URL (`http(s)://host:port`) for the `local` environment.
    public var endpoint: String?
    /// The estate's own typed settings, under the key `config:`.
    public var config: Config

    public init(name: String, account: String, region: String, namePrefix: String,
                retainData: Bool = false, pointInTimeRecovery: Bool = false,
                terminationProtection: Bool = false, logRetentionDays: Int = 30,
                tags: [String: String] = [:], endpoint: String? = nil, config: Config) {
        self.name = name
        self.account = account
        self.region = region
        self.namePrefix = namePrefix
        self.retainData = retainData
        self.pointInTimeRecovery = pointInTimeRecovery
        self.terminationProtection = terminationProtection
        self.logRetentionDays = logRetentionDays
        self.tags = tags
        self.endpoint = endpoint
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

/// Finds, reads and validates environment files.
public enum EnvironmentLoader {
    /// Reads and validates `directory/NAME.yaml`. Throws ``ConfigError`` (or ``ConfigErrors`` for
    /// several problems); a missing file lists the environments that exist.
    public static func load<C>(_ configType: C.Type, name: String, directory: URL) throws -> EnvironmentConfig<C> {
        let url = directory.appendingPathComponent("\(name).yaml")
        let file = url.relativePath
        try validateName(name, file: file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw notFound(name: name, file: file, directory: directory)
        }
        let text: String
        do {
            let data = try Data(contentsOf: url)
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: "unreadable-file",
                                  message: "the file is not valid UTF-8 text",
                                  hint: "save the environment file as UTF-8")
            }
            text = decoded
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: "unreadable-file",
                              message: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(configType, name: name, yaml: text, file: file)
    }

    /// Parses and validates environment `name` from `yaml`; `file` is used in errors only.
    public static func parse<C>(_ configType: C.Type, name: String, yaml: String,
                                file: String) throws -> EnvironmentConfig<C> {
        try validateName(name, file: file)
        guard let root = try StrictYAMLDecoder.compose(yaml, file: file) else {
            throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: "empty-file",
                              message: "the environment file is empty",
                              hint: "required keys: \(EnvironmentFile<C>.requiredKeys.joined(separator: ", "))")
        }
        let decoded: EnvironmentFile<C>
        do {
            decoded = try StrictYAMLDecoder().decode(EnvironmentFile<C>.self, from: root, file: file)
        } catch {
            let errors = ConfigError.all(in: error)
            guard !errors.isEmpty else { throw error }
            try ConfigError.throwIfAny(errors.map(explainNameKey))
            throw error
        }
        try ConfigError.throwIfAny(Validation(file: file, root: root).check(decoded))
        return EnvironmentConfig(
            name: name, account: decoded.account, region: decoded.region, namePrefix: decoded.namePrefix,
            retainData: decoded.retainData, pointInTimeRecovery: decoded.pointInTimeRecovery,
            terminationProtection: decoded.terminationProtection, logRetentionDays: decoded.logRetentionDays,
            tags: decoded.tags, endpoint: decoded.endpoint, config: decoded.config)
    }

    /// The environments in `directory`: the names of its `*.yaml` files, sorted; `[]` when the folder
    /// cannot be read.
    public static func available(in directory: URL) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") && $0.count > ".yaml".count }
            .map { String($0.dropLast(".yaml".count)) }
            .sorted()
    }

    /// Environment names: a lowercase letter, then lowercase letters, digits and hyphens; at most 32.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, ("a"..."z").contains(first), name.count <= 32 else { return false }
        return name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func validateName(_ name: String, file: String) throws {
        guard isValidName(name) else {
            throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: "invalid-environment-name",
                              message: "`\(name)` is not a valid environment name",
                              hint: "use a lowercase letter followed by lowercase letters, digits and hyphens "
                                  + "(at most 32), e.g. dev, prod, load-test")
        }
    }

    static func notFound(name: String, file: String, directory: URL) -> ConfigError {
        let available = available(in: directory)
        var hint: String
        if available.isEmpty {
            hint = "there are no environment files (*.yaml) in \(directory.relativePath)"
        } else {
            hint = "available environments: \(available.joined(separator: ", "))"
            if let near = NameSuggestion.closest(to: name, in: available) {
                hint = "did you mean `\(near)`? " + hint
            }
        }
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).yml").path) {
            hint = "found \(name).yml: environment files end in .yaml; " + hint
        }
        return ConfigError(file: file, line: nil, column: nil, keyPath: "", code: "environment-not-found",
                           message: "no environment `\(name)`: the file does not exist", hint: hint)
    }

    /// `name:` is not a key: the name comes from the file name. Say so instead of "allowed keys: ...".
    static func explainNameKey(_ error: ConfigError) -> ConfigError {
        guard error.code == "unknown-key", error.keyPath == "name" else { return error }
        var explained = error
        explained.hint = "the environment name comes from the file name (dev.yaml → dev); remove this key"
        return explained
    }
}

// MARK: - File model

/// The keys of an environment file, decoded strictly; validated afterwards by ``Validation``.
struct EnvironmentFile<Config: Decodable>: Decodable {
    var account: String
    var region: String
    var namePrefix: String
    var retainData: Bool
    var pointInTimeRecovery: Bool
    var terminationProtection: Bool
    var logRetentionDays: Int
    var tags: [String: String]
    var endpoint: String?
    var config: Config

    enum CodingKeys: String, CodingKey {
        case account, region, namePrefix, retainData, pointInTimeRecovery, terminationProtection,
             logRetentionDays, tags, endpoint, config
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
        terminationProtection = try container.decodeIfPresent(Bool.self, forKey: .terminationProtection) ?? false
        logRetentionDays = try container.decodeIfPresent(Int.self, forKey: .logRetentionDays) ?? 30
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags) ?? [:]
        endpoint = try container.decodeIfPresent(String.self, forKey: .endpoint)
        if !container.contains(.config), let empty = EmptyConfig() as? Config {
            config = empty
        } else {
            config = try container.decode(Config.self, forKey: .config)
        }
    }
}

// MARK: - Validation

/// Value checks that the types cannot express; each error points at the offending key or value.
struct Validation {
    let file: String
    let root: Node

    func check<C>(_ env: EnvironmentFile<C>) -> [ConfigError] {
        var errors: [ConfigError] = []
        func fail(_ key: String, _ code: String, _ message: String, _ hint: String) {
            errors.append(error(at: root.descendant([key]), path: [NameKey(key)], code, message, hint))
        }

        if env.account.count != 12 || !env.account.allSatisfy({ ("0"..."9").contains($0) }) {
            fail("account", "invalid-account", "an AWS account ID is exactly 12 digits, found `\(env.account)`",
                 "write the 12-digit ID in quotes, e.g. account: \"123456789012\"")
        }
        if !Self.isRegion(env.region) {
            fail("region", "invalid-region", "`\(env.region)` is not an AWS region name",
                 "write a region such as us-east-2, eu-west-1 or us-gov-west-1")
        }
        if let problem = Self.namePrefixProblem(env.namePrefix) {
            fail("namePrefix", "invalid-name-prefix", "`\(env.namePrefix)` \(problem)",
                 "use 3 to 20 lowercase letters, digits and single hyphens, starting with a letter, e.g. mkt-dev")
        }
        let retention = EnvironmentConfig<EmptyConfig>.allowedLogRetentionDays
        if !retention.contains(env.logRetentionDays) {
            let below = retention.last { $0 < env.logRetentionDays }
            let above = retention.first { $0 > env.logRetentionDays }
            let nearest = [below, above].compactMap { $0 }.map(String.init).joined(separator: " or ")
            fail("logRetentionDays", "invalid-log-retention",
                 "CloudWatch Logs cannot keep logs for \(env.logRetentionDays) days",
                 "the nearest allowed values are \(nearest); allowed: "
                     + retention.map(String.init).joined(separator: ", "))
        }
        errors += checkTags(env.tags)
        if let endpoint = env.endpoint, let problem = Self.endpointProblem(endpoint) {
            fail("endpoint", "invalid-endpoint", "`\(endpoint)` \(problem)",
                 "write the emulator's base URL, e.g. http://localhost:4566")
        }
        return errors
    }

    private func checkTags(_ tags: [String: String]) -> [ConfigError] {
        var errors: [ConfigError] = []
        let maxTags = 50
        if tags.count > maxTags {
            errors.append(error(at: root.descendant(["tags"]), path: [NameKey("tags")], "invalid-tag",
                                "\(tags.count) tags, CloudFormation accepts at most \(maxTags) per stack",
                                "remove \(tags.count - maxTags) of them"))
        }
        for (key, value) in tags {
            let keyNode = root.keyNode(key, under: ["tags"])
            let path: [any CodingKey] = [NameKey("tags"), NameKey(key)]
            if key.isEmpty || key.count > 128 {
                errors.append(error(at: keyNode, path: path, "invalid-tag",
                                    "a tag key has 1 to 128 characters, this one has \(key.count)",
                                    "shorten the tag key"))
            } else if key.lowercased().hasPrefix("aws:") {
                errors.append(error(at: keyNode, path: path, "invalid-tag",
                                    "tag key `\(key)` uses the prefix `aws:`, which AWS reserves",
                                    "choose a key without the aws: prefix, e.g. `\(key.dropFirst(4))`"))
            } else if let bad = key.unicodeScalars.first(where: { !Self.isTagCharacter($0) }) {
                errors.append(error(at: keyNode, path: path, "invalid-tag",
                                    "tag key `\(key)` contains `\(bad)`",
                                    "tag keys and values may use letters, digits, spaces and _ . : / = + - @"))
            }
            let valueNode = root.descendant(["tags", key])
            if value.count > 256 {
                errors.append(error(at: valueNode, path: path, "invalid-tag",
                                    "a tag value has at most 256 characters, this one has \(value.count)",
                                    "shorten the tag value"))
            } else if let bad = value.unicodeScalars.first(where: { !Self.isTagCharacter($0) }) {
                errors.append(error(at: valueNode, path: path, "invalid-tag",
                                    "tag value `\(value)` contains `\(bad)`",
                                    "tag keys and values may use letters, digits, spaces and _ . : / = + - @"))
            }
        }
        return errors
    }

    private func error(at node: Node?, path: [any CodingKey], _ code: String, _ message: String,
                       _ hint: String) -> ConfigError {
        ConfigError(file: file, line: node?.mark?.line, column: node?.mark?.column,
                    keyPath: KeyPath.render(path), code: code, message: message, hint: hint)
    }

    /// `^[a-z]{2}(-gov)?-[a-z]+-\d$`
    static func isRegion(_ region: String) -> Bool {
        var parts = region.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 || (parts.count == 4 && parts[1] == "gov") else { return false }
        if parts.count == 4 { parts.remove(at: 1) }
        func letters(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { ("a"..."z").contains($0) } }
        return parts[0].count == 2 && letters(parts[0]) && letters(parts[1])
            && parts[2].count == 1 && ("0"..."9").contains(parts[2].first!)
    }

    static func namePrefixProblem(_ prefix: String) -> String? {
        if prefix.count < 3 || prefix.count > 20 { return "has \(prefix.count) characters, a name prefix has 3 to 20" }
        if let bad = prefix.first(where: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-") }) {
            return "contains `\(bad)`; a name prefix has only lowercase letters, digits and hyphens"
        }
        if !("a"..."z").contains(prefix.first!) { return "does not start with a lowercase letter" }
        if prefix.hasSuffix("-") || prefix.contains("--") {
            return "ends with a hyphen or has two in a row; physical names append `-<name>` to the prefix"
        }
        return nil
    }

    static func endpointProblem(_ endpoint: String) -> String? {
        guard let components = URLComponents(string: endpoint),
              let scheme = components.scheme, scheme == "http" || scheme == "https" else {
            return "is not an http:// or https:// URL"
        }
        guard let host = components.host, !host.isEmpty else { return "has no host" }
        if components.user != nil || components.password != nil { return "must not contain credentials" }
        if !(components.path.isEmpty || components.path == "/") || components.query != nil || components.fragment != nil {
            return "must be a base URL without path, query or fragment"
        }
        return nil
    }

    /// AWS tag characters: `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
    static func isTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return "_.:/=+-@".unicodeScalars.contains(scalar)
        }
    }
}
