import AWSClient
import Foundation
import StackAssets
import StackCore
import TestSupport
import XCTest

/// bootstrap, deploy and destroy through a proxy that answers about a third of the requests with
/// throttling, 500s and dropped connections (before and after moto saw them): everything still
/// finishes, and no change set is created or executed twice.
final class DeployResilienceTests: XCTestCase {
    nonisolated(unsafe) static var moto: MotoServer?

    override class func setUp() { moto = try? blocking { try await MotoServer.start() } }
    override class func tearDown() { moto?.stop() }

    func testDeployAndDestroyThroughFaults() throws {
        let moto = try XCTUnwrap(Self.moto, "moto_server did not start")
        // Besides a random third of all requests, the change-set calls meet every kind of fault: an
        // answer lost after moto acted (moto has no client tokens: a blind retry would act twice), a
        // throttle, a connection dropped before moto saw it, a 500.
        let proxy = try FaultProxy(upstreamPort: moto.port, faultRate: 0.3, seed: 2026, scripted: [
            "CreateChangeSet": [.dropAfterForwarding, .serverError, .dropBeforeForwarding],
            "ExecuteChangeSet": [.dropAfterForwarding, .throttle, .dropBeforeForwarding, .serverError, .dropAfterForwarding],
        ])
        defer { proxy.stop() }
        let root = try scratchRoot(self)
        let assets = pinned(["market-processing": "1", "market-analysis": "2", "tick-processor": "3"])
        try placeBuiltZips(assets, root: root)
        let resolver = StaticAssets(assets)
        let probe = AWSProbe(endpoint: moto.endpoint)

        for arguments in [["bootstrap", "--env", "local"], ["deploy", "--env", "local", "--require-approval", "never"]] {
            let run = runDeployCLI(arguments, endpoint: proxy.endpoint, root: root, assets: resolver)
            XCTAssertEqual(run.status, 0, "\(arguments): \(run.stderr)\n\(run.stdout)")
        }
        for stack in ["stackctl-bootstrap", "mkt-local-MarketStream", "mkt-local-TickAlerts"] {
            let status = try blocking { try await probe.cloudFormation.describeStack(stack)?.status }
            XCTAssertEqual(status, "CREATE_COMPLETE", stack)
        }
        let function = try blocking { try await probe.resources("mkt-local-TickAlerts")["Processor"] ?? "" }
        XCTAssertEqual(try blocking { try await probe.function(function)["Runtime"]?.stringValue }, "provided.al2023")

        let destroy = runDeployCLI(["destroy", "--env", "local", "--yes"], endpoint: proxy.endpoint, root: root, assets: resolver)
        XCTAssertEqual(destroy.status, 0, destroy.stderr + destroy.stdout)
        for stack in ["mkt-local-MarketStream", "mkt-local-TickAlerts"] {
            XCTAssertNil(try blocking { try await probe.cloudFormation.describeStack(stack) }, stack)
        }

        // Each change set reached moto exactly once to be created and once to be executed.
        let forwarded = proxy.forwarded
        let executed = Dictionary(grouping: forwarded.filter { $0.action == "ExecuteChangeSet" }, by: { $0.form["ChangeSetName"] ?? "?" })
        let created = Dictionary(grouping: forwarded.filter { $0.action == "CreateChangeSet" }, by: { $0.form["ChangeSetName"] ?? "?" })
        XCTAssertEqual(executed.count, 3, "bootstrap and two stacks")
        XCTAssertEqual(executed.values.map(\.count).max(), 1, "a change set was executed twice: \(executed.mapValues(\.count))")
        XCTAssertEqual(created.values.map(\.count).max(), 1, "a change set was created twice: \(created.mapValues(\.count))")
        XCTAssertEqual(Set(executed.keys), Set(created.keys))
        // The faults really happened, of every kind.
        let faults = proxy.faults
        for fault in FaultProxy.Fault.allCases { XCTAssertGreaterThan(faults[fault] ?? 0, 0, "no \(fault) injected: \(faults)") }
        print("fault proxy: \(proxy.requests) requests, faults \(faults.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" })")
    }
}
