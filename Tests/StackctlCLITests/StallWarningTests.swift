import Estate
import Foundation
import StackAssets
import StackCore
import StackDeploy
import StackctlCLI
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `stackctl deploy` against an update that never ends (Fixtures/slow_update_endpoint.py): after five
/// quiet minutes it warns, once, and says where to look. The clock is the test's: every wait between
/// polls moves it a minute, and at ten minutes the test presses "Ctrl-C" (the stop signal).
final class StallWarningTests: XCTestCase {
    func testAQuietUpdateIsWarnedAboutOnceWithWhereToLook() throws {
        let root = try scratchRoot(self)
        let port = try MotoServer.freePort()
        let fake = try startSlowUpdateEndpoint(port: port)
        defer { kill(fake.processIdentifier, SIGKILL); fake.waitUntilExit() }

        let assets = pinned(["market-processing": "1", "market-analysis": "2", "tick-processor": "3"])
        try placeBuiltZips(assets, root: root)
        let out = Captured(), err = Captured(), clock = TestClock(), stop = StopSignal()
        var context = CLIContext(estate: AnyEstate(PipelineEstate.self), root: root, stdout: { out.append($0) },
                                 stderr: { err.append("t=\(Int(clock.now)) \($0)") })
        context.assets = { _ in StaticAssets(assets) }
        context.environment = ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)"]
        context.homeDirectory = nil
        context.deploy.ask = { _ in nil }
        context.deploy.pollInterval = 0
        context.deploy.stop = stop
        context.deploy.now = { Date(timeIntervalSince1970: 1_800_000_000 + clock.now) }
        context.deploy.stallWarningAfter = 300
        context.deploy.sleep = { _ in
            clock.advance(60)
            if clock.now >= 600 { stop.raise() }
        }
        let status = Stackctl.run(context, arguments: ["deploy", "--env", "local", "--require-approval", "never", "MarketStream"])

        XCTAssertEqual(status, 130, err.text + out.text)
        XCTAssertTrue(out.text.contains("MarketStream    0.0s  mkt-local-MarketStream  UPDATE_IN_PROGRESS"), out.text)
        // The fixture's one event shows on the second poll (t=60): five minutes after it, one warning.
        let warnings = err.text.components(separatedBy: "\n").filter { $0.contains("warning:") }
        XCTAssertEqual(warnings, ["t=360 warning: MarketStream: mkt-local-MarketStream is still UPDATE_IN_PROGRESS with no new event for 5 min"],
                       err.text)
        XCTAssertTrue(err.text.contains("hint: a resource may be waiting on something outside CloudFormation: the stack's Events tab in the "
                                        + "CloudFormation console, or `aws cloudformation describe-stack-events --stack-name mkt-local-MarketStream "
                                        + "--region us-east-1`"), err.text)
        XCTAssertTrue(err.text.contains("stackctl keeps watching (Ctrl-C stops watching, cancels nothing)"), err.text)
    }
}
