import AWSClient
import Foundation
import StackAWS
import StackCore
import StackTemplate
import StackctlCLI
import TestSupport
import XCTest

/// An endpoint that answers a deploy call with an HTML 500 page instead of an AWS error: the deploy ends
/// (never waits forever) with the status, the call, and the start of the page made printable.
final class DeployEndpointFailureTests: ClassMotoTestCase {
    func estate(_ prefix: String, name: String?) -> AnyEstate {
        let settings = StackSettings(environment: "local", account: "123456789012", region: "us-east-1", namePrefix: prefix,
                                     endpoint: "http://127.0.0.1:5000")
        var properties: TemplateMap = ["Type": "String", "Value": "v"]
        if let name { properties["Name"] = .string(name) }
        let resource = RawResource("Setting", type: "AWS::SSM::Parameter", properties: properties)
        return AnyEstate(defaultEnvironment: "local", stacks: { _ in [AdHocStack("Settings", [resource])] }, settings: settings)
    }

    /// moto itself: an SSM parameter without a Name crashes its ExecuteChangeSet with an HTML 500, after it
    /// wrote a CREATE_IN_PROGRESS event; the stack then never moves again.
    func testAnEmulatorThatCrashesMidExecutionEndsTheDeploy() throws {
        let root = try scratchRoot(self)
        XCTAssertEqual(runDeployCLI(["bootstrap", "--env", "local"], endpoint: endpoint, root: root, assets: pinnedAssets).status, 0)
        let run = runDeployCLI(["deploy", "--env", "local", "--require-approval", "never"], endpoint: endpoint, root: root,
                               assets: pinnedAssets, estate: estate("crash-local", name: nil))
        XCTAssertEqual(run.status, 4, run.stderr + run.stdout)
        XCTAssertTrue(run.stderr.contains("error: Settings: the endpoint answered HTTP500 (HTTP 500) to CloudFormation ExecuteChangeSet; "
                                          + "the body is not an AWS error, it starts: \"500 Internal Server Error Internal Server Error "
                                          + "The server encountered an internal error"), run.stderr)
        XCTAssertTrue(run.stderr.contains("and crash-local-Settings has not moved since (still REVIEW_IN_PROGRESS, no new event in 3 polls); stopped watching"),
                      run.stderr)
        XCTAssertTrue(run.stderr.contains("hint: not AWS but a proxy or the emulator failed during the execution"), run.stderr)
        XCTAssertFalse(run.stderr.contains("still polling after"), "the deploy ended by itself")
        XCTAssertFalse(run.stderr.contains("<"), "no markup: \(run.stderr)")
    }

    /// A proxy in front that answers every ExecuteChangeSet with its own page (control bytes and all).
    func testAProxyPageOnEveryExecuteEndsWithStatusCallAndPrintableBody() throws {
        let moto = try XCTUnwrap(Self.moto)
        let page = "<!DOCTYPE html>\n<html><head><title>502 &amp; down</title></head>\r\n<body>\u{1B}[31mupstream\u{07} gone\u{00}"
            + String(repeating: " padding", count: 60) + "</body></html>"
        let proxy = try FaultProxy(upstreamPort: moto.port, faultRate: 0, always: ["ExecuteChangeSet": .serverError], serverErrorPage: page)
        defer { proxy.stop() }
        let root = try scratchRoot(self)
        XCTAssertEqual(runDeployCLI(["bootstrap", "--env", "local"], endpoint: endpoint, root: root, assets: pinnedAssets).status, 0)
        let run = runDeployCLI(["deploy", "--env", "local", "--require-approval", "never"], endpoint: proxy.endpoint, root: root,
                               assets: pinnedAssets, estate: estate("proxy-local", name: "/proxy-local/setting"))
        XCTAssertEqual(run.status, 4, run.stderr + run.stdout)
        let expected = "error: the endpoint answered HTTP500 (HTTP 500) to CloudFormation ExecuteChangeSet; the body is not an AWS error, "
            + "it starts: \"502 & down [31mupstream gone padding padding"
        XCTAssertTrue(run.stderr.contains(expected), run.stderr)
        XCTAssertTrue(run.stderr.contains("…\"\n  hint: not an AWS error: a proxy in between or the emulator failed on this call"), run.stderr)
        XCTAssertFalse(run.stderr.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, "unprintable bytes: \(run.stderr)")
        XCTAssertEqual(proxy.faults[.serverError], 5, "ExecuteChangeSet tried the documented 5 times, no more")
        XCTAssertFalse(proxy.forwarded.contains { $0.action == "ExecuteChangeSet" }, "the page came from the proxy")
    }
}
