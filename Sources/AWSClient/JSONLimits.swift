/// Structural limits of a JSON document, checked in one pass over its bytes before a decoder sees them,
/// so that a hostile answer or event cannot exhaust memory or overflow the decoder's recursion. The pass
/// only counts (size, nesting, string and number lengths); the decoder still judges the grammar.
public struct JSONLimits: Sendable, Equatable {
    public var maxBytes: Int
    public var maxDepth: Int
    /// Bytes of one string as written (escapes included).
    public var maxStringBytes: Int
    /// Characters of one number: the services send anything long (DynamoDB `N`, sequence numbers) as strings.
    public var maxNumberBytes: Int

    public init(maxBytes: Int, maxDepth: Int, maxStringBytes: Int, maxNumberBytes: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.maxNumberBytes = maxNumberBytes
    }

    /// A JSON-protocol answer: Kinesis GetRecords, the largest we read, is at most 10 MB of data (base64:
    /// about 14 MB), one record at most 1 MB (base64: 1.4 MB).
    public static let awsAnswer = JSONLimits(maxBytes: 32 * 1024 * 1024, maxDepth: 64,
                                             maxStringBytes: 8 * 1024 * 1024, maxNumberBytes: 64)
    /// A Lambda event: the synchronous invocation payload limit is 6 MB.
    public static let lambdaEvent = JSONLimits(maxBytes: 6 * 1024 * 1024, maxDepth: 64,
                                               maxStringBytes: 6 * 1024 * 1024, maxNumberBytes: 64)

    /// The size alone, for a caller that has not read (or copied) the document yet.
    public func checkSize(_ count: Int) throws(JSONLimitError) {
        guard count <= maxBytes else {
            throw JSONLimitError(limit: "maxBytes", problem: "the document is \(count) bytes, more than \(maxBytes)",
                                 offset: 0, line: 1, column: 1)
        }
    }

    public func check(_ bytes: [UInt8]) throws(JSONLimitError) {
        try checkSize(bytes.count)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var depth = 0
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case quote:
                var end = i + 1
                while end < bytes.count, bytes[end] != quote { end += bytes[end] == backslash ? 2 : 1 }
                guard end - i - 1 <= maxStringBytes else {
                    throw error("maxStringBytes", "a string is longer than \(maxStringBytes) bytes", at: i, in: bytes)
                }
                i = end + 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                guard depth <= maxDepth else {
                    throw error("maxDepth", "arrays and objects nest deeper than \(maxDepth)", at: i, in: bytes)
                }
                i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                i += 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var end = i
                while end < bytes.count, Self.isNumberByte(bytes[end]) { end += 1 }
                guard end - i <= maxNumberBytes else {
                    throw error("maxNumberBytes", "a number is longer than \(maxNumberBytes) characters", at: i, in: bytes)
                }
                i = end
            default:
                i += 1
            }
        }
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    private func error(_ limit: String, _ problem: String, at offset: Int, in bytes: [UInt8]) -> JSONLimitError {
        var line = 1, column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return JSONLimitError(limit: limit, problem: problem, offset: offset, line: line, column: column)
    }
}

/// A JSON document crosses one of its `JSONLimits`: which, what and where.
public struct JSONLimitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `maxBytes`, `maxDepth`, `maxStringBytes` or `maxNumberBytes`.
    public var limit: String
    public var problem: String
    /// 0-based byte offset; line and column are 1-based.
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String {
        limit == "maxBytes" ? "\(problem) (limit \(limit))"
            : "line \(line), column \(column) (byte \(offset)): \(problem) (limit \(limit))"
    }
}
