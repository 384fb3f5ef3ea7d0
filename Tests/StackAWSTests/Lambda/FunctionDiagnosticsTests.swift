import StackAWS
import StackCore
import StackTemplate
import XCTest

/// One test per diagnostic the Lambda function and its triggers report: code, path, property and the
/// exact message (and that it is the only diagnostic).
final class FunctionDiagnosticsTests: XCTestCase {
    // MARK: Function settings

    func testMemoryTooSmall() {
        assertDiagnostic(lambdaFailures { Function("Processing", product: "fn", memory: 127) },
                         code: "out-of-range", path: "Test/Processing", property: "memory",
                         message: "memory 127 MB is out of range")
    }

    func testMemoryTooLarge() {
        assertDiagnostic(lambdaFailures { Function("Processing", product: "fn", memory: 10_241) },
                         code: "out-of-range", path: "Test/Processing", property: "memory",
                         message: "memory 10241 MB is out of range")
    }

    func testMemoryBoundsAreAccepted() {
        XCTAssertNotNil(synthesizeLambda {
            Function("Small", product: "fn", memory: 128, timeout: .seconds(1))
            Function("Large", product: "fn", memory: 10_240, timeout: .minutes(15))
        })
    }

    func testTimeoutZero() {
        assertDiagnostic(lambdaFailures { Function("Processing", product: "fn", timeout: .zero) },
                         code: "out-of-range", path: "Test/Processing", property: "timeout",
                         message: "timeout 0 s is out of range")
    }

    func testTimeoutOverFifteenMinutes() {
        assertDiagnostic(lambdaFailures { Function("Processing", product: "fn", timeout: .seconds(901)) },
                         code: "out-of-range", path: "Test/Processing", property: "timeout",
                         message: "timeout 901 s is out of range")
    }

    func testNegativeReservedConcurrency() {
        assertDiagnostic(lambdaFailures { Function("Processing", product: "fn", reservedConcurrency: -1) },
                         code: "out-of-range", path: "Test/Processing", property: "reservedConcurrency",
                         message: "reservedConcurrency -1 is out of range")
    }

    func testEmptyProduct() {
        assertDiagnostic(lambdaFailures { Function("Processing", product: "") },
                         code: "invalid-product", path: "Test/Processing", property: "product",
                         message: "product name is empty")
    }

    func testUnknownProduct() {
        assertDiagnostic(lambdaFailures { Function("Processing", product: "nope") },
                         code: "asset-not-found", path: "Test/Processing", property: "product",
                         message: "no function product named 'nope'")
    }

    func testUnknownProductWithTriggersReportsOnlyTheProduct() {
        // Triggers and grants refer to the function: a missing asset must not also make them dangle.
        let diagnostics = lambdaFailures {
            let ticks = KinesisStream("Ticks")
            let uploads = Bucket("Uploads")
            let failures = Queue("Failures")
            let processing = Function("Processing", product: "nope") {
                Trigger.kinesis(ticks)
                Trigger.s3(uploads)
                Trigger.schedule(.rate(5, .minutes))
                OnFailure(.queue(failures))
            }
            ticks; uploads; failures; processing
            Function("Caller", product: "fn") { Allow(processing.invoke) }
        }
        assertDiagnostic(diagnostics, code: "asset-not-found", path: "Test/Processing", property: "product",
                         message: "no function product named 'nope'")
    }

    // MARK: Environment

    func testEnvVarUnsetOnePerMissingVariable() {
        let diagnostics = lambdaFailures {
            Function("Processing", product: "fn") { Env(TestEnv.self) { _ in } }
        }
        XCTAssertEqual(diagnostics.count, 2, "\(diagnostics.map(\.description))")
        assertDiagnostic(Array(diagnostics.prefix(1)), code: "env-var-unset", path: "Test/Processing",
                         property: "environment.BUCKET", message: "environment variable BUCKET of TestEnv is not set")
        assertDiagnostic(Array(diagnostics.dropFirst()), code: "env-var-unset", path: "Test/Processing",
                         property: "environment.TOPIC_ARN", message: "environment variable TOPIC_ARN of TestEnv is not set")
    }

    func testEnvVarUnsetForOneVariable() {
        assertProcessingDiagnostic(code: "env-var-unset", property: "environment.TOPIC_ARN",
                                   message: "environment variable TOPIC_ARN of TestEnv is not set") {
            Env(TestEnv.self) { $0[.bucket] = "raw" }
        }
    }

