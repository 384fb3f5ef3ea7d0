import Contracts
import StackAWS
import StackCore
import StackTemplate

/// Seed 001: Kinesis ticks → processing Lambda → raw JSON in S3 + processed quotes in DynamoDB →
/// stream → analysis Lambda (SMA-5/SMA-20 crosses) → SNS e-mail alerts; Glue + Athena over the raw data.
struct MarketStream: StackDefinition {
    let settings: StackSettings
    let config: MarketStreamConfig

    // Each construct is declared once: stored here, it is in the stack; the body lists only the rest.
    let ticks: KinesisStream
    let raw = Bucket("RawData")
    let quotes: Table
    let alerts: Topic
    /// Batches the processing function gave up on, kept for replay.
    let failures = Queue("ProcessingFailures", retentionPeriod: .days(14))
    let catalog: GlueDatabase
    let results = Bucket("AthenaResults", lifecycle: [.expire(after: .days(30))])

    init(settings: StackSettings, config: MarketStreamConfig) {
        self.settings = settings
        self.config = config
        ticks = KinesisStream("Ticks", name: settings.physicalName("stock-market-stream"), shards: config.shards ?? 1)
        quotes = Table("Quotes", name: settings.physicalName("stock-market-data"),
                       partitionKey: .string("symbol"), sortKey: .string("timestamp"), stream: .newImage)
        alerts = Topic("TrendAlerts", subscriptions: [.email(config.alertEmail)])
        catalog = GlueDatabase("StockData", name: "\(settings.catalogPrefix)_stock_data_db")
    }

    var description: String { "Market stream: Kinesis ticks, SMA-5/SMA-20 crossover alerts, raw data queryable in Athena" }

    var body: StackBody {
        Function("Processing", product: MarketStreamFunctions.processing, memory: 256, timeout: .seconds(30),
                 reservedConcurrency: config.processingConcurrency) {
            Trigger.kinesis(ticks, batchSize: 100, start: .latest, retries: 3, bisectOnError: true)
            Env(MarketProcessingEnv.self) {
                $0[.rawBucket] = raw.name
                $0[.rawPrefix] = "raw-data/"
                $0[.quotesTable] = quotes.name
            }
            Allow(raw.write(keys: "raw-data/*"), quotes.writeData)
            OnFailure(.queue(failures))
        }
        Function("Analysis", product: MarketStreamFunctions.analysis, memory: 256, timeout: .minutes(1),
                 reservedConcurrency: config.analysisConcurrency) {
            Trigger.dynamoDBStream(quotes, batchSize: 100, start: .latest, retries: 3)
            Env(MarketAnalysisEnv.self) {
                $0[.quotesTable] = quotes.name
                $0[.alertTopicArn] = alerts.arn
            }
            // updateData: the alert ledger marks the cross's quote item (conditional UpdateItem).
            Allow(quotes.readData, quotes.updateData, alerts.publish)
            OnFailure(.queue(failures))
        }

        GlueTable("StockDataTable", database: catalog, name: "stock_data_table",
                  location: "s3://\(raw.name)/raw-data/", format: .json, columns: [
                      Column("symbol", .string), Column("timestamp", .string), Column("price", .double),
                      Column("previous_close", .double), Column("volume", .bigint),
                  ])
        AthenaWorkGroup("Analytics", name: settings.physicalName("stock-analytics-wg"),
                        resultsLocation: "s3://\(results.name)/athena/")

        StackOutput("StreamName", value: ticks.name, description: "Kinesis stream the producer writes ticks to")
        StackOutput("RawBucketName", value: raw.name, description: "Raw tick JSON under raw-data/<symbol>/")
        StackOutput("QuotesTableName", value: quotes.name)
        StackOutput("AlertTopicArn", value: alerts.arn)
    }
}
