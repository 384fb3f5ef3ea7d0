import Foundation
import StackTemplate
import XCTest

/// The bundled estate meets its seeds' requirements, per environment.
final class EstateTests: XCTestCase {
    private func templates(_ environment: String) throws -> [String: Template] {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        let run = runCLI(["synth", "--env", environment, "--format", "json", "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        var result: [String: Template] = [:]
        for name in ["MarketStream", "TickAlerts"] {
            result[name] = try TemplateParser.parse(read(out.appendingPathComponent("\(name).template.json")))
        }
        return result
    }

    private func resources(_ template: Template?, ofType type: String) -> [Resource] {
        (template?.resources ?? [:]).keys.sorted().compactMap { template?.resources[$0] }.filter { $0.type == type }
    }

    func testMarketStreamWiring() throws {
        let market = try templates("dev")["MarketStream"]
        let mappings = resources(market, ofType: "AWS::Lambda::EventSourceMapping")
        XCTAssertEqual(mappings.count, 2)
        let kinesis = try XCTUnwrap(market?.resources["ProcessingTicksSource"])
        XCTAssertEqual(kinesis.properties["EventSourceArn"], .getAtt("Ticks", "Arn"))
        XCTAssertEqual(kinesis.properties["BatchSize"], 100)
        XCTAssertEqual(kinesis.properties["StartingPosition"], "LATEST")
        let stream = try XCTUnwrap(market?.resources["AnalysisQuotesStreamSource"])
        XCTAssertEqual(stream.properties["EventSourceArn"], .getAtt("Quotes", "StreamArn"))
        XCTAssertEqual(market?.resources["Quotes"]?.properties["StreamSpecification"], ["StreamViewType": "NEW_IMAGE"])
        XCTAssertEqual(market?.resources["Quotes"]?.properties["KeySchema"], [
            ["AttributeName": "symbol", "KeyType": "HASH"], ["AttributeName": "timestamp", "KeyType": "RANGE"],
        ])
        XCTAssertEqual(market?.resources["TrendAlertsEmail0"]?.properties["Protocol"], "email")
        XCTAssertEqual(market?.resources["TrendAlertsEmail0"]?.properties["Endpoint"], "alerts-dev@example.com")
        XCTAssertEqual(resources(market, ofType: "AWS::Glue::Table").count, 1)
        XCTAssertEqual(resources(market, ofType: "AWS::Athena::WorkGroup").count, 1)
    }

    func testProcessingMayWriteOnlyUnderRawData() throws {
        let market = try templates("dev")["MarketStream"]
        let policy = try XCTUnwrap(market?.resources["ProcessingPolicy"]?.properties["PolicyDocument"])
        guard case .list(let statements)? = policy["Statement"] else { return XCTFail("no statements") }
        let s3 = statements.filter { $0["Action"] == ["s3:AbortMultipartUpload", "s3:PutObject"] }
        XCTAssertEqual(s3.count, 1)
        XCTAssertEqual(s3.first?["Resource"],
                       .join("", ["arn:", .partition, ":s3:::mkt-dev-market-stream-raw-data-111111111111/raw-data/*"]))
    }

    func testTickAlertsWiring() throws {
        let ticks = try templates("dev")["TickAlerts"]
        let mapping = try XCTUnwrap(ticks?.resources["ProcessorStockQueueSource"])
        XCTAssertEqual(mapping.properties["BatchSize"], 10)
        XCTAssertEqual(mapping.properties["FunctionResponseTypes"], ["ReportBatchItemFailures"])
        XCTAssertNotNil(ticks?.resources["StockQueueDLQ"])
        let env = ticks?.resources["Processor"]?.properties["Environment"]?["Variables"]
        XCTAssertEqual(env?["ALERT_THRESHOLD"], "1200.0")
        XCTAssertEqual(env?["PROCESSED_PREFIX"], "processed/")
    }

    func testNoTemplateGrantsWildcardActions() throws {
        for environment in ["dev", "prod", "local"] {
            for (name, template) in try templates(environment) {
                for (id, resource) in template.resources where resource.type == "AWS::IAM::Policy" {
                    guard case .list(let statements)? = resource.properties["PolicyDocument"]?["Statement"] else { continue }
                    for statement in statements {
                        let actions: [TemplateValue]
                        switch statement["Action"] {
                        case .list(let list)?: actions = list
                        case let single?: actions = [single]
                        case nil: actions = []
                        }
                        for case .string(let action) in actions {
                            XCTAssertFalse(action == "*" || action.hasSuffix(":*"), "\(environment)/\(name)/\(id): \(action)")
                        }
                    }
                }
            }
        }
    }

    func testProdRetainsDataAndDevDoesNot() throws {
        let prod = try templates("prod"), dev = try templates("dev")
        let stateful = ["AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::Kinesis::Stream", "AWS::SQS::Queue", "AWS::Logs::LogGroup"]
        for type in stateful {
            let prodResources = prod.values.flatMap { resources($0, ofType: type) }
            let devResources = dev.values.flatMap { resources($0, ofType: type) }
            XCTAssertFalse(prodResources.isEmpty, type)
            XCTAssertTrue(prodResources.allSatisfy { $0.deletionPolicy == .retain && $0.updateReplacePolicy == .retain }, type)
            XCTAssertTrue(devResources.allSatisfy { $0.deletionPolicy == .delete }, type)
        }
        XCTAssertEqual(prod["MarketStream"]?.resources["Quotes"]?.properties["PointInTimeRecoverySpecification"],
                       ["PointInTimeRecoveryEnabled": true])
        XCTAssertNil(dev["MarketStream"]?.resources["Quotes"]?.properties["PointInTimeRecoverySpecification"])
    }

    func testProdManifestTurnsOnTerminationProtection() throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        XCTAssertEqual(runCLI(["synth", "--env", "prod", "--out", out.path]).status, 0)
        let manifest = try TemplateParser.parseValue(read(out.appendingPathComponent("manifest.json")))
        guard case .list(let stacks)? = manifest["stacks"] else { return XCTFail("no stacks") }
        XCTAssertEqual(stacks.map { $0["terminationProtection"] }, [true, true])
        XCTAssertEqual(stacks.first?["tags"]?["environment"], "prod")
    }
}
