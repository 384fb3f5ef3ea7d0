/// The Firehose actions stackctl grants, by intent, and the ones its service role needs.
///
/// Sources: the Firehose Developer Guide, "Controlling access with Amazon Data Firehose" (granting
/// Firehose access to an Amazon S3 destination), and the Service Authorization Reference.
public enum FirehoseActions {
    /// Putting records into a DirectPut stream.
    public static let put = ["firehose:PutRecord", "firehose:PutRecordBatch"]
    /// What the stream's role does on objects under its prefixes.
    static let writeObjects = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
    /// What the stream's role does on the bucket itself (bucket-level actions take the bucket ARN).
    static let bucket = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
    /// Writing delivery errors to its own log stream.
    static let writeLogs = ["logs:PutLogEvents"]
}
