/// The Kinesis Data Streams actions stackctl grants, by intent.
///
/// Sources: the Lambda Developer Guide, "Process Amazon Kinesis Data Streams records with Lambda"
/// (execution role permissions for an event source mapping), and the managed policy
/// `AWSLambdaKinesisExecutionRole` (v2). `kinesis:ListStreams` is in that managed policy but no longer in
/// the guide's list; it has no resource-level permissions (it would need `Resource: "*"`), and Lambda
/// is given the stream ARN, so it is left out. `kinesis:SubscribeToShard` authorizes the *consumer*
/// resource (`<stream ARN>/consumer/<name>:<timestamp>`), not the stream, so it gets its own statement
/// (used by enhanced fan-out consumers only).
///
/// The streams are encrypted with the AWS managed key `alias/aws/kinesis`; its key policy lets
/// principals of the account use it through Kinesis, so producers and consumers need no `kms:` actions
/// (those are needed only for customer managed keys).
public enum KinesisActions {
    /// Reading records through shard iterators, as a Lambda event source mapping does.
    public static let read = [
        "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
        "kinesis:GetShardIterator", "kinesis:ListShards",
    ]
    /// Enhanced fan-out reads (on the stream's consumers).
    public static let subscribe = ["kinesis:SubscribeToShard"]
    /// Putting records; producers (the KPL, SDK helpers) call DescribeStreamSummary first.
    public static let write = ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStreamSummary"]
}
