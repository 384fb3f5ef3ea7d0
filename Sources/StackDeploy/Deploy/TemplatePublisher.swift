import AWSClient
import Crypto
import Foundation

/// Where CloudFormation gets a template from: inline up to 51,200 bytes (UTF-8), else from the staging
/// bucket under a content-addressed key.
public struct TemplatePublisher: Sendable {
    public static let inlineLimit = 51_200

    public enum Location: Sendable, Equatable {
        case body(String)
        case url(String)
    }

    public var s3: S3Client
    public var bucket: String

    public init(s3: S3Client, bucket: String) {
        self.s3 = s3
        self.bucket = bucket
    }

    public static func needsUpload(_ body: String) -> Bool { body.utf8.count > inlineLimit }

    public func location(for stack: StackToDeploy) async throws -> Location {
        guard Self.needsUpload(stack.templateBody) else { return .body(stack.templateBody) }
        let bytes = Data(stack.templateBody.utf8)
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let key = "templates/\(stack.stackName)-\(digest).json"
        if try await !s3.objectExists(bucket: bucket, key: key) {
            try await s3.putObject(bucket: bucket, key: key, body: bytes, contentType: "application/json")
        }
        // The global virtual-hosted form: CloudFormation accepts it in every region, and moto requires it.
        return .url("https://\(bucket).s3.amazonaws.com/\(key)")
    }
}
