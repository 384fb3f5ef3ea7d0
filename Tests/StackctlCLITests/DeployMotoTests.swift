import AWSClient
import Foundation
import StackAssets
import StackCore
import StackAWS
import StackDeploy
import StackctlCLI
import TestSupport
import XCTest

/// bootstrap → deploy → redeploy → update → destroy of both estates with `--env local` against a
/// moto server of this class's own; what was created is checked through the services' APIs.
final class DeployMotoTests: ClassMotoTestCase {
    let stagingBucket = "stackctl-assets-123456789012-us-east-1"

    func testBootstrapDeployRedeployUpdateDestroy() throws {
        let root = try scratchRoot(self)
        let first = pinned(["market-processing": "1", "market-analysis": "2", "tick-processor": "3"])
        let zips = try placeBuiltZips(first, root: root)
        let assets = StaticAssets(first)
        let probe = AWSProbe(endpoint: endpoint)

        // Not bootstrapped: refused, with the command that fixes it.
        var run = runDeployCLI(["deploy", "--env", "local", "--require-approval", "never"], endpoint: endpoint, root: root, assets: assets)
        XCTAssertEqual(run.status, 5, run.stderr)
        XCTAssertTrue(run.stderr.contains("run `stackctl bootstrap --env local`"), run.stderr)

        run = runDeployCLI(["bootstrap", "--env", "local"], endpoint: endpoint, root: root, assets: assets)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("+ StagingBucket"), run.stdout)
        XCTAssertTrue(try blocking { try await probe.bucketExists("stackctl-assets-123456789012-us-east-1") })

        // First deploy with the default approval and no terminal: IAM is added, so it refuses.
        run = runDeployCLI(["deploy", "--env", "local"], endpoint: endpoint, root: root, assets: assets)
        XCTAssertEqual(run.status, 5, run.stderr)
        XCTAssertTrue(run.stdout.contains("assets: 3 uploaded, 0 already in s3://\(stagingBucket)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("ProcessingRole (MarketStream/Processing/Role), a AWS::IAM::Role, grants new permissions"), run.stdout)
        XCTAssertTrue(run.stderr.contains("--require-approval never"), run.stderr)

        // Deploy from a reviewed output folder.
        let folder = root.appendingPathComponent("reviewed")
        XCTAssertEqual(runDeployCLI(["synth", "--env", "local", "--format", "json", "--out", folder.path, "--quiet"],
                                    endpoint: endpoint, root: root, assets: assets).status, 0)
        let outputs = root.appendingPathComponent("outputs.json")
        run = runDeployCLI(["deploy", "--env", "local", "--from", folder.path, "--require-approval", "never", "--concurrency", "2",
                            "--outputs-file", outputs.path], endpoint: endpoint, root: root, assets: assets)
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("assets: 0 uploaded, 3 already in s3://\(stagingBucket)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("+ Processing"), run.stdout)
        XCTAssertTrue(run.stdout.contains("MarketStream/Processing/Role"), run.stdout)
        XCTAssertTrue(run.stdout.contains("deployed local: 2 created, 0 updated, 0 unchanged"), run.stdout)
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: outputs)) as? [String: [String: Any]]
        XCTAssertEqual(written?["TickAlerts"]?["stackName"] as? String, "mkt-local-TickAlerts")
        try checkDeployed(probe, zips: zips)

        // diff against what is deployed (GetTemplate): nothing to show right after the deploy.
        run = runDeployCLI(["diff", "--env", "local"], endpoint: endpoint, root: root, assets: assets)
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("No changes in 2 stacks."), run.stdout)
        XCTAssertTrue(run.stderr.contains("local: account 123456789012"), run.stderr)

