import StackAWS
import StackCore
import StackTemplate
import TestSupport
import XCTest

final class WorkGroupTests: XCTestCase {
    func testWorkGroupWithoutRetainedData() throws {
        let template = try template {
            AthenaWorkGroup("Queries", name: "market-analytics", resultsLocation: "s3://results-bucket/athena/")
        }
        let workgroup = try XCTUnwrap(template.resources["Queries"])
        XCTAssertEqual(workgroup.type, "AWS::Athena::WorkGroup")
        XCTAssertEqual(workgroup.properties, [
            "Name": "market-analytics",
            "State": "ENABLED",
            "RecursiveDeleteOption": true,
            "WorkGroupConfiguration": [
                "EnforceWorkGroupConfiguration": true,
                "PublishCloudWatchMetricsEnabled": true,
                "ResultConfiguration": [
                    "OutputLocation": "s3://results-bucket/athena/",
                    "EncryptionConfiguration": ["EncryptionOption": "SSE_S3"],
                ],
            ],
        ])
    }

    func testWorkGroupKeepsSavedQueriesWhenDataIsRetained() throws {
        let template = try template(.retainingData) {
            AthenaWorkGroup("Queries", name: "market-analytics", resultsLocation: "s3://results-bucket/athena/",
                            enforce: false, bytesScannedCutoff: 1_000_000_000, description: "ad-hoc analysis")
        }
        let properties = try XCTUnwrap(template.resources["Queries"]?.properties)
        XCTAssertNil(properties["RecursiveDeleteOption"])
        XCTAssertEqual(properties["Description"], "ad-hoc analysis")
        XCTAssertEqual(properties["WorkGroupConfiguration"]?["EnforceWorkGroupConfiguration"], false)
        XCTAssertEqual(properties["WorkGroupConfiguration"]?["BytesScannedCutoffPerQuery"], 1_000_000_000)
    }

    func testResultsLocationFromAReference() throws {
        let results = BareFunction("Results")
        let template = try template {
            results
            AthenaWorkGroup("Queries", name: "q", resultsLocation: "s3://\(results.ref())/athena/")
        }
        XCTAssertEqual(template.resources["Queries"]?.properties["WorkGroupConfiguration"]?["ResultConfiguration"]?["OutputLocation"],
                       .join("", ["s3://", .ref("Results"), "/athena/"]))
    }

    func testRunQueriesGrant() {
        let workgroup = AthenaWorkGroup("Queries", name: "market-analytics", resultsLocation: "s3://r/athena/")
        XCTAssertEqual(workgroup.runQueries.statements, [PolicyStatement(
            actions: ["athena:GetQueryExecution", "athena:GetQueryResults", "athena:GetWorkGroup",
                      "athena:StartQueryExecution", "athena:StopQueryExecution"],
            resources: [.join("", ["arn:", .partition, ":athena:", .region, ":", .accountId, ":workgroup/market-analytics"])])])
        XCTAssertEqual(workgroup.runQueries.intent, "run Athena queries in market-analytics")
    }

    func testInvalidWorkGroupName() {
        let errors = synthesisErrors { AthenaWorkGroup("Queries", name: "market analytics!", resultsLocation: "s3://r/a/") }
        XCTAssertEqual(errors, [Diagnostic(.error, path: "Test/Queries", property: "name", code: "invalid-workgroup",
                                           message: "workgroup name 'market analytics!' must be 1-128 letters, digits, '.', '_' or '-'",
                                           hint: "use e.g. market-analytics")])
        XCTAssertEqual(synthesisErrors { AthenaWorkGroup("Queries", name: String(repeating: "a", count: 129), resultsLocation: "s3://r/a/") }
            .map(\.code), ["invalid-workgroup"])
    }

    func testCutoffBelowTenMegabytes() {
        let errors = synthesisErrors {
            AthenaWorkGroup("Queries", name: "q", resultsLocation: "s3://r/a/", bytesScannedCutoff: 1_000_000)
        }
        XCTAssertEqual(errors, [Diagnostic(.error, path: "Test/Queries", property: "bytesScannedCutoff", code: "out-of-range",
                                           message: "bytesScannedCutoff 1000000 bytes is out of range",
                                           hint: "use a value from 10000000 to \(Int.max) bytes")])
    }

    func testResultsLocationMustBeS3() {
        let errors = synthesisErrors { AthenaWorkGroup("Queries", name: "q", resultsLocation: "https://r/a/") }
        XCTAssertEqual(errors.map(\.code), ["invalid-workgroup"])
        XCTAssertEqual(errors.first?.property, "resultsLocation")
        XCTAssertEqual(errors.first?.message, "resultsLocation must be an S3 URI like s3://bucket/prefix/")
    }
}

/// Every analytics construct in one template, checked by cfn-lint.
final class AnalyticsLintTests: XCTestCase {
    func testAllAnalyticsConstructsPassCfnLint() throws {
        let report = BareFunction("Report")
        let catalog = GlueDatabase("Catalog", name: "market_data", description: "market data lake")
        let workgroup = AthenaWorkGroup("Queries", name: "market-analytics", resultsLocation: "s3://test-results/athena/",
                                        bytesScannedCutoff: 100_000_000, description: "analysts")
        let template = try template {
            report
            Rule("Daily", schedule: .cron("0 22 ? * MON-FRI *"), description: "weekday report",
                 targets: [.lambda(report, input: ["mode": "daily", "function": report.ref()])])
            Rule("Monthly", schedule: .cron("0 10 L * ? *"), targets: [.lambda(report)])
            Rule("Uploads", pattern: ["source": ["aws.s3"], "detail-type": ["Object Created"]], enabled: false, targets: [
                .sqs(arn: "arn:aws:sqs:us-east-2:123456789012:uploads.fifo", messageGroupID: "uploads"),
                .sns(arn: "arn:aws:sns:us-east-2:123456789012:alerts", input: ["alert": "upload"]),
                .stateMachine(arn: "arn:aws:states:us-east-2:123456789012:stateMachine:ingest"),
                .arn("arn:aws:kinesis:us-east-2:123456789012:stream/ticks", roleArn: "arn:aws:iam::123456789012:role/events-kinesis"),
                .lambda(report),
            ])
            ScheduledBareFunction(id: "Nightly", schedule: .rate(1, .day), input: ["job": "compact"])
            catalog
            GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://test-raw/quotes/", format: .json,
                      columns: [Column("symbol", .string), Column("price", .double), Column("ts", .timestamp, comment: "UTC"),
                                Column("tags", .array(.string)), Column("meta", .struct([Column("src", .string)]))],
                      partitionKeys: [Column("dt", .string)],
                      projection: PartitionProjection(["dt": .date(format: "yyyy-MM-dd", range: "2024-01-01,NOW")],
                                                      locationTemplate: "s3://test-raw/quotes/${dt}/"),
                      description: "quotes as JSON lines")
            GlueTable("Trades", database: catalog, name: "trades", location: "s3://test-raw/trades/", format: .parquet,
                      columns: [Column("id", .string), Column("amount", .decimal(18, 4))])
            GlueTable("Prices", database: catalog, name: "prices", location: "s3://test-raw/prices/", format: .csv(header: true),
                      columns: [Column("day", .date), Column("close", .double)])
            workgroup
            StackOutput("ReportArn", value: report.attribute("Arn"), description: "report function", export: true)
            StackOutput("WorkGroupName", value: workgroup.ref())
        }
        XCTAssertEqual(template.resources.count, 17)  // the state machine target's role and its policy among them
        assertLintClean(["analytics": template])
    }
}
