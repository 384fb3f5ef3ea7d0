import StackAWS
import StackCore
import StackTemplate
import TestSupport
import XCTest

/// Functions with every trigger kind and option, rendered by the real JSON renderer and checked by
/// cfn-lint: no error, no warning, no informational finding; in a throwaway and a retained environment.
final class FunctionLintTests: XCTestCase {
    func testEveryTriggerAndOptionPassesCfnLint() throws {
        var templates: [String: Template] = [:]
        for (label, settings) in [("dev", StackSettings.testing), ("prod", StackSettings.testingRetained)] {
            let template = try XCTUnwrap(synthesizeLambda(settings) { Self.everything })
            // The template really holds what is being linted.
            let types = Set(template.resources.values.map(\.type))
            XCTAssertTrue(types.isSuperset(of: [
                "AWS::Lambda::Function", "AWS::Lambda::EventSourceMapping", "AWS::Lambda::Permission",
                "AWS::Lambda::EventInvokeConfig", "AWS::Events::Rule", "AWS::Logs::LogGroup", "AWS::IAM::Policy",
            ]), "\(types.sorted())")
            XCTAssertEqual(template.resources.values.filter { $0.type == "AWS::Lambda::EventSourceMapping" }.count, 4)
            templates["lambda-\(label)"] = template
        }
        assertLintClean(templates)
    }

    /// The check can fail: a function with a runtime cfn-lint does not know is reported.
    func testCfnLintReportsABrokenFunction() throws {
        var template = try XCTUnwrap(synthesizeLambda { Function("Fn", product: "fn") })
        template.resources["Fn"]?.properties["Runtime"] = "swift6"
        let result = try CfnLint.run(["lambda-bad": template])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains(":E3030:'swift6' is not one of"), result.output)
    }

    @StackBuilder static var everything: StackBody {
        let ticks = KinesisStream("Ticks", shards: 2)
        let quotes = Table("Quotes", partitionKey: .string("symbol"), sortKey: .number("timestamp"), stream: .newAndOldImages)
        let jobs = Queue("Jobs", visibilityTimeout: .minutes(6), deadLetter: .init(maxReceiveCount: 5))
        let trades = Queue("Trades", fifo: true, visibilityTimeout: .minutes(2))
        let uploads = Bucket("Uploads", eventBridge: true)
        let failures = Queue("Failures")
        let dead = Queue("Dead")
        let alerts = Topic("Alerts")
        let processing = Function(
            "Processing", product: "fn", memory: 1_024, timeout: .minutes(1), architecture: .arm64, reservedConcurrency: 10,
            description: "Processes every kind of event", deadLetterQueue: dead
        ) {
            Trigger.kinesis(ticks, batchSize: 500, start: .trimHorizon, batchingWindow: .seconds(10), retries: 5,
                            bisectOnError: true, parallelization: 4)
            Trigger.dynamoDBStream(quotes, batchSize: 50, start: .latest, batchingWindow: .seconds(1), retries: -1,
                                   bisectOnError: true, parallelization: 2, reportBatchItemFailures: false)
            Trigger.sqs(jobs, batchSize: 100, batchingWindow: .seconds(5), maxConcurrency: 10)
            Trigger.sqs(trades, batchSize: 10)
            Trigger.s3(uploads, prefix: "incoming/", suffix: ".csv")
            Trigger.s3(uploads, events: ["s3:ObjectRemoved:*"], prefix: "archive/")
            Trigger.schedule(.rate(5, .minutes))
            Trigger.schedule(.cron("0 12 ? * MON-FRI *"), input: ["mode": "daily", "bucket": uploads.name])
            OnFailure(.queue(failures))
            Env(TestEnv.self) {
                $0[.bucket] = uploads.name
                $0[.topic] = alerts.arn
            }
            Env(["LOG_LEVEL": "info"])
            Allow(uploads.read(keys: "incoming/*"), uploads.write(keys: "archive/*"), alerts.publish, quotes.readWriteData)
        }
        ticks; quotes; jobs; trades; uploads; failures; dead; alerts; processing
        Function("Reporter", product: "fn") {
            Trigger.schedule(.rate(1, .day))
            OnFailure(.topic(alerts))
            Allow(processing.invoke)
        }
    }
}
