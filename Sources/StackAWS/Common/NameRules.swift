import StackCore

/// Physical-name rules of the data services, as pure functions: each returns what is wrong with a
/// name (a phrase that completes "name 'x' …"), or nil when the name is valid. Constructs turn the
/// answer into a diagnostic with their own code and hint.
public enum NameRules {
    /// S3 general purpose bucket naming rules
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
    public static func bucketNameProblem(_ name: String) -> String? {
        if isPlainBucketName(name) { return nil }
        let count = name.count
        if count < 3 || count > 63 { return "must be 3 to 63 characters long (it has \(count))" }
        if let bad = name.first(where: { !(isLowerAlnum($0) || $0 == "-" || $0 == ".") }) {
            return "contains '\(bad)'; only lowercase letters, digits, hyphens and dots are allowed"
        }
        if !isLowerAlnum(name.first!) || !isLowerAlnum(name.last!) {
            return "must start and end with a lowercase letter or digit"
        }
        if name.contains("..") { return "must not contain two adjacent dots" }
        if name.contains(".-") || name.contains("-.") { return "must not contain a dot next to a hyphen" }
        if looksLikeIPv4(name) { return "must not be formatted as an IP address" }
        for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] where name.hasPrefix(prefix) {
            return "must not start with the reserved prefix '\(prefix)'"
        }
        for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] where name.hasSuffix(suffix) {
            return "must not end with the reserved suffix '\(suffix)'"
        }
        return nil
    }

    /// Kinesis data stream names: 1–128 characters of `[a-zA-Z0-9_.-]`.
    public static func streamNameProblem(_ name: String) -> String? {
        charactersProblem(name, length: 1...128, allowed: { isAlnum($0) || "_.-".contains($0) },
                          allowedDescription: "letters, digits, '_', '.' and '-'")
    }

    /// Firehose delivery stream names: 1–64 characters of `[a-zA-Z0-9_.-]`.
    public static func deliveryStreamNameProblem(_ name: String) -> String? {
        charactersProblem(name, length: 1...64, allowed: { isAlnum($0) || "_.-".contains($0) },
                          allowedDescription: "letters, digits, '_', '.' and '-'")
    }

    /// DynamoDB table names: 3–255 characters of `[a-zA-Z0-9_.-]`.
    public static func tableNameProblem(_ name: String) -> String? {
        charactersProblem(name, length: 3...255, allowed: { isAlnum($0) || "_.-".contains($0) },
                          allowedDescription: "letters, digits, '_', '.' and '-'")
    }

    /// SQS queue names: 1–80 characters of `[A-Za-z0-9_-]`, the `.fifo` suffix included, which a
    /// FIFO queue must have and a standard queue must not.
    public static func queueNameProblem(_ name: String, fifo: Bool) -> String? {
        fifoNameProblem(name, fifo: fifo, maxLength: 80, kind: "queue")
    }

    /// SNS topic names: 1–256 characters of `[A-Za-z0-9_-]`, the `.fifo` suffix included, which a
    /// FIFO topic must have and a standard topic must not.
    public static func topicNameProblem(_ name: String, fifo: Bool) -> String? {
        fifoNameProblem(name, fifo: fifo, maxLength: 256, kind: "topic")
    }

    /// Secrets Manager secret names: 1–512 characters of ASCII letters, digits and `/_+=.@-`
    /// (CreateSecret API reference, Name).
    public static func secretNameProblem(_ name: String) -> String? {
        charactersProblem(name, length: 1...512, allowed: { isAlnum($0) || "/_+=.@-".contains($0) },
                          allowedDescription: "letters, digits and '/', '_', '+', '=', '.', '@', '-'")
    }

    /// The six characters after a secret name's last hyphen, when that is how the name ends: Secrets
    /// Manager's user guide says not to, as ARNs end in '-' and six random characters.
    public static func secretSuffixLookingLikeARNSuffix(_ name: String) -> String? {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count > 1, let last = parts.last, last.count == 6 else { return nil }
        return String(last)
    }

    /// A plausible e-mail address: one '@', a non-empty local part, a dotted domain, no spaces.
    public static func emailProblem(_ address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return "is not an e-mail address (expected name@domain)" }
        let domain = parts[1]
        if address.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" }) {
            return "is not an e-mail address (it contains spaces or separators)"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 || labels.contains(where: \.isEmpty) {
            return "is not an e-mail address (the domain '\(domain)' needs a dot, like example.com)"
        }
        return nil
    }

    // MARK: Helpers

    /// The common case on bytes: `length` ASCII letters, digits and `extra` characters. Anything else
    /// takes the callers' slow path, which explains the problem.
    static func isPlainName(_ name: String, length: ClosedRange<Int>, extra: [UInt8]) -> Bool {
        let bytes = name.utf8
        guard length.contains(bytes.count) else { return false }
        return bytes.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || extra.contains(b)
        }
    }

    static func charactersProblem(
        _ name: String, length: ClosedRange<Int>, allowed: (Character) -> Bool, allowedDescription: String
    ) -> String? {
        if !length.contains(name.count) {
            return "must be \(length.lowerBound) to \(length.upperBound) characters long (it has \(name.count))"
        }
        if let bad = name.first(where: { !allowed($0) }) {
            return "contains '\(bad)'; only \(allowedDescription) are allowed"
        }
        return nil
    }

    static func fifoNameProblem(_ name: String, fifo: Bool, maxLength: Int, kind: String) -> String? {
        if !fifo, isPlainName(name, length: 1...maxLength, extra: [UInt8(ascii: "_"), UInt8(ascii: "-")]) { return nil }
        let hasSuffix = name.hasSuffix(".fifo")
        if fifo && !hasSuffix { return "must end with '.fifo' for a FIFO \(kind)" }
        if !fifo && hasSuffix { return "ends with '.fifo' but the \(kind) is not FIFO (pass fifo: true)" }
        if name.count > maxLength || name.count < (fifo ? 6 : 1) {
            return "must be 1 to \(maxLength) characters long\(fifo ? " including '.fifo'" : "") (it has \(name.count))"
        }
        let base = fifo ? name.dropLast(5) : Substring(name)
        if let bad = base.first(where: { !(isAlnum($0) || $0 == "_" || $0 == "-") }) {
            return "contains '\(bad)'; only letters, digits, '_' and '-' are allowed\(fifo ? " before '.fifo'" : "")"
        }
        return nil
    }

    /// The common case, checked on bytes: lowercase letters, digits and single hyphens, starting with a
    /// letter, ending with a letter or digit, 3–63 long, no reserved prefix or suffix. Anything else
    /// takes the slow path, which explains the problem.
    static func isPlainBucketName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") else { return false }
        let isLowerOrDigit = { (b: UInt8) in (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) }
        guard isLowerOrDigit(last) else { return false }
        var previous: UInt8 = 0
        for b in bytes {
            guard isLowerOrDigit(b) || (b == UInt8(ascii: "-") && previous != UInt8(ascii: "-")) else { return false }
            previous = b
        }
        return !name.hasPrefix("xn--") && !name.hasPrefix("sthree-") && !name.hasPrefix("amzn-s3-demo-")
            && !name.hasSuffix("-s3alias")
    }

    static func isLowerAlnum(_ c: Character) -> Bool {
        c.isASCII && (c.isLowercase || c.isNumber)
    }

    static func isAlnum(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber)
    }

    static func looksLikeIPv4(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
    }
}

extension Scope {
    /// Reports `code` when `problem` (from `NameRules`) is non-nil; returns whether the name was valid.
    @discardableResult
    func checkName(_ name: String, what: String, problem: String?, code: DiagnosticCode, hint: String) -> Bool {
        guard let problem else { return true }
        error(code, "\(what) '\(name)' \(problem)", hint: hint, property: "name")
        return false
    }
}

/// Resource-level `PascalCase` name from an id (for child resource names derived from other constructs).
enum ChildName {
    static func from(_ id: String) -> String { LogicalID.from(relativePath: id) }
}
