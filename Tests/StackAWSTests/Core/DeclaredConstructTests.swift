import StackAWS
import StackCore
import StackTemplate
import XCTest

/// Triggers, subscriptions and destinations are handed copies; the declared construct is the truth.
final class DeclaredConstructTests: XCTestCase {
    // MARK: Checks read the declared construct

    func testACopyWithDefaultsIsAMismatchNotATooShortVisibilityTimeout() {
        // The stack declares 6 minutes; the trigger's copy has the default 30 s, which would be too short.
        let found = lambdaFailures {
            Queue("Jobs", visibilityTimeout: .minutes(6))
            Function("Processing", product: "fn", timeout: .minutes(1)) { Trigger.sqs(Queue("Jobs")) }
        }
        assertDiagnostic(found, code: "construct-mismatch", path: "Test/Processing", property: "trigger", message: """
            the Queue handed here differs from the one declared at Test/Jobs: visibilityTimeout is .seconds(30) here, \
            .minutes(6) at Test/Jobs
            """)
    }

    func testTheVisibilityCheckReadsTheDeclaredQueue() {
        // The copy says 6 minutes, the declared queue 30 s: the check finds the declared one too short.
        let found = lambdaFailures {
            Queue("Jobs")
            Function("Processing", product: "fn", timeout: .minutes(1)) { Trigger.sqs(Queue("Jobs", visibilityTimeout: .minutes(6))) }
        }
        XCTAssertEqual(found.map(\.code), ["construct-mismatch", "visibility-timeout-too-short"])
        XCTAssertEqual(found.last?.message, "queue Jobs has a visibility timeout of 30 s, shorter than the function timeout of 60 s")
        XCTAssertEqual(found.last?.hint, "set visibilityTimeout: .minutes(6) on Queue(\"Jobs\") (AWS recommends six times the timeout)")
    }

    func testAnEqualCopyIsTheDeclaredConstruct() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            Queue("Jobs", visibilityTimeout: .minutes(6))
            Function("Processing", product: "fn", timeout: .minutes(1)) { Trigger.sqs(Queue("Jobs", visibilityTimeout: .minutes(6))) }
        })
        XCTAssertNotNil(template.resources["ProcessingJobsSource"])
    }

    func testAStreamTriggerReadsTheDeclaredTable() {
        let found = lambdaFailures {
            Table("Quotes", partitionKey: .string("symbol"), stream: .newImage)
            Function("Processing", product: "fn") { Trigger.dynamoDBStream(Table("Quotes", partitionKey: .string("symbol"))) }
        }
        assertDiagnostic(found, code: "construct-mismatch", path: "Test/Processing", property: "trigger", message: """
            the Table handed here differs from the one declared at Test/Quotes: stream is nil here, newImage at Test/Quotes
            """)
    }

    func testASubscriptionReadsTheDeclaredQueueForFIFOChecks() {
        let found = failures {
            Queue("Trades", fifo: true)
            Topic("Alerts", subscriptions: [.sqs(Queue("Trades"))])
        }
        XCTAssertEqual(found.map { "\($0.path) \($0.code) \($0.property ?? "-")" }, [
            "Test/Alerts construct-mismatch subscriptions[0]",
            "Test/Alerts unsupported-subscription subscriptions[0]",
        ])
        XCTAssertEqual(found.first?.message,
                       "the Queue handed here differs from the one declared at Test/Trades: fifo is false here, true at Test/Trades")
    }

    func testDestinationsAndDeadLetterQueuesAreChecked() {
        let found = lambdaFailures {
            Queue("Failures")
            Topic("Alerts")
            Function("Processing", product: "fn", deadLetterQueue: Queue("Failures", retentionPeriod: .days(14))) {
                Trigger.schedule(.rate(1, .day))
                OnFailure(.topic(Topic("Alerts", fifo: true)))
            }
        }
        XCTAssertEqual(found.map { "\($0.code) \($0.property ?? "-")" }, [
            "construct-mismatch deadLetterQueue", "construct-mismatch onFailure",
        ])
    }

    func testAGlueTableChecksItsDatabase() {
        let found = failures {
            GlueDatabase("Catalog", name: "market")
            GlueTable("Quotes", database: GlueDatabase("Catalog", name: "other"), name: "quotes",
                      location: "s3://bucket/quotes/", format: .json, columns: [Column("symbol", .string)])
        }
        assertDiagnostic(found, code: "construct-mismatch", path: "Test/Quotes", property: "database", message: """
            the GlueDatabase handed here differs from the one declared at Test/Catalog: name is "other" here, \
            "market" at Test/Catalog
            """)
    }

    func testAnUndeclaredQueueSaysWhatToDeclare() {
        let found = lambdaFailures {
            Function("Processing", product: "fn") { Trigger.sqs(Queue("Jobs")) }
        }
        assertDiagnostic(found, code: "undeclared-construct", path: "Test/Processing", property: "trigger",
                         message: "Queue(\"Jobs\") is used here but not declared in any stack")
        XCTAssertEqual(found.first?.hint, """
            declare it once in the stack that owns it: a stored property (let jobs = Queue("Jobs", ...)) or a line in its body
            """)
    }
}
