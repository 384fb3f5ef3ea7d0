import AWSClient
import Foundation
import StackAWS
import StackCore
import StackDeploy
import StackctlCLI
import TestSupport
import XCTest

/// Orphans against moto, at the CLI: an estate of two stacks is deployed, one stack leaves the estate,
/// and `diff` reports it as a whole-stack removal while `destroy --orphans` deletes exactly it —
/// never the estate's stacks, a foreign stack under the same prefix, another environment's, or bootstrap.
final class OrphanMotoTests: ClassMotoTestCase {
    let settings = StackSettings(environment: "local", account: "123456789012", region: "us-east-1", namePrefix: "orph-local",
                                 retainData: true, endpoint: "http://127.0.0.1:5000")

    /// Queues hold data, so with retainData they are retained; topics do not.
    func queue(_ id: String, _ name: String) -> RawResource {
        RawResource(id, type: "AWS::SQS::Queue", properties: ["QueueName": .string(name)])
    }

    func topic(_ id: String, _ name: String) -> RawResource {
        RawResource(id, type: "AWS::SNS::Topic", properties: ["TopicName": .string(name)])
    }

    /// The estate before (`Keep` and `Gone`) and after (`Keep` only).
    func estate(withGone: Bool) -> AnyEstate {
        let keep = AdHocStack("Keep", [queue("Jobs", "orph-local-keep-jobs")])
        let gone = AdHocStack("Gone", [topic("Work", "orph-local-gone-work"), queue("Archive", "orph-local-gone-archive")])
        return AnyEstate(defaultEnvironment: "local", stacks: { _ in withGone ? [keep, gone] : [keep] }, settings: settings)
    }

    /// A stack made without stackctl (no marker tag, or another environment's).
    func createForeign(_ probe: AWSProbe, _ name: String, tags: [String: String]) throws {
        let body = #"{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "\#(name.lowercased())"}}}}"#
        try blocking {
            _ = try await probe.cloudFormation.createChangeSet(.init(stackName: name, changeSetName: "by-hand", type: .create,
                                                                     templateBody: body, tags: tags))
            try await probe.cloudFormation.executeChangeSet("by-hand", stackName: name, clientRequestToken: nil)
        }
    }

    func testDiffListsTheOrphanAndDestroyOrphansDeletesExactlyIt() throws {
        let root = try scratchRoot(self)
        let probe = AWSProbe(endpoint: endpoint)
        func cli(_ arguments: [String], withGone: Bool = false, answer: (@Sendable (String) -> Bool?)? = nil) -> CLIRun {
            runDeployCLI(arguments, endpoint: endpoint, root: root, assets: pinnedAssets, estate: estate(withGone: withGone), answer: answer)
        }
        XCTAssertEqual(cli(["bootstrap", "--env", "local"]).status, 0)
        var run = cli(["deploy", "--env", "local", "--require-approval", "never"], withGone: true)
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("deployed local: 2 created"), run.stdout)
        let tags = try blocking { try await probe.cloudFormation.describeStack("orph-local-Gone")?.tags }
        XCTAssertEqual(tags?["stackctl:environment"], "local", "deploy marks its stacks")
        XCTAssertTrue(try blocking { try await probe.topicArns() }.contains { $0.hasSuffix(":orph-local-gone-work") })
        try createForeign(probe, "orph-local-Foreign", tags: ["team": "data"])
        try createForeign(probe, "orph-local-Prod", tags: ["stackctl:environment": "prod"])

        // Still in the estate: nothing is an orphan.
        run = cli(["diff", "--env", "local"], withGone: true)
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("No changes in 2 stacks."), run.stdout)
        run = cli(["destroy", "--env", "local", "--orphans", "--yes"], withGone: true)
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("no orphaned stacks in local"), run.stdout)

        // Gone leaves the estate: diff shows it removed, with its resources, and says how to delete it.
        run = cli(["diff", "--env", "local", "--color", "never"])
        XCTAssertEqual(run.status, 2, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("Gone (stack removed)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Work"), run.stdout)
        XCTAssertFalse(run.stdout.contains("Foreign") || run.stdout.contains("Prod") || run.stdout.contains("bootstrap"), run.stdout)
        XCTAssertTrue(run.stderr.contains("note: orph-local-Gone is deployed for local but no longer in the estate; "
                                          + "`stackctl destroy --env local --orphans` deletes it"), run.stderr)
        run = cli(["diff", "--env", "local", "--format", "json"])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
        let stacks = try XCTUnwrap(report["stacks"] as? [[String: Any]])
        XCTAssertEqual(stacks.compactMap { $0["name"] as? String }.sorted(), ["Gone", "Keep"])
        XCTAssertEqual(stacks.first { $0["name"] as? String == "Gone" }?["status"] as? String, "removed")

        // Same safety as destroy: no --yes and no terminal refuses; a "no" refuses; STACK names are a usage error.
        // (moto has no termination protection: TeardownTests scripts it for orphans.)
        run = cli(["destroy", "--env", "local", "--orphans"])
        XCTAssertEqual(run.status, 5, run.stderr)
        XCTAssertTrue(run.stderr.contains("pass --yes"), run.stderr)
        run = cli(["destroy", "--env", "local", "--orphans"], answer: { _ in false })
        XCTAssertEqual(run.status, 5, run.stderr)
        run = cli(["destroy", "--env", "local", "--orphans", "Keep"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("--orphans deletes the stacks the estate no longer has; it takes no STACK names"), run.stderr)
        XCTAssertNotNil(try blocking { try await probe.cloudFormation.describeStack("orph-local-Gone") }, "nothing deleted so far")

        // Confirmed: only Gone goes; its retained queue is reported with the command that removes it.
        run = cli(["destroy", "--env", "local", "--orphans"], answer: { _ in true })
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("Gone (orph-local-Gone, CREATE_COMPLETE): 1 to delete, 1 to retain"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Gone (orph-local-Gone): deleted"), run.stdout)
        XCTAssertTrue(run.stdout.contains("left behind (1):"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Gone/Archive  AWS::SQS::Queue"), run.stdout)
        XCTAssertTrue(run.stdout.contains("destroyed the orphaned stacks of local (1 resource left behind, listed above)"), run.stdout)
        XCTAssertFalse(run.stdout.contains("Keep"), run.stdout)
        XCTAssertNil(try blocking { try await probe.cloudFormation.describeStack("orph-local-Gone") })
        XCTAssertFalse(try blocking { try await probe.topicArns() }.contains { $0.hasSuffix(":orph-local-gone-work") })
        XCTAssertNotNil(try blocking { try await probe.queueURL("orph-local-gone-archive") }, "retained")
        for stack in ["orph-local-Keep", "orph-local-Foreign", "orph-local-Prod", "stackctl-bootstrap"] {
            XCTAssertNotNil(try blocking { try await probe.cloudFormation.describeStack(stack) }, stack)
        }
        run = cli(["diff", "--env", "local"])
        XCTAssertEqual(run.status, 0, "the orphan is gone: " + run.stdout + run.stderr)
    }
}
