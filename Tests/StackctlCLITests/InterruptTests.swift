import Foundation
import StackCore
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C on the real `stackctl` process during a deploy whose update never ends (a fake endpoint,
/// Fixtures/slow_update_endpoint.py): it stops watching, says what is still in progress and how to
/// follow it, cancels nothing, and exits 130.
final class InterruptTests: XCTestCase {
    func testCtrlCDuringTheWatchStopsWatchingAndExits130() throws {
        let root = try scratchRoot(self)
        let binary = try stackctlBinary()
        let port = try MotoServer.freePort()
        let environment = ["STACKCTL_ROOT": root.path, "AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)"]

        // The binary hashes functions/ itself: place zips under the hashes its synth reports.
        let synth = try runProcess(["synth", "--env", "local", "--out", root.appendingPathComponent("out").path, "--quiet"],
                                   environment: environment)
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("out/manifest.json"))) as? [String: Any]
        let assets = (manifest?["assets"] as? [[String: Any]] ?? []).compactMap { entry -> Asset? in
            guard let product = entry["product"] as? String, let hash = entry["hash"] as? String else { return nil }
            return Asset(product: product, hash: hash, sources: [])
        }
        XCTAssertEqual(assets.count, 3)
        try placeBuiltZips(assets, root: root)

        let fake = try startSlowUpdateEndpoint(port: port)
        defer { kill(fake.processIdentifier, SIGKILL); fake.waitUntilExit() }

        let out = root.appendingPathComponent("deploy.out"), err = root.appendingPathComponent("deploy.err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let deploy = Process()
        deploy.executableURL = binary
        deploy.arguments = ["deploy", "--env", "local", "--require-approval", "never", "MarketStream"]
        deploy.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        deploy.standardOutput = try FileHandle(forWritingTo: out)
        deploy.standardError = try FileHandle(forWritingTo: err)
        try deploy.run()
        defer { if deploy.isRunning { kill(deploy.processIdentifier, SIGKILL) } }

        let watching = Date().addingTimeInterval(60)
        while Date() < watching, !((try? read(out)) ?? "").contains("UPDATE_IN_PROGRESS") { usleep(100_000) }
        let printed = try read(out) + read(err)
        XCTAssertTrue(printed.contains("MarketStream    0.0s  mkt-local-MarketStream  UPDATE_IN_PROGRESS"), printed)
        kill(deploy.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(20)
        while deploy.isRunning, Date() < deadline { usleep(100_000) }
        XCTAssertFalse(deploy.isRunning, "Ctrl-C did not stop the watch")
        deploy.waitUntilExit()
        XCTAssertEqual(deploy.terminationStatus, 130)
        let stderr = try read(err)
        XCTAssertTrue(stderr.contains("interrupted: stopping the watch"), stderr)
        XCTAssertTrue(stderr.contains("still in progress in CloudFormation: MarketStream (nothing was cancelled)"), stderr)
        XCTAssertTrue(stderr.contains("error: MarketStream: stopped watching; mkt-local-MarketStream is still UPDATE_IN_PROGRESS"), stderr)
        XCTAssertTrue(stderr.contains("aws cloudformation describe-stack-events --stack-name mkt-local-MarketStream --region us-east-1"), stderr)
    }
}
