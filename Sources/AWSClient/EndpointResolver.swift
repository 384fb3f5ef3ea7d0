#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A service's base URL and whether it was overridden (a local emulator, a VPC endpoint…).
public struct ServiceEndpoint: Sendable, Equatable {
    public var url: URL
    public var isCustom: Bool
    public init(url: URL, isCustom: Bool) { self.url = url; self.isCustom = isCustom }
}

/// Endpoint selection following the SDK convention: `AWS_ENDPOINT_URL_<SERVICE_ID>`, then
/// `AWS_ENDPOINT_URL`, then the public regional endpoint. (Endpoint settings in the shared config
/// file are not read.)
public struct EndpointResolver: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// `serviceId` is the SDK service id ("DynamoDB", "S3", "CloudFormation"); `hostPrefix` is the
    /// endpoint prefix of the public host name ("dynamodb", "s3").
    public func endpoint(serviceId: String, hostPrefix: String, region: String) -> ServiceEndpoint {
        for name in [Self.variableName(serviceId: serviceId), "AWS_ENDPOINT_URL"] {
            if let value = environment[name], !value.isEmpty, let url = URL(string: value) {
                return ServiceEndpoint(url: url, isCustom: true)
            }
        }
        return ServiceEndpoint(url: URL(string: "https://\(hostPrefix).\(region).\(Self.dnsSuffix(region))")!,
                               isCustom: false)
    }

    /// "CloudFormation" → "AWS_ENDPOINT_URL_CLOUDFORMATION", "Elastic Load Balancing v2" →
    /// "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2".
    public static func variableName(serviceId: String) -> String {
        "AWS_ENDPOINT_URL_" + String(serviceId.uppercased().map { $0 == " " ? "_" : $0 })
    }

    static func dnsSuffix(_ region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }
}

/// S3 object URLs.
///
/// Against the public endpoint we use virtual-hosted style (`https://BUCKET.s3.REGION.amazonaws.com/KEY`),
/// which AWS recommends and which new buckets require. Against a custom endpoint we use path style
/// (`ENDPOINT/BUCKET/KEY`): emulators such as moto do not get wildcard DNS for bucket names. Bucket names
/// containing dots also use path style, as their virtual host would not match the `*.s3` certificate.
public struct S3Addressing: Sendable, Equatable {
    public var endpoint: ServiceEndpoint
    public var region: String

    public init(endpoint: ServiceEndpoint, region: String) { self.endpoint = endpoint; self.region = region }

    public func url(bucket: String, key: String = "", query: String? = nil) -> URL {
        let encodedKey = URIEncoding.encode(key, keepSlash: true)
        var components = URLComponents(url: endpoint.url, resolvingAgainstBaseURL: false)!
        let base = components.percentEncodedPath.hasSuffix("/")
            ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        if endpoint.isCustom || bucket.contains(".") {
            components.percentEncodedPath = base + "/" + bucket + "/" + encodedKey
        } else {
            components.host = "\(bucket).\(components.host ?? "")"
            components.percentEncodedPath = base + "/" + encodedKey
        }
        components.percentEncodedQuery = query
        return components.url!
    }
}
