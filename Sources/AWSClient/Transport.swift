#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Sends one HTTP request and returns the response, whatever its status. Errors are for requests
/// that got no response (connection refused, dropped, timed out): `TransportError`.
public protocol Transport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

#if canImport(Glibc)
/// On glibc Linux: libcurl's easy API, loaded on first use (see `CCurlLoader`). Not URLSession: that
/// is FoundationNetworking here, and importing it anywhere makes libcurl and the ~30 libraries it
/// needs load-time dependencies of the binary — milliseconds of every start of the CLI and of every
/// Lambda cold start, whether or not a request is ever sent.
public typealias DefaultTransport = CurlTransport
#else
/// Elsewhere (macOS; the fully static musl SDK, which cannot dlopen but bundles its own libcurl
/// into FoundationNetworking): URLSession.
public typealias DefaultTransport = URLSessionTransport
#endif