    func testEnvVarWithReservedPrefix() {
        assertProcessingDiagnostic(code: "env-var-invalid", property: "environment.AWS_REGION",
                                   message: "environment variable AWS_REGION cannot be set") {
            Env(["AWS_REGION": "eu-west-1"])
        }
    }

    func testEnvVarWithNullValue() {
        assertProcessingDiagnostic(code: "env-var-invalid", property: "environment.MODE",
                                   message: "environment variable MODE cannot be set") {
            Env(["MODE": .null])
        }
    }

    // MARK: Stream triggers

    func testKinesisBatchSizeZero() {
        let ticks = KinesisStream("Ticks")
        assertProcessingDiagnostic(after: ticks, code: "out-of-range", property: "batchSize",
                                   message: "batchSize 0 is out of range") {
            Trigger.kinesis(ticks, batchSize: 0)
        }
    }

    func testKinesisBatchSizeOverTenThousand() {
        let ticks = KinesisStream("Ticks")
        assertProcessingDiagnostic(after: ticks, code: "out-of-range", property: "batchSize",
                                   message: "batchSize 10001 is out of range") {
            Trigger.kinesis(ticks, batchSize: 10_001)
        }
    }

    func testStreamBatchingWindowOverFiveMinutes() {
        let ticks = KinesisStream("Ticks")
        assertProcessingDiagnostic(after: ticks, code: "out-of-range", property: "batchingWindow",
                                   message: "batchingWindow 301 s is out of range") {
            Trigger.kinesis(ticks, batchingWindow: .seconds(301))
        }
    }

    func testStreamRetriesBelowMinusOne() {
        let ticks = KinesisStream("Ticks")
        assertProcessingDiagnostic(after: ticks, code: "out-of-range", property: "retries",
                                   message: "retries -2 is out of range") {
            Trigger.kinesis(ticks, retries: -2)
        }
    }

    func testStreamParallelizationOverTen() {
        let quotes = Table("Quotes", partitionKey: .string("symbol"), stream: .newImage)
        assertProcessingDiagnostic(after: quotes, code: "out-of-range", property: "parallelization",
                                   message: "parallelization 11 is out of range") {
            Trigger.dynamoDBStream(quotes, parallelization: 11)
        }
    }

    func testDynamoDBTriggerOnTableWithoutStream() {
        let quotes = Table("Quotes", partitionKey: .string("symbol"))
        assertProcessingDiagnostic(after: quotes, code: "stream-not-enabled", property: "trigger",
                                   message: "DynamoDB stream trigger needs a stream on Test/Quotes") {
            Trigger.dynamoDBStream(quotes)
        }
    }

    // MARK: SQS triggers

    func testSQSBatchOverTenNeedsWindow() {
        let jobs = Queue("Jobs")
        assertProcessingDiagnostic(after: jobs, code: "batching-window-required", property: "batchingWindow",
                                   message: "an SQS batch size over 10 needs a batching window") {
            Trigger.sqs(jobs, batchSize: 11)
        }
    }

    func testSQSBatchOverTenWithZeroWindowNeedsWindow() {
        let jobs = Queue("Jobs")
        assertProcessingDiagnostic(after: jobs, code: "batching-window-required", property: "batchingWindow",
                                   message: "an SQS batch size over 10 needs a batching window") {
            Trigger.sqs(jobs, batchSize: 11, batchingWindow: .zero)
        }
    }

    func testSQSBatchOverTenOnFIFOQueue() {
        // A batching window would not help: FIFO queues take at most 10 and no window at all.
        let trades = Queue("Trades", fifo: true)
        assertProcessingDiagnostic(after: trades, code: "out-of-range", property: "batchSize",
                                   message: "batchSize 11 is out of range") {
            Trigger.sqs(trades, batchSize: 11)
        }
    }

    func testSQSBatchingWindowOnFIFOQueue() {
        let trades = Queue("Trades", fifo: true)
        assertProcessingDiagnostic(after: trades, code: "batching-window-unsupported", property: "batchingWindow",
                                   message: "the FIFO queue Trades does not support a batching window") {
            Trigger.sqs(trades, batchSize: 10, batchingWindow: .seconds(5))
        }
    }

