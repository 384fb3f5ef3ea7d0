#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request that got no HTTP response.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Nothing listened, or the host could not be reached: the request was never delivered.
        case cannotConnect
        /// The host name did not resolve.
        case unknownHost
        /// No byte moved for too long, or the connection failed mid-exchange: the request may or may
        /// not have been acted on.
        case timedOut, connectionLost
        /// TLS could not be set up (certificate, protocol).
        case tls
        /// Anything else (bad URL, libcurl missing): retrying would not help.
        case other
    }

    public var kind: Kind
    public var message: String
    /// Scheme, host and port of the request (never the path or query, which may carry names).
    public var endpoint: String

    public init(_ kind: Kind, _ message: String, endpoint: String) {
        self.kind = kind
        self.message = message
        self.endpoint = endpoint
    }

    /// Failures of the network, not of the request: worth another attempt.
    public var isRetryable: Bool {
        switch kind {
        case .cannotConnect, .unknownHost, .timedOut, .connectionLost: return true
        case .tls, .other: return false
        }
    }

    public var description: String { "no response from \(endpoint): \(message)" }

    /// Scheme, host and port of a URL: what errors may show of a request.
    public static func endpoint(of url: URL) -> String {
        var text = (url.scheme ?? "http") + "://" + (url.host ?? "?")
        if let port = url.port { text += ":\(port)" }
        return text
    }
}
