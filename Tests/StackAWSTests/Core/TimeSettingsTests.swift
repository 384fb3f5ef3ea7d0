import StackAWS
import StackCore
import StackTemplate
import XCTest

/// Every time setting is a `Duration`, converted to the unit AWS takes: exact values render, inexact ones
/// and values out of range are reported in that unit.
final class TimeSettingsTests: XCTestCase {
    func testDurationsRenderInTheUnitAWSTakes() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let jobs = Queue("Jobs", visibilityTimeout: .minutes(12), retentionPeriod: .hours(36))
            let ticks = KinesisStream("Ticks", retention: .days(3))
            jobs; ticks
            Bucket("Raw", lifecycle: [.expire(after: .hours(48)), .transition(to: .glacier, after: .days(7))])
            Function("Fn", product: "fn", timeout: .minutes(2)) {
                Trigger.sqs(jobs, batchSize: 100, batchingWindow: .minutes(1))
                Trigger.kinesis(ticks, batchingWindow: .seconds(20))
            }
        })
        XCTAssertEqual(template.resources["Jobs"]?.properties["VisibilityTimeout"], 720)
        XCTAssertEqual(template.resources["Jobs"]?.properties["MessageRetentionPeriod"], 129_600)
        XCTAssertEqual(template.resources["Ticks"]?.properties["RetentionPeriodHours"], 72)
        XCTAssertEqual(template.resources["Fn"]?.properties["Timeout"], 120)
        XCTAssertEqual(template.resources["FnJobsSource"]?.properties["MaximumBatchingWindowInSeconds"], 60)
        XCTAssertEqual(template.resources["FnTicksSource"]?.properties["MaximumBatchingWindowInSeconds"], 20)
        let rules = template.resources["Raw"]?.properties["LifecycleConfiguration"]?["Rules"]
        XCTAssertEqual(rules, [
            ["Id": "Rule0", "Status": "Enabled", "ExpirationInDays": 2],
            ["Id": "Rule1", "Status": "Enabled", "Transitions": [["StorageClass": "GLACIER", "TransitionInDays": 7]]],
        ])
    }

    func testVisibilityTimeoutOutOfRangeIsStatedInSeconds() {
        let found = failures { Queue("Jobs", visibilityTimeout: .seconds(50_000)) }
        assertDiagnostic(found, code: "out-of-range", path: "Test/Jobs", property: "visibilityTimeout",
                         message: "visibilityTimeout 50000 s is out of range")
        XCTAssertEqual(found.first?.hint, "use a duration from .seconds(0) to .hours(12)")
    }

    func testQueueRetentionAboveFourteenDays() {
        let found = failures { Queue("Jobs", retentionPeriod: .days(15)) }
        assertDiagnostic(found, code: "out-of-range", path: "Test/Jobs", property: "retentionPeriod",
                         message: "retentionPeriod 1296000 s is out of range")
        XCTAssertEqual(found.first?.hint, "use a duration from .minutes(1) to .days(14)")
    }

    func testSecondsForADaysSettingAreRejected() {
        let found = failures { Bucket("Raw", lifecycle: [.expire(after: .seconds(90))]) }
        assertDiagnostic(found, code: "inexact-duration", path: "Test/Raw", property: "lifecycle[0].expireAfter",
                         message: "lifecycle[0].expireAfter .seconds(90) is not a whole number of days")
        XCTAssertEqual(found.first?.hint, "AWS takes lifecycle[0].expireAfter in whole days; use .days(1)")
    }

    func testPartHoursForKinesisRetentionAreRejected() {
        assertDiagnostic(failures { KinesisStream("Ticks", retention: .minutes(36 * 60 + 30)) },
                         code: "inexact-duration", path: "Test/Ticks", property: "retention",
                         message: "retention .minutes(2190) is not a whole number of hours")
    }

    func testSubSecondFunctionTimeoutIsRejected() {
        let found = lambdaFailures { Function("Fn", product: "fn", timeout: .milliseconds(1_500)) }
        assertDiagnostic(found, code: "inexact-duration", path: "Test/Fn", property: "timeout",
                         message: "timeout .milliseconds(1500) is not a whole number of seconds")
        XCTAssertEqual(found.first?.hint, "AWS takes timeout in whole seconds; use .seconds(1) or .seconds(2)")
    }

    func testSubSecondBatchingWindowIsRejected() {
        let found = lambdaFailures {
            let jobs = Queue("Jobs")
            jobs
            Function("Fn", product: "fn") { Trigger.sqs(jobs, batchSize: 20, batchingWindow: .milliseconds(2_500)) }
        }
        assertDiagnostic(found, code: "inexact-duration", path: "Test/Fn", property: "batchingWindow",
                         message: "batchingWindow .milliseconds(2500) is not a whole number of seconds")
    }

    func testFunctionTimeoutAboveFifteenMinutesHintsInMinutes() {
        let found = lambdaFailures { Function("Fn", product: "fn", timeout: .minutes(20)) }
        assertDiagnostic(found, code: "out-of-range", path: "Test/Fn", property: "timeout",
                         message: "timeout 1200 s is out of range")
        XCTAssertEqual(found.first?.hint, "use a duration from .seconds(1) to .minutes(15)")
    }
}
