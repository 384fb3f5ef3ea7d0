extension ResourceCatalogue {
    static let s3: [ResourceType] = [
        ResourceType(
            "AWS::S3::Bucket", holdsData: true, nameProperty: ["BucketName"], ref: .name,
            attributes: [
                "Arn": .pattern("arn:{partition}:s3:::{name}"),
                "DomainName": .pattern("{name}.s3.{urlSuffix}"),
                "RegionalDomainName": .pattern("{name}.s3.{region}.{urlSuffix}"),
                "DualStackDomainName": .pattern("{name}.s3.dualstack.{region}.{urlSuffix}"),
            ],
            // rb --force empties current objects only; a versioned bucket also needs its old versions removed.
            cleanup: "aws s3 rb s3://{id} --force   # versioned: delete old versions first (console: Empty bucket)"),
        ResourceType(
            "AWS::S3::BucketPolicy", ref: .deployTime("a bucket policy's ID is generated when it is created"),
            carriesPermissions: true),
    ]
}