        // Unchanged: no changes, nothing uploaded, no question needed.
        let keysBefore = try blocking { try await probe.objectKeys(bucket: "stackctl-assets-123456789012-us-east-1") }
        run = runDeployCLI(["deploy", "--env", "local"], endpoint: endpoint, root: root, assets: assets)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("MarketStream (mkt-local-MarketStream): no changes"), run.stdout)
        XCTAssertTrue(run.stdout.contains("TickAlerts (mkt-local-TickAlerts): no changes"), run.stdout)
        XCTAssertTrue(run.stdout.contains("assets: 0 uploaded, 3 already in"), run.stdout)
        XCTAssertEqual(try blocking { try await probe.objectKeys(bucket: "stackctl-assets-123456789012-us-east-1") }, keysBefore)

        // New tick-processor code: one upload, an UPDATE of TickAlerts only; a code change is not
        // broadening, so the default approval lets it through without a terminal.
        let second = pinned(["market-processing": "1", "market-analysis": "2", "tick-processor": "4"])
        let newZips = try placeBuiltZips(second.filter { $0.product == "tick-processor" }, root: root)

        // Before deploying it, diff shows the code change on the deployed TickAlerts only, as JSON for CI.
        run = runDeployCLI(["diff", "--env", "local", "--format", "json"], endpoint: endpoint, root: root,
                           assets: StaticAssets(second))
        XCTAssertEqual(run.status, 2, run.stderr + run.stdout)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
        let stacks = try XCTUnwrap(report["stacks"] as? [[String: Any]])
        let changed = stacks.filter { (($0["resources"] as? [[String: Any]]) ?? []).isEmpty == false }
        XCTAssertEqual(changed.compactMap { $0["name"] as? String }, ["TickAlerts"], run.stdout)
        XCTAssertTrue(run.stdout.contains("\"logicalId\": \"Processor\""), run.stdout)
        XCTAssertTrue(run.stdout.contains("\"constructPath\": \"TickAlerts/Processor\""), run.stdout)
        XCTAssertTrue(run.stdout.contains("Properties.Code.S3Key"), run.stdout)
        run = runDeployCLI(["deploy", "--env", "local"], endpoint: endpoint, root: root, assets: StaticAssets(second))
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("assets: 1 uploaded, 2 already in"), run.stdout)
        XCTAssertTrue(run.stdout.contains("TickAlerts (mkt-local-TickAlerts): 1 to modify"), run.stdout)
        XCTAssertTrue(run.stdout.contains("~ Processor"), run.stdout)
        XCTAssertTrue(run.stdout.contains("deployed local: 0 created, 1 updated, 1 unchanged"), run.stdout)
        let processor = try blocking { try await probe.resources("mkt-local-TickAlerts")["Processor"] ?? "" }
        let code = try blocking { try await probe.function(processor)["CodeSha256"]?.stringValue }
        XCTAssertEqual(code, codeSha256(newZips["tick-processor"]!))
        run = runDeployCLI(["diff", "--env", "local", "--fail-on", "any"], endpoint: endpoint, root: root, assets: StaticAssets(second))
        XCTAssertEqual(run.status, 0, "deployed, so no changes: " + run.stdout + run.stderr)

        // Destroy: refused without a terminal or --yes; then both stacks go, the staging bucket stays.
        run = runDeployCLI(["destroy", "--env", "local"], endpoint: endpoint, root: root, assets: StaticAssets(second))
        XCTAssertEqual(run.status, 5, run.stderr)
        XCTAssertTrue(run.stderr.contains("pass --yes"), run.stderr)
        run = runDeployCLI(["destroy", "--env", "local", "--yes"], endpoint: endpoint, root: root, assets: StaticAssets(second))
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        let tickAlertsDeleted = run.stdout.range(of: "TickAlerts (mkt-local-TickAlerts): deleted")
        let marketDeleted = run.stdout.range(of: "MarketStream (mkt-local-MarketStream): deleted")
        XCTAssertNotNil(tickAlertsDeleted, run.stdout)
        XCTAssertNotNil(marketDeleted, run.stdout)
        for stack in ["mkt-local-MarketStream", "mkt-local-TickAlerts"] {
            XCTAssertNil(try blocking { try await probe.cloudFormation.describeStack(stack) }, stack)
        }
        XCTAssertFalse(try blocking { try await probe.bucketExists("mkt-local-market-stream-raw-data-123456789012") })
        XCTAssertNil(try blocking { try await probe.queueURL("mkt-local-tick-alerts-stock-queue") })
        XCTAssertTrue(try blocking { try await probe.bucketExists("stackctl-assets-123456789012-us-east-1") })
        XCTAssertEqual(try blocking { try await probe.objectKeys(bucket: "stackctl-assets-123456789012-us-east-1") }.count, 4)
    }

    /// A template over 51,200 bytes goes to the staging bucket and CloudFormation reads it from there.
    func testLargeTemplateIsPassedByURL() throws {
        let root = try scratchRoot(self)
        let settings = StackSettings(environment: "local", account: "123456789012", region: "us-east-1", namePrefix: "big-local",
                                     endpoint: "http://127.0.0.1:5000")
        let estate = AnyEstate(defaultEnvironment: "local", stacks: { _ in
            [AdHocStack("Big", (0..<14).map { index in
                RawResource("Setting\(index)", type: "AWS::SSM::Parameter",
                            properties: ["Name": .string("/big-local/setting-\(index)"), "Type": "String",
                                         "Value": .string(String(repeating: "v", count: 3_900))])
            })]
        }, settings: settings)
        let probe = AWSProbe(endpoint: endpoint)
        XCTAssertEqual(runDeployCLI(["bootstrap", "--env", "local"], endpoint: endpoint, root: root, assets: pinnedAssets).status, 0)
        let run = runDeployCLI(["deploy", "--env", "local", "--require-approval", "never"], endpoint: endpoint, root: root,
                               assets: pinnedAssets, estate: estate)
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stderr.contains("template-uploaded"), run.stderr)
        let status = try blocking { try await probe.cloudFormation.describeStack("big-local-Big")?.status }
        XCTAssertEqual(status, "CREATE_COMPLETE")
        let keys = try blocking { try await probe.objectKeys(bucket: "stackctl-assets-123456789012-us-east-1") }
        XCTAssertEqual(keys.filter { $0.hasPrefix("templates/big-local-Big-") && $0.hasSuffix(".json") }.count, 1, "\(keys)")
        let sent = try blocking { try await probe.cloudFormation.getTemplate(stackName: "big-local-Big") }
        XCTAssertGreaterThan(sent.utf8.count, 51_200)
        XCTAssertEqual(runDeployCLI(["destroy", "--env", "local", "--yes"], endpoint: endpoint, root: root, assets: pinnedAssets,
                                    estate: estate).status, 0)
    }

    func checkDeployed(_ probe: AWSProbe, zips: [String: Data], file: StaticString = #filePath, line: UInt = #line) throws {
        let market = try blocking { try await probe.resources("mkt-local-MarketStream") }
        let ticks = try blocking { try await probe.resources("mkt-local-TickAlerts") }
        for bucket in ["mkt-local-market-stream-raw-data-123456789012", "mkt-local-tick-alerts-processed-data-123456789012"] {
            XCTAssertTrue(try blocking { try await probe.bucketExists(bucket) }, bucket, file: file, line: line)
        }
        // Functions run the uploaded zips: Lambda's code hash is the hash of the zip under the template's S3Key.
        for (logicalId, resources, product) in [("Processing", market, "market-processing"), ("Analysis", market, "market-analysis"),
                                                ("Processor", ticks, "tick-processor")] {
            let name = try XCTUnwrap(resources[logicalId], file: file, line: line)
            let configuration = try blocking { try await probe.function(name) }
            XCTAssertEqual(configuration["CodeSha256"]?.stringValue, codeSha256(zips[product]!), product, file: file, line: line)
            XCTAssertEqual(configuration["Runtime"]?.stringValue, "provided.al2023", file: file, line: line)
        }
        let table = try blocking { try await probe.table("mkt-local-stock-market-data") }
        XCTAssertEqual(table["StreamSpecification"]?["StreamEnabled"], .bool(true), file: file, line: line)
        let tableStream = try XCTUnwrap(table["LatestStreamArn"]?.stringValue, file: file, line: line)
        let processingSources = try blocking { try await probe.eventSources(function: market["Processing"]!) }
        XCTAssertEqual(processingSources.count, 1, file: file, line: line)
        XCTAssertTrue(processingSources.first?.hasSuffix(":stream/mkt-local-stock-market-stream") == true, "\(processingSources)", file: file, line: line)
        XCTAssertEqual(try blocking { try await probe.eventSources(function: market["Analysis"]!) }, [tableStream], file: file, line: line)
        let processorSources = try blocking { try await probe.eventSources(function: ticks["Processor"]!) }
        XCTAssertEqual(processorSources, ["arn:aws:sqs:us-east-1:123456789012:mkt-local-tick-alerts-stock-queue"], file: file, line: line)
        let topics = try blocking { try await probe.topicArns() }
        for topic in ["mkt-local-market-stream-trend-alerts", "mkt-local-tick-alerts-stock-alerts"] {
            XCTAssertTrue(topics.contains("arn:aws:sns:us-east-1:123456789012:\(topic)"), "\(topics)", file: file, line: line)
        }
        for queue in ["mkt-local-market-stream-processing-failures", "mkt-local-tick-alerts-stock-queue", "mkt-local-tick-alerts-stock-queue-dlq"] {
            XCTAssertNotNil(try blocking { try await probe.queueURL(queue) }, queue, file: file, line: line)
        }
    }
}