    func testSQSBatchingWindowOverFiveMinutes() {
        let jobs = Queue("Jobs")
        assertProcessingDiagnostic(after: jobs, code: "out-of-range", property: "batchingWindow",
                                   message: "batchingWindow 301 s is out of range") {
            Trigger.sqs(jobs, batchSize: 100, batchingWindow: .seconds(301))
        }
    }

    func testSQSMaxConcurrencyBelowTwo() {
        let jobs = Queue("Jobs")
        assertProcessingDiagnostic(after: jobs, code: "out-of-range", property: "maxConcurrency",
                                   message: "maxConcurrency 1 is out of range") {
            Trigger.sqs(jobs, maxConcurrency: 1)
        }
    }

    func testVisibilityTimeoutShorterThanFunctionTimeout() {
        let jobs = Queue("Jobs", visibilityTimeout: .seconds(30))
        assertProcessingDiagnostic(after: jobs, timeout: .minutes(1), code: "visibility-timeout-too-short", property: "trigger",
                                   message: "queue Jobs has a visibility timeout of 30 s, shorter than the function timeout of 60 s") {
            Trigger.sqs(jobs)
        }
    }

    // MARK: Schedules, failure destinations, grants

    func testInvalidScheduleTrigger() {
        assertProcessingDiagnostic(code: "invalid-schedule", property: "schedule",
                                   message: "cron(0 25 * * ? *): hours field '25' is out of range 0-23") {
            Trigger.schedule(.cron("0 25 * * ? *"))
        }
    }

    func testDuplicateOnFailure() {
        let failures = Queue("Failures")
        let alerts = Topic("Alerts")
        assertProcessingDiagnostic(after: failures, alerts, code: "duplicate-on-failure",
                                   message: "Processing has more than one OnFailure destination") {
            Trigger.schedule(.rate(1, .day))
            OnFailure(.queue(failures))
            OnFailure(.topic(alerts))
        }
    }

    func testWildcardAction() {
        assertProcessingDiagnostic(code: "wildcard-action", message: "a grant allows s3:*") {
            Allow(Grant("everything in S3", actions: ["s3:*"], resources: ["*"]))
        }
    }

    // MARK: Several at once

    func testSeveralProblemsAreAllReportedSorted() {
        let diagnostics = lambdaFailures {
            let jobs = Queue("Jobs")
            let quotes = Table("Quotes", partitionKey: .string("symbol"))
            jobs; quotes
            Function("Processing", product: "fn", memory: 64, timeout: .minutes(1)) {
                Trigger.sqs(jobs, batchSize: 20)
                Trigger.dynamoDBStream(quotes)
                Env(TestEnv.self) { $0[.topic] = "arn" }
                Allow(Grant("all", actions: ["*"], resources: ["*"]))
            }
            Function("Analysis", product: "missing")
        }
        XCTAssertEqual(diagnostics.map { "\($0.path) \($0.code) \($0.property ?? "-")" }, [
            "Test/Analysis asset-not-found product",
            "Test/Processing batching-window-required batchingWindow",
            "Test/Processing env-var-unset environment.BUCKET",
            "Test/Processing out-of-range memory",
            "Test/Processing stream-not-enabled trigger",
            "Test/Processing visibility-timeout-too-short trigger",
            "Test/Processing wildcard-action -",
        ])
        XCTAssertEqual(diagnostics.map(\.message), [
            "no function product named 'missing'",
            "an SQS batch size over 10 needs a batching window",
            "environment variable BUCKET of TestEnv is not set",
            "memory 64 MB is out of range",
            "DynamoDB stream trigger needs a stream on Test/Quotes",
            "queue Jobs has a visibility timeout of 30 s, shorter than the function timeout of 60 s",
            "a grant allows *",
        ])
        XCTAssertTrue(diagnostics.allSatisfy { $0.severity == .error && $0.hint != nil })
    }

    /// Asserts the one diagnostic of a function `Processing` (product `fn`) made of `parts`, in a stack
    /// that holds `sources` first.
    private func assertProcessingDiagnostic(
        after sources: any Construct..., timeout: Duration = .seconds(30), code: String, property: String? = nil, message: String,
        file: StaticString = #filePath, line: UInt = #line, @FunctionBuilder _ parts: () -> [FunctionPart]
    ) {
        let diagnostics = lambdaFailures(.testing, {
            sources
            Function("Processing", product: "fn", timeout: timeout, parts)
        }, file: file, line: line)
        assertDiagnostic(diagnostics, code: code, path: "Test/Processing", property: property, message: message,
                         file: file, line: line)
    }
}
