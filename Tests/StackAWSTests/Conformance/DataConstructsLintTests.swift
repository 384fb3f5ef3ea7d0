import StackAWS
import StackCore
import StackTemplate
import TestSupport
import XCTest

/// Every data construct with every option, plus a policy holding every grant, through cfn-lint: no
/// error, no warning, no informational finding. Both a throwaway and a retained environment, in one
/// cfn-lint run.
final class DataConstructsLintTests: XCTestCase {
    func testAllDataConstructsPassCfnLint() throws {
        var templates: [String: Template] = [:]
        for (label, settings) in [("dev", StackSettings.testing), ("prod", StackSettings.testingRetained)] {
            templates[label] = try XCTUnwrap(synthesize(settings) { Self.everything })
        }
        assertLintClean(templates)
    }

    /// The helper must see problems too: an unencrypted stream with an invalid stream mode.
    func testLintHelperReportsProblems() throws {
        let bad = Template(resources: [
            "Bad": Resource(type: "AWS::Kinesis::Stream", properties: ["StreamModeDetails": ["StreamMode": "SOMETIMES"]]),
        ])
        let result = try CfnLint.run(["bad": bad])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("E3030"), result.output)
    }

    @StackBuilder static var everything: StackBody {
        let raw = Bucket("Raw", versioned: true, lifecycle: [
            .expire(after: .days(30), prefix: "tmp/"),
            .expireNoncurrentVersions(after: .days(7)),
            .abortIncompleteUploads(after: .days(1)),
            .transition(to: .intelligentTiering, after: .zero, prefix: "raw/"),
            LifecycleRule(id: "archive", prefix: "old/", expireAfter: .days(365),
                          transitions: [.init(to: .standardInfrequentAccess, after: .days(30)), .init(to: .glacier, after: .days(90))]),
        ], eventBridge: true)
        let enriched = Bucket("Enriched", name: "market-enriched.example", encryption: .kmsManaged)
        let ticks = KinesisStream("Ticks", shards: 2, retention: .hours(48))
        let clicks = KinesisStream("Clicks", name: "clicks.v2", capacity: .onDemand, retention: .days(365))
        let quotes = Table("Quotes", partitionKey: .string("symbol"), sortKey: .number("timestamp"), stream: .newImage,
                           timeToLive: "expiresAt")
        let counters = Table("Counters", name: "counters.v1", partitionKey: .binary("id"),
                             billing: .provisioned(read: 5, write: 5), stream: .keysOnly, pointInTimeRecovery: true)
        let orders = Queue("Orders", visibilityTimeout: .minutes(2), retentionPeriod: .days(1), deadLetter: .init(maxReceiveCount: 5))
        let trades = Queue("Trades", fifo: true, deadLetter: .init(maxReceiveCount: 3))
        let notify = TestFunction("Notify")
        let alerts = Topic("Alerts", subscriptions: [
            .email("oncall@example.com"), .sqs(orders, rawMessageDelivery: true), .lambda(notify),
        ])
        let tradeEvents = Topic("TradeEvents", fifo: true, subscriptions: [.sqs(trades)])

        raw; enriched; ticks; clicks; quotes; counters; orders; trades; notify; alerts; tradeEvents
        GrantPolicy("Grants", [
            raw.read(keys: "raw/*"), raw.write(keys: "tmp/*"), enriched.readWrite(),
            ticks.read, clicks.write,
            quotes.readWriteData, quotes.streamRead, counters.readData, counters.writeData, counters.streamRead,
            orders.consume, trades.send, alerts.publish, tradeEvents.publish,
        ])
    }
}
