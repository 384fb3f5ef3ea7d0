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
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String?
    public var status: Int
    public var requestId: String?

    public init(code: String, message: String? = nil, status: Int, requestId: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.requestId = requestId
    }

    public var description: String {
        var text = "\(code) (HTTP \(status))"
        if let message, !message.isEmpty { text += ": \(message)" }
        if let requestId { text += " [request id \(requestId)]" }
        return text
    }

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
                            requestId: requestId)
        }
        return AWSError(code: Self.cleanCode(raw), message: message, status: response.status, requestId: requestId)
    }

    /// "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" → "ResourceNotFoundException";
    /// "ValidationException:http://internal.amazon.com/..." (header form) → "ValidationException".
    static func cleanCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return TextBasics.trimmingWhitespace(code)
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
