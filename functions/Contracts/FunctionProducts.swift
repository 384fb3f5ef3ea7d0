import LambdaEvents

/// The market-stream functions (seed 001) and the events they handle.
public enum MarketStreamFunctions {
    public static let processing = FunctionProduct("market-processing", handles: KinesisEvent.self)
    public static let analysis = FunctionProduct("market-analysis", handles: DynamoDBStreamEvent.self)
}

/// The tick-alert function (seed 003) and the event it handles.
public enum TickAlertsFunctions {
    public static let processor = FunctionProduct("tick-processor", handles: SQSEvent.self)
}
