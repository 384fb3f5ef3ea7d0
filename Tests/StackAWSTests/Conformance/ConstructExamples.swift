import StackAWS
import StackCore
import StackTemplate

/// An example of every construct stackctl offers, with the options that add resources, for the
/// conformance test. A new construct adds its example here (the test fails until it does).
enum ConstructExamples {
    /// The asset the example functions reference.
    static let assets = [Asset(product: "fn", hash: "0123abcd", sources: ["functions/fn"])]

    @StackBuilder static var all: StackBody {
        let raw = Bucket("Raw", versioned: true, lifecycle: [.expire(after: .days(30), prefix: "tmp/")], eventBridge: true)
        let ticks = KinesisStream("Ticks", shards: 1)
        let quotes = Table("Quotes", partitionKey: .string("symbol"), sortKey: .number("timestamp"), stream: .newImage)
        let jobs = Queue("Jobs", visibilityTimeout: .minutes(3), deadLetter: .init(maxReceiveCount: 5))
        let failures = Queue("Failures")
        let alerts = Topic("Alerts", subscriptions: [.email("oncall@example.com"), .sqs(failures)])
        let catalog = GlueDatabase("Catalog", name: "test_catalog")
        let keys = Secret("ApiKeys", description: "keys of a third-party API")
        let processing = Function("Processing", product: "fn", timeout: .seconds(30)) {
            Trigger.kinesis(ticks)
            Trigger.dynamoDBStream(quotes)
            Trigger.sqs(jobs)
            Trigger.s3(raw, prefix: "incoming/")
            Trigger.schedule(.rate(5, .minutes))
            OnFailure(.queue(failures))
            AsyncInvoke(retries: 1, maxEventAge: .hours(1))
            Env(["BUCKET": raw.name, "TABLE": quotes.name, "TOPIC": alerts.arn, "QUEUE": jobs.url, "STREAM": ticks.name])
            Allow(raw.write(keys: "out/*"), quotes.writeData, alerts.publish, keys.read)
        }

        raw; ticks; quotes; jobs; failures; alerts; catalog; keys; processing
        Rule("Nightly", schedule: .cron("0 2 * * ? *"), targets: [.lambda(processing, input: ["mode": "nightly"])])
        GlueTable("Records", database: catalog, name: "records", location: "s3://\(raw.name)/out/", format: .json,
                  columns: [Column("symbol", .string), Column("price", .double)])
        GlueCrawler("Crawler", database: catalog, targets: [.s3(raw, prefix: "out/", exclusions: ["**/_SUCCESS"])],
                    tablePrefix: "raw_", schedule: .cron("0 3 * * ? *"), configuration: CrawlerConfiguration.inheritFromTable)
        DeliveryStream("Delivery", bucket: raw, prefix: "firehose/dt=!{timestamp:yyyy-MM-dd}/",
                       errorPrefix: "errors/firehose/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/")
        let analytics = AthenaWorkGroup("Analytics", name: "test-analytics", resultsLocation: "s3://\(raw.name)/athena/")
        analytics
        AthenaNamedQuery("LatestRecords", workGroup: analytics, database: catalog,
                         query: "SELECT * FROM records WHERE \"$path\" LIKE 's3://\(raw.name)/out/%' LIMIT 10",
                         description: "the latest records")
        SageMakerEndpoint("Sentiment", modelID: "distilbert-base-uncased-finetuned-sst-2-english",
                          capacity: .serverless(memoryMB: 2048, maxConcurrency: 5))
        StackOutput("RawBucket", value: raw.name)
        let stage = StackParameter("Stage", defaultValue: "dev", allowedValues: ["dev", "prod"])
        stage
        RawResource("Setting", type: "AWS::SSM::Parameter", properties: ["Name": "/test/setting", "Type": "String", "Value": stage.value])
        Override("Tracing", on: processing, path: "TracingConfig.Mode", set: "Active")
    }
}
