import Contracts
import StackAWS
import StackCore
import StackTemplate

/// Seed 003: producer → SQS (+DLQ) → processor Lambda (batches of 10, partial batch failures) →
/// `processed/<SYMBOL>/<EPOCH>.json` in S3 + SNS alert at or above a threshold; Athena over the results.
struct TickAlerts: StackDefinition {
    let settings: StackSettings
    let config: TickAlertsConfig

    // Each construct is declared once: stored here, it is in the stack; the body lists only the rest.
    let queue = Queue("StockQueue", visibilityTimeout: .minutes(3), deadLetter: .init(maxReceiveCount: 5))
    let processed = Bucket("ProcessedData")
    let alerts: Topic
    let catalog: GlueDatabase
    let results = Bucket("AthenaResults", lifecycle: [.expire(after: .days(30))])

    init(settings: StackSettings, config: TickAlertsConfig) {
        self.settings = settings
        self.config = config
        alerts = Topic("StockAlerts", subscriptions: [.email(config.alertEmail)])
        catalog = GlueDatabase("StockData", name: "\(settings.catalogPrefix)_stock_data")
    }

    var description: String { "Tick alerts: SQS ticks processed into S3, threshold alerts on SNS, Athena over the history" }

    var body: StackBody {
        Function("Processor", product: TickAlertsFunctions.processor, memory: 256, timeout: .seconds(30),
                 reservedConcurrency: config.processorConcurrency) {
            Trigger.sqs(queue, batchSize: 10)
            Env(TickProcessorEnv.self) {
                $0[.bucket] = processed.name
                $0[.processedPrefix] = "processed/"
                $0[.alertTopicArn] = alerts.arn
                $0[.alertThreshold] = .string(String(config.alertThreshold))
            }
            Allow(processed.write(keys: "processed/*"), alerts.publish)
        }

        GlueTable("Records", database: catalog, name: "records",
                  location: "s3://\(processed.name)/processed/", format: .json, columns: [
                      Column("symbol", .string), Column("price", .double), Column("volume", .int),
                      Column("processed_at", .string),
                  ])
        AthenaWorkGroup("Analytics", name: settings.physicalName("tick-analytics-wg"),
                        resultsLocation: "s3://\(results.name)/athena/")

        StackOutput("QueueUrl", value: queue.url, description: "Where the producer sends ticks")
        StackOutput("ProcessedBucketName", value: processed.name)
        StackOutput("AlertTopicArn", value: alerts.arn)
    }
}
