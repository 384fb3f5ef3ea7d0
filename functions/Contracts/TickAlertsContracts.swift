/// `tick-processor`: SQS ticks → `processed/<SYMBOL>/<EPOCH>.json` in S3, and an SNS alert when the
/// price reaches the threshold.
public enum TickProcessorEnv: String, CaseIterable, Sendable {
    case bucket = "BUCKET"
    case processedPrefix = "PROCESSED_PREFIX"
    case alertTopicArn = "SNS_TOPIC_ARN"
    /// Price at or above which an alert is published.
    case alertThreshold = "ALERT_THRESHOLD"
}
