import AWSClient
import Foundation

/// Uploads function zips to the staging bucket, only those not there yet: keys are content hashes,
/// so an existing key already holds these bytes.
public struct AssetPublisher: Sendable {
    public var s3: S3Client
    public var bucket: String

    public init(s3: S3Client, bucket: String) {
        self.s3 = s3
        self.bucket = bucket
    }

    public struct Result: Sendable, Equatable {
        public var uploaded: [String] = []
        public var alreadyThere: [String] = []
    }

    /// Each distinct key once, in key order.
    public func publish(_ assets: [LocalAsset], io: DeployIO) async throws -> Result {
        var result = Result()
        var seen: Set<String> = []
        for asset in assets.sorted(by: { $0.s3Key < $1.s3Key }) where seen.insert(asset.s3Key).inserted {
            if try await s3.objectExists(bucket: bucket, key: asset.s3Key) {
                result.alreadyThere.append(asset.s3Key)
                continue
            }
            let bytes: Data
            do { bytes = try Data(contentsOf: asset.file) } catch {
                throw DeployError(.failed, "cannot read \(asset.file.path) (function \(asset.product)): \(error.localizedDescription)",
                                  hint: "run `stackctl build` for this environment")
            }
            try await s3.putObject(bucket: bucket, key: asset.s3Key, body: bytes, contentType: "application/zip")
            io.out("uploaded \(asset.product) → s3://\(bucket)/\(asset.s3Key) (\(bytes.count) bytes)")
            result.uploaded.append(asset.s3Key)
        }
        return result
    }
}
