/// The S3 actions stackctl grants, by intent. Object actions apply to `arn:…:bucket/keys`, bucket
/// actions to the bucket ARN (Service Authorization Reference, "Actions defined by Amazon S3").
public enum S3Actions {
    /// Reading objects.
    public static let readObjects = ["s3:GetObject"]
    /// Listing keys, so that a missing object is a 404 rather than a 403; scoped by `s3:prefix`.
    public static let list = ["s3:ListBucket"]
    /// Writing objects, including the multipart uploads the SDKs use for large objects.
    public static let writeObjects = ["s3:PutObject", "s3:AbortMultipartUpload"]
}
