import LambdaEvents
import StackCore
import StackTemplate

/// What invokes a function. Only stream sources can be stream triggers: the factory methods take
/// the concrete construct types, so the compiler rejects the rest. Each factory's result is typed by
/// the event the trigger delivers (`EventTrigger<KinesisEvent>`), so a function built from a typed
/// `FunctionProduct` accepts only triggers of the event its handler takes.
public struct Trigger: Equatable, Sendable {
    public enum StartingPosition: String, Sendable {
        case latest = "LATEST", trimHorizon = "TRIM_HORIZON"
    }

    /// Settings shared by Kinesis and DynamoDB stream triggers.
    public struct StreamOptions: Hashable, Sendable {
        public var batchSize: Int
        public var start: StartingPosition
        /// How long to gather records before invoking: whole seconds, up to 5 minutes.
        public var batchingWindow: Duration?
        /// Retries of a failed batch (-1 = until the record expires, up to 10,000).
        public var retries: Int?
        public var bisectOnError: Bool
        /// Concurrent batches per shard (1…10).
        public var parallelization: Int?
        public var reportBatchItemFailures: Bool
    }

    enum Source: Equatable, Sendable {
        case kinesis(KinesisStream, StreamOptions)
        case dynamoDB(Table, StreamOptions)
        case sqs(Queue, batchSize: Int, batchingWindow: Duration?, reportBatchItemFailures: Bool, maxConcurrency: Int?)
        case s3(Bucket, events: [String], prefix: String?, suffix: String?)
        case schedule(Schedule, input: TemplateValue?)
    }

    let source: Source

    /// Kinesis stream → function; also grants the function read on the stream.
    public static func kinesis(
        _ stream: KinesisStream, batchSize: Int = 100, start: StartingPosition = .latest, batchingWindow: Duration? = nil,
        retries: Int? = nil, bisectOnError: Bool = false, parallelization: Int? = nil, reportBatchItemFailures: Bool = true
    ) -> EventTrigger<KinesisEvent> {
        EventTrigger(source: .kinesis(stream, StreamOptions(
            batchSize: batchSize, start: start, batchingWindow: batchingWindow, retries: retries,
            bisectOnError: bisectOnError, parallelization: parallelization, reportBatchItemFailures: reportBatchItemFailures)))
    }

    /// DynamoDB stream → function; the table must have a stream (else `stream-not-enabled`).
    public static func dynamoDBStream(
        _ table: Table, batchSize: Int = 100, start: StartingPosition = .latest, batchingWindow: Duration? = nil,
        retries: Int? = nil, bisectOnError: Bool = false, parallelization: Int? = nil, reportBatchItemFailures: Bool = true
    ) -> EventTrigger<DynamoDBStreamEvent> {
        EventTrigger(source: .dynamoDB(table, StreamOptions(
            batchSize: batchSize, start: start, batchingWindow: batchingWindow, retries: retries,
            bisectOnError: bisectOnError, parallelization: parallelization, reportBatchItemFailures: reportBatchItemFailures)))
    }

    /// SQS queue → function, with partial batch failures reported by default.
    public static func sqs(
        _ queue: Queue, batchSize: Int = 10, batchingWindow: Duration? = nil, reportBatchItemFailures: Bool = true,
        maxConcurrency: Int? = nil
    ) -> EventTrigger<SQSEvent> {
        EventTrigger(source: .sqs(queue, batchSize: batchSize, batchingWindow: batchingWindow,
                             reportBatchItemFailures: reportBatchItemFailures, maxConcurrency: maxConcurrency))
    }

    /// S3 object-created notifications → function (permission included, no dependency cycle).
    public static func s3(_ bucket: Bucket, events: [String] = ["s3:ObjectCreated:*"], prefix: String? = nil, suffix: String? = nil) -> EventTrigger<S3Event> {
        EventTrigger(source: .s3(bucket, events: events, prefix: prefix, suffix: suffix))
    }

    /// An EventBridge schedule (`cron(...)` or `rate(...)`, validated).
    public static func schedule(_ schedule: Schedule, input: TemplateValue? = nil) -> EventTrigger<ScheduledEvent> {
        EventTrigger(source: .schedule(schedule, input: input))
    }
}

/// A trigger and, in its type, the event it delivers to the function.
public struct EventTrigger<Event: Decodable>: Sendable {
    public let trigger: Trigger

    init(source: Trigger.Source) { trigger = Trigger(source: source) }
}
