#if !canImport(Glibc)
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The transport where libcurl cannot be loaded at run time (see `DefaultTransport`).
public struct URLSessionTransport: Transport {
    let session: URLSession

    public init(session: URLSession = .shared) { self.session = session }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for field in request.headers where field.name.lowercased() != "host" {
            // URLSession derives Host from the URL (the value we signed); setting it twice confuses curl.
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        let data: Data, response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw TransportError(Self.kind(error.code), error.localizedDescription,
                                 endpoint: TransportError.endpoint(of: request.url))
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(.other, "not an HTTP response", endpoint: TransportError.endpoint(of: request.url))
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields { headers.add("\(name)", "\(value)") }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }

    static func kind(_ code: URLError.Code) -> TransportError.Kind {
        switch code {
        case .cannotConnectToHost, .notConnectedToInternet: return .cannotConnect
        case .cannotFindHost, .dnsLookupFailed: return .unknownHost
        case .timedOut: return .timedOut
        case .networkConnectionLost, .resourceUnavailable: return .connectionLost
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate: return .tls
        default: return .other
        }
    }
}
#endif
