/// The S3 key prefixes of a delivery stream: `quotes/dt=!{timestamp:yyyy-MM-dd}/` is Hive style, so a
/// crawler and Athena read `dt` as a partition without dynamic partitioning.
enum DeliveryPrefix {
    struct Problem { var message: String; var hint: String }

    /// The part before the first `!{...}` expression: what the role's object ARNs are scoped to.
    static func staticPart(_ prefix: String) -> String {
        guard let range = prefix.range(of: "!{") else { return prefix }
        return String(prefix[..<range.lowerBound])
    }

    /// The static part up to its last '/': the folder a crawler of the data would crawl (`quotes/`).
    static func folder(_ prefix: String) -> String {
        let fixed = staticPart(prefix)
        guard let slash = fixed.lastIndex(of: "/") else { return "" }
        return String(fixed[...slash])
    }

    /// The namespaces of the `!{namespace:...}` expressions in a prefix, in order (nil when one is unterminated).
    static func expressions(_ prefix: String) -> [String]? {
        var result: [String] = []
        var rest = Substring(prefix)
        while let start = rest.range(of: "!{") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { return nil }
            result.append(String(rest[start.upperBound..<end]))
            rest = rest[rest.index(after: end)...]
        }
        return result
    }

    static let timestamp = "timestamp:"
    static let errorOutputType = "firehose:error-output-type"
    static let randomString = "firehose:random-string"
    static let queryKey = "partitionKeyFromQuery:"

    /// Shape problems of a prefix (empty, leading '/', too long, an unknown or unterminated expression).
    static func problem(_ prefix: String, what: String, isError: Bool, dynamicKeys: Set<String>?) -> Problem? {
        let example = isError ? "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/" : "quotes/dt=!{timestamp:yyyy-MM-dd}/"
        if prefix.isEmpty { return Problem(message: "the \(what) is empty", hint: "write e.g. \"\(example)\"") }
        if prefix.hasPrefix("/") || prefix.hasPrefix("s3://") {
            return Problem(message: "the \(what) '\(prefix)' must be a key prefix, without '/' or s3:// in front",
                           hint: "write e.g. \"\(example)\"")
        }
        if prefix.utf8.count > 1024 {
            return Problem(message: "the \(what) is \(prefix.utf8.count) characters; Firehose allows 1024", hint: "shorten it")
        }
        guard let expressions = expressions(prefix) else {
            return Problem(message: "the \(what) '\(prefix)' has an unterminated '!{' expression", hint: "close it with '}'")
        }
        for expression in expressions {
            let allowed = expression.hasPrefix(timestamp) || expression == randomString
                || (isError && expression == errorOutputType)
                || (!isError && expression.hasPrefix(queryKey) && dynamicKeys != nil)
            if !allowed {
                let keyHint = expression.hasPrefix(queryKey)
                    ? "partition keys need dynamicPartitioning: DynamicPartitioning(keys: [...])"
                    : "use !{timestamp:yyyy-MM-dd}, !{firehose:random-string}"
                        + (isError ? " or !{firehose:error-output-type}" : "")
                return Problem(message: "the \(what) uses '!{\(expression)}', which Firehose does not accept there", hint: keyHint)
            }
            if expression.hasPrefix(queryKey), let dynamicKeys, !dynamicKeys.contains(String(expression.dropFirst(queryKey.count))) {
                return Problem(message: "the \(what) uses partition key '\(expression.dropFirst(queryKey.count))', which no query extracts",
                               hint: "extract it: dynamicPartitioning: DynamicPartitioning(keys: [\"\(expression.dropFirst(queryKey.count))\": \".field\"])")
            }
        }
        return nil
    }
}
