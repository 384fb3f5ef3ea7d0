import Foundation
import Yams

/// Value checks that the types cannot express; each error points at the offending key or value.
struct Validation {
    let file: String
    let root: Node

    func check<C>(_ env: EnvironmentFile<C>) -> [ConfigError] {
        var errors: [ConfigError] = []
        func fail(_ key: String, _ code: ConfigErrorCode, _ message: String, _ hint: String) {
            errors.append(error(at: root.descendant([key]), path: [NameKey(key)], code, message, hint))
        }

        if env.account.count != 12 || !env.account.allSatisfy({ ("0"..."9").contains($0) }) {
            fail("account", .invalidAccount, "an AWS account ID is exactly 12 digits, found `\(env.account)`",
                 "write the 12-digit ID in quotes, e.g. account: \"123456789012\"")
        }
        if !Self.isRegion(env.region) {
            fail("region", .invalidRegion, "`\(env.region)` is not an AWS region name",
                 "write a region such as us-east-2, eu-west-1 or us-gov-west-1")
        }
        if let problem = Self.namePrefixProblem(env.namePrefix) {
            fail("namePrefix", .invalidNamePrefix, "`\(env.namePrefix)` \(problem)",
                 "use 3 to 20 lowercase letters, digits and single hyphens, starting with a letter, e.g. mkt-dev")
        }
        let retention = EnvironmentConfig<EmptyConfig>.allowedLogRetentionDays
        if !retention.contains(env.logRetentionDays) {
            let below = retention.last { $0 < env.logRetentionDays }
            let above = retention.first { $0 > env.logRetentionDays }
            let nearest = [below, above].compactMap { $0 }.map(String.init).joined(separator: " or ")
            fail("logRetentionDays", .invalidLogRetention,
                 "CloudWatch Logs cannot keep logs for \(env.logRetentionDays) days",
                 "the nearest allowed values are \(nearest); allowed: "
                     + retention.map(String.init).joined(separator: ", "))
        }
        errors += checkTags(env.tags)
        if let endpoint = env.endpoint, let problem = Self.endpointProblem(endpoint) {
            fail("endpoint", .invalidEndpoint, "`\(endpoint)` \(problem)",
                 "write the emulator's base URL, e.g. http://localhost:4566")
        }
        return errors
    }

    private func checkTags(_ tags: [String: String]) -> [ConfigError] {
        var errors: [ConfigError] = []
        // CloudFormation takes 50 tags per stack; deploy adds its own `stackctl:environment` marker.
        let maxTags = 49
        if tags.count > maxTags {
            errors.append(error(at: root.descendant(["tags"]), path: [NameKey("tags")], .invalidTag,
                                "\(tags.count) tags, CloudFormation accepts at most 50 per stack and stackctl adds one (stackctl:environment)",
                                "remove \(tags.count - maxTags) of them"))
        }
        for (key, value) in tags {
            let keyNode = root.keyNode(key, under: ["tags"])
            let path: [any CodingKey] = [NameKey("tags"), NameKey(key)]
            if key.isEmpty || key.count > 128 {
                errors.append(error(at: keyNode, path: path, .invalidTag,
                                    "a tag key has 1 to 128 characters, this one has \(key.count)",
                                    "shorten the tag key"))
            } else if key.lowercased().hasPrefix("aws:") {
                errors.append(error(at: keyNode, path: path, .invalidTag,
                                    "tag key `\(key)` uses the prefix `aws:`, which AWS reserves",
                                    "choose a key without the aws: prefix, e.g. `\(key.dropFirst(4))`"))
            } else if key.lowercased().hasPrefix("stackctl:") {
                errors.append(error(at: keyNode, path: path, .invalidTag,
                                    "tag key `\(key)` uses the prefix `stackctl:`, which stackctl reserves for its own marker",
                                    "choose a key without the stackctl: prefix, e.g. `\(key.dropFirst(9))`"))
            } else if let bad = key.unicodeScalars.first(where: { !Self.isTagCharacter($0) }) {
                errors.append(error(at: keyNode, path: path, .invalidTag,
                                    "tag key `\(key)` contains `\(bad)`",
                                    "tag keys and values may use letters, digits, spaces and _ . : / = + - @"))
            }
            let valueNode = root.descendant(["tags", key])
            if value.count > 256 {
                errors.append(error(at: valueNode, path: path, .invalidTag,
                                    "a tag value has at most 256 characters, this one has \(value.count)",
                                    "shorten the tag value"))
            } else if let bad = value.unicodeScalars.first(where: { !Self.isTagCharacter($0) }) {
                errors.append(error(at: valueNode, path: path, .invalidTag,
                                    "tag value `\(value)` contains `\(bad)`",
                                    "tag keys and values may use letters, digits, spaces and _ . : / = + - @"))
            }
        }
        return errors
    }

    private func error(at node: Node?, path: [any CodingKey], _ code: ConfigErrorCode, _ message: String,
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
