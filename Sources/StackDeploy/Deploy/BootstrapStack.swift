import Foundation
import StackCore
import StackTemplate

/// stackctl's own stack per account and region: the staging bucket for function zips and large
/// templates. Versioned, encrypted, public access blocked, TLS only, old versions expire, and the
/// bucket is retained when the stack is deleted (deploys of other stacks reference its objects).
public enum BootstrapStack {
    public static let stackName = "stackctl-bootstrap"
    /// Bumped when the template changes; deploy can require a minimum.
    public static let version = 1
    public static let noncurrentVersionDays = 30

    public static func template() -> Template {
        let bucket = Asset.stagingBucket
        let bucketResource = Resource(
            type: "AWS::S3::Bucket",
            properties: [
                "BucketName": bucket,
                "VersioningConfiguration": ["Status": "Enabled"],
                "BucketEncryption": ["ServerSideEncryptionConfiguration": [["ServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]]],
                "PublicAccessBlockConfiguration": [
                    "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
                ],
                "OwnershipControls": ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]],
                "LifecycleConfiguration": ["Rules": [[
                    "Id": "ExpireOldVersions", "Status": "Enabled",
                    "NoncurrentVersionExpiration": ["NoncurrentDays": .int(noncurrentVersionDays)],
                    "AbortIncompleteMultipartUpload": ["DaysAfterInitiation": 1],
                ]]],
            ],
            deletionPolicy: .retain, updateReplacePolicy: .retain,
            metadata: [Resource.pathMetadataKey: "stackctl-bootstrap/StagingBucket"])
        let policy = Resource(
            type: "AWS::S3::BucketPolicy",
            properties: [
                "Bucket": .ref("StagingBucket"),
                "PolicyDocument": [
                    "Version": "2012-10-17",
                    "Statement": [[
                        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                        "Resource": [.getAtt("StagingBucket", "Arn"), .join("", [.getAtt("StagingBucket", "Arn"), "/*"])],
                        "Condition": ["Bool": ["aws:SecureTransport": "false"]],
                    ]],
                ],
            ],
            metadata: [Resource.pathMetadataKey: "stackctl-bootstrap/StagingBucketPolicy"])
        return Template(
            description: "stackctl staging bucket for function assets and large templates (bootstrap version \(version))",
            resources: ["StagingBucket": bucketResource, "StagingBucketPolicy": policy],
            outputs: [
                "BucketName": Output(value: .ref("StagingBucket")),
                "BootstrapVersion": Output(value: .string(String(version))),
            ])
    }
}
