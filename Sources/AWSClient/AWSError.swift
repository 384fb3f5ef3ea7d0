#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TextBasics

/// An error response from an AWS service: the error code, message, HTTP status and request id.
///
/// Only those fields are kept. S3's `SignatureDoesNotMatch` body, for one, echoes the canonical
/// request (and with it any session token); dropping everything else keeps secrets out of logs.
/// A body that is no AWS error at all (a proxy's or a crashed emulator's HTML page) is kept as a short,
/// printable excerpt: without it "HTTP500" says nothing about who failed.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String?
    public var status: Int
    public var requestId: String?
    /// The call that was answered (`CloudFormation ExecuteChangeSet`), when the client knows it.
    public var action: String?
    /// The start of a body that is not an AWS error document, tags stripped and made printable.
    public var bodyExcerpt: String?

    public init(code: String, message: String? = nil, status: Int, requestId: String? = nil,
                action: String? = nil, bodyExcerpt: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.requestId = requestId
        self.action = action
        self.bodyExcerpt = bodyExcerpt
    }

    public var description: String {
        var text = "\(code) (HTTP \(status))"
        if let action { text += " to \(action)" }
        if let message, !message.isEmpty { text += ": \(message)" }
        if let requestId { text += " [request id \(requestId)]" }
        if let bodyExcerpt { text += "; the body is not an AWS error, it starts: \"\(bodyExcerpt)\"" }
        return text
    }

    /// The answer was a page, not an AWS error: a proxy in between or the emulator itself failed.
    public var isNotFromAWS: Bool { bodyExcerpt != nil }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
        "SlowDown", "RequestThrottled", "BandwidthLimitExceeded", "TransactionInProgressException",
    ]

    public var isThrottling: Bool { status == 429 || Self.throttlingCodes.contains(code) }

    /// Reads the error from an XML body (`<Error>` or `<ErrorResponse><Error>`), a JSON body
    /// (`__type`, `message`) or the `x-amzn-ErrorType` header, in that order of preference.
    public static func parse(_ response: HTTPResponse) -> AWSError {
        var requestId = response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
        var code: String?
        var message: String?

        if let json = JSONValue.decode(response.body), case .object = json {
            code = (json["__type"] ?? json["code"] ?? json["Code"])?.stringValue
            message = (json["message"] ?? json["Message"] ?? json["errorMessage"])?.stringValue
        } else if let root = XMLElementNode.parse(response.body), let error = root.first("Error") {
            code = error.child("Code")
            message = error.child("Message")
            requestId = requestId ?? root.first("RequestId")?.text ?? root.first("RequestID")?.text
        }
        if code == nil || code?.isEmpty == true, let header = response.headers["x-amzn-ErrorType"] {
            code = header
        }
        guard let raw = code, !raw.isEmpty else {
            // No recognizable body (an HTML page from a proxy, an empty HEAD response).
            return AWSError(code: Self.fallbackCode(response.status), message: message, status: response.status,
                            requestId: requestId, bodyExcerpt: message == nil ? Self.excerpt(response.body) : nil)
        }
        return AWSError(code: Self.cleanCode(raw), message: message, status: response.status, requestId: requestId)
    }

    /// An answer that crosses a reader's limit (nesting, size): the call failed, and says where.
    static func limitExceeded(_ response: HTTPResponse, _ detail: String) -> AWSError {
        AWSError(code: "ResponseLimitExceeded", message: "the answer is too large or too deep to read: \(detail)",
                 status: response.status, requestId: response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"])
    }

    /// "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" → "ResourceNotFoundException";
    /// "ValidationException:http://internal.amazon.com/..." (header form) → "ValidationException".
    static func cleanCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return TextBasics.trimmingWhitespace(code)
    }

    /// At most `limit` characters of a body for a message: tags dropped, a few entities decoded, anything
    /// unprintable (control bytes, invalid UTF-8) a space, runs of white space one. nil for an empty body.
    static func excerpt(_ body: Data, limit: Int = 160) -> String? {
        var text = String(decoding: body.prefix(8_192), as: UTF8.self)
        // Whole tags, and one cut off by the 8 KB prefix.
        text = withoutTags(text)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacing(entity, with: character)  // the standard library's, not Foundation's
        }
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{FFFD}" || scalar.properties.generalCategory == .format
                ? " " : scalar
        }))
        let words = printable.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty else { return nil }
        let joined = words.joined(separator: " ")
        return joined.count <= limit ? joined : String(joined.prefix(limit)) + "…"
    }

    /// Every `<...>` (and a last `<` never closed) replaced by a space, as the regex `<[^>]*(>|$)` would, without
    /// full Foundation's regular expressions.
    static func withoutTags(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inTag = false
        for scalar in text.unicodeScalars {
            if inTag {
                if scalar == ">" { inTag = false }
            } else if scalar == "<" {
                inTag = true
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// S3 answers HEAD requests without a body; name the common statuses the way S3 does.
    static func fallbackCode(_ status: Int) -> String {
        switch status {
        case 304: return "NotModified"
        case 400: return "BadRequest"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 412: return "PreconditionFailed"
        default: return "HTTP\(status)"
        }
    }
}
