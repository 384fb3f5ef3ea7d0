#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TextBasics

/// AWS Signature Version 4 with the signature in the `Authorization` header.
///
/// A pure value: the same request, credentials, region, service and date always give the same
/// signed request. Steps follow the AWS "Create a signed AWS API request" guide: canonical request →
/// string to sign → signing key (date, region, service) → signature.
public struct SigV4Signer: Sendable {
    public enum Payload: Sendable, Equatable {
        /// Hash the body (the default; required over plain HTTP).
        case signed
        /// Send `UNSIGNED-PAYLOAD` as the payload hash (S3 over HTTPS, large uploads).
        case unsigned
    }

    static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// Headers that proxies or clients may change in transit; botocore leaves them unsigned too.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "expect", "x-amzn-trace-id"]

    public init() {}

    public func sign(_ request: HTTPRequest, credentials: Credentials, region: String, service: String,
                     date: Date, payload: Payload = .signed) -> HTTPRequest {
        var signed = request
        let (amzDate, day) = Self.timestamps(date)
        signed.headers["Authorization"] = nil
        signed.headers["Host"] = Self.host(of: request.url)
        signed.headers["X-Amz-Date"] = amzDate
        if let token = credentials.sessionToken {
            signed.headers["X-Amz-Security-Token"] = token
        }
        let payloadHash = payload == .unsigned ? Self.unsignedPayload : Self.hex(SHA256Digest.hash(request.body))
        // S3 requires the header on every request; other services only need it when the payload is
        // unsigned (they otherwise hash the body themselves), which is also what botocore sends.
        if service == "s3" || payload == .unsigned {
            signed.headers["X-Amz-Content-Sha256"] = payloadHash
        }

        let (canonical, signedHeaders) = canonicalRequest(signed, service: service, payloadHash: payloadHash)
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256Digest.hash(canonical.utf8)),
        ].joined(separator: "\n")
        let key = Self.signingKey(secret: credentials.secretAccessKey, day: day, region: region, service: service)
        let signature = Self.hex(SHA256Digest.hmac(key: key, message: stringToSign.utf8))
        signed.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return signed
    }

    /// The canonical request text and the signed-headers list; internal so tests can check the steps.
    func canonicalRequest(_ request: HTTPRequest, service: String, payloadHash: String) -> (String, String) {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let path = Self.canonicalPath(components?.percentEncodedPath ?? "", service: service)
        let query = Self.canonicalQuery(components?.percentEncodedQuery)
        let (headers, signedHeaders) = Self.canonicalHeaders(request.headers)
        let text = [request.method.uppercased(), path, query, headers, signedHeaders, payloadHash]
            .joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// S3 signs the path encoded once and exactly as sent (no dot-segment removal: `a/../b` is a valid
    /// key). Every other service normalizes the path and encodes each segment twice.
    static func canonicalPath(_ encodedPath: String, service: String) -> String {
        let decoded = URIEncoding.decode(encodedPath)
        if service == "s3" {
            return decoded.isEmpty ? "/" : URIEncoding.encode(decoded, keepSlash: true)
        }
        let normalized = removeDotSegments(decoded.isEmpty ? "/" : decoded)
        return URIEncoding.encode(URIEncoding.encode(normalized, keepSlash: true), keepSlash: true)
    }

    /// RFC 3986 dot-segment removal; empty segments collapse as they do in botocore.
    static func removeDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." { _ = output.popLast() } else { output.append(segment) }
        }
        let lead = path.hasPrefix("/") ? "/" : ""
        let trail = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return lead + output.joined(separator: "/") + trail
    }

    /// Keys and values re-encoded with the strict unreserved set, sorted by key then value.
    /// `+` is taken literally (AWS does not treat it as a space).
    static func canonicalQuery(_ encodedQuery: String?) -> String {
        guard let encodedQuery, !encodedQuery.isEmpty else { return "" }
        let pairs = encodedQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = URIEncoding.encode(URIEncoding.decode(String(parts[0])))
            let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(String(parts[1]))) : ""
            return (key, value)
        }
        // Encoded strings are ASCII, so String ordering is byte ordering here.
        return pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Lower-cased names, values trimmed with inner whitespace runs collapsed, repeated names joined
    /// by commas, sorted by name. Returns the block (with its trailing newline) and the name list.
    static func canonicalHeaders(_ headers: HTTPHeaders) -> (String, String) {
        var values: [String: [String]] = [:]
        for field in headers {
            let name = field.name.lowercased()
            guard !unsignedHeaders.contains(name) else { continue }
            let value = field.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .joined(separator: " ")
            values[name, default: []].append(value)
        }
        let names = values.keys.sorted()
        let block = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    /// `host[:port]`, the port only when it is not the scheme's default.
    static func host(of url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        let scheme = url.scheme?.lowercased()
        if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { return host }
        return "\(host):\(port)"
    }

    static func signingKey(secret: String, day: String, region: String, service: String) -> [UInt8] {
        var key = Array("AWS4\(secret)".utf8)
        for part in [day, region, service, "aws4_request"] {
            key = SHA256Digest.hmac(key: key, message: part.utf8)
        }
        return key
    }

    /// (`yyyyMMdd'T'HHmmss'Z'`, `yyyyMMdd`) in UTC, without a DateFormatter (locale-free and cheap).
    static func timestamps(_ date: Date) -> (String, String) {
        let c = UTCDateTime(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        let day = zeroPadded(c.year, 4) + zeroPadded(c.month, 2) + zeroPadded(c.day, 2)
        return (day + "T" + zeroPadded(c.hour, 2) + zeroPadded(c.minute, 2) + zeroPadded(c.second, 2) + "Z", day)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 { TextBasics.hex(digest) }

    static func zeroPadded(_ value: Int, _ width: Int) -> String { TextBasics.zeroPadded(value, width: width) }
}
