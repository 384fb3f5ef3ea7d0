#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What every service client needs: credentials, region, endpoints, transport, retries, a clock.
/// Clients are thin; signing, retrying and error mapping happen once, here.
public struct AWSContext: Sendable {
    public var credentials: Credentials
    public var region: String
    public var endpoints: EndpointResolver
    public var transport: any Transport
    public var retryPolicy: RetryPolicy
    public var signer: SigV4Signer
    /// Injected so signed requests are reproducible in tests.
    public var now: @Sendable () -> Date

    public init(credentials: Credentials, region: String, endpoints: EndpointResolver = EndpointResolver(environment: [:]),
                transport: any Transport = DefaultTransport(), retryPolicy: RetryPolicy = RetryPolicy(),
                signer: SigV4Signer = SigV4Signer(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.region = region
        self.endpoints = endpoints
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.signer = signer
        self.now = now
    }

    public struct MissingRegion: Error, CustomStringConvertible {
        public var description: String {
            "no AWS region: set AWS_REGION or AWS_DEFAULT_REGION, or region in the profile of the shared config file"
        }
    }

    /// Credentials, region and endpoint overrides from `chain`'s environment and shared files.
    public static func resolve(_ chain: CredentialChain = .process, transport: any Transport = DefaultTransport())
        throws -> AWSContext {
        guard let region = chain.region() else { throw MissingRegion() }
        return AWSContext(credentials: try chain.resolve(), region: region,
                          endpoints: EndpointResolver(environment: chain.environment), transport: transport)
    }

    public func endpoint(serviceId: String, hostPrefix: String) -> ServiceEndpoint {
        endpoints.endpoint(serviceId: serviceId, hostPrefix: hostPrefix, region: region)
    }

    /// Signs (afresh for every attempt, so retries carry a current date), sends with retries, and
    /// turns a non-2xx answer into an `AWSError`.
    public func send(_ request: HTTPRequest, signingName: String,
                     payload: SigV4Signer.Payload = .signed) async throws -> HTTPResponse {
        let response = try await retryPolicy.run {
            let signed = signer.sign(request, credentials: credentials, region: region, service: signingName,
                                     date: now(), payload: payload)
            return try await transport.send(signed)
        }
        guard response.isSuccess else { throw AWSError.parse(response) }
        return response
    }

    /// One call of a JSON-protocol service (`X-Amz-Target`, `application/x-amz-json-1.0` or `1.1`).
    public func jsonCall(_ endpoint: ServiceEndpoint, signingName: String, target: String, jsonVersion: String,
                         body: JSONValue) async throws -> JSONValue {
        let request = HTTPRequest(method: "POST", url: Self.rootURL(endpoint.url),
                                  headers: ["Content-Type": "application/x-amz-json-\(jsonVersion)", "X-Amz-Target": target],
                                  body: body.encoded())
        let response: HTTPResponse
        do {
            response = try await send(request, signingName: signingName)
        } catch var error as AWSError {
            error.action = target
            throw error
        }
        if response.body.isEmpty { return .object([:]) }
        do {
            let limits = JSONLimits.awsAnswer
            // The size first: nothing of an oversized answer is copied.
            try limits.checkSize(response.body.count)
            try limits.check([UInt8](response.body))
        } catch {
            throw AWSError.limitExceeded(response, "\(target): \(error)")
        }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: response.body) else {
            throw MalformedResponse(detail: "\(target): body is not JSON")
        }
        return json
    }

    /// The endpoint with path `/` (JSON and query services are called on the root).
    static func rootURL(_ url: URL) -> URL {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
        if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
        return components.url!
    }
}

/// A 2xx response we could not read.
public struct MalformedResponse: Error, Equatable, CustomStringConvertible {
    public var detail: String
    public var description: String { "malformed AWS response: \(detail)" }
}
