#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// S3 object calls (REST-XML protocol). URLs per `S3Addressing`.
public struct S3Client: Sendable {
    public struct ObjectMetadata: Sendable, Equatable {
        public var contentType: String?
        public var contentLength: Int?
        public var eTag: String?
        public var lastModified: String?
        /// `x-amz-meta-*` headers, names without the prefix, lower-cased.
        public var metadata: [String: String]
    }

    public struct Object: Sendable, Equatable {
        public var body: Data
        public var metadata: ObjectMetadata
    }

    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    var addressing: S3Addressing {
        S3Addressing(endpoint: context.endpoint(serviceId: "S3", hostPrefix: "s3"), region: context.region)
    }

    /// Returns the ETag S3 assigned.
    @discardableResult
    public func putObject(bucket: String, key: String, body: Data, contentType: String,
                          metadata: [String: String] = [:]) async throws -> String? {
        var headers: HTTPHeaders = ["Content-Type": contentType]
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) { headers.add("x-amz-meta-\(name)", value) }
        let request = HTTPRequest(method: "PUT", url: addressing.url(bucket: bucket, key: key), headers: headers, body: body)
        return try await context.send(request, signingName: "s3").headers["ETag"]
    }

    public func getObject(bucket: String, key: String) async throws -> Object {
        let request = HTTPRequest(method: "GET", url: addressing.url(bucket: bucket, key: key))
        let response = try await context.send(request, signingName: "s3")
        return Object(body: response.body, metadata: Self.metadata(response.headers))
    }

    /// A missing object is `AWSError` with code `NotFound` (HEAD responses have no body to say more).
    public func headObject(bucket: String, key: String) async throws -> ObjectMetadata {
        let request = HTTPRequest(method: "HEAD", url: addressing.url(bucket: bucket, key: key))
        return Self.metadata(try await context.send(request, signingName: "s3").headers)
    }

    /// HeadObject as a yes/no: `NotFound` is no, any other error is thrown.
    public func objectExists(bucket: String, key: String) async throws -> Bool {
        do {
            _ = try await headObject(bucket: bucket, key: key)
            return true
        } catch let error as AWSError where error.code == "NotFound" || error.code == "NoSuchKey" {
            return false
        }
    }

    static func metadata(_ headers: HTTPHeaders) -> ObjectMetadata {
        var user: [String: String] = [:]
        for field in headers where field.name.lowercased().hasPrefix("x-amz-meta-") {
            user[String(field.name.lowercased().dropFirst("x-amz-meta-".count))] = field.value
        }
        return ObjectMetadata(contentType: headers["Content-Type"], contentLength: headers["Content-Length"].flatMap { Int($0) },
                              eTag: headers["ETag"], lastModified: headers["Last-Modified"], metadata: user)
    }
}
