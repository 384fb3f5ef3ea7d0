/// Environment contracts of the market-stream functions, shared by the stack that sets the
/// variables and the function code that reads them: a variable the stack forgets is a synthesis error.

/// `market-processing`: Kinesis ticks → raw JSON in S3 and processed items in DynamoDB.
public enum MarketProcessingEnv: String, CaseIterable, Sendable {
    /// Bucket for raw tick JSON.
    case rawBucket = "RAW_BUCKET"
    /// Key prefix of raw objects (`raw-data/`); objects land under `<prefix><symbol>/`.
    case rawPrefix = "RAW_PREFIX"
    /// DynamoDB table of processed quotes (partition `symbol`, sort `timestamp`).
    case quotesTable = "QUOTES_TABLE"
}

/// `market-analysis`: DynamoDB stream → SMA-5/SMA-20 crosses → BUY/SELL alerts on SNS.
public enum MarketAnalysisEnv: String, CaseIterable, Sendable {
    case quotesTable = "QUOTES_TABLE"
    case alertTopicArn = "ALERT_TOPIC_ARN"
}
