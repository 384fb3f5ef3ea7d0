import Foundation
import StackctlCLI
import TestSupport
import XCTest

/// `stackctl secret` as a group of commands: help, typos and missing arguments, before any AWS call
/// (the transport of `runCLI` fails on any request). The moto round trip is SecretMotoTests.
final class SecretCommandTests: XCTestCase {
    func testTheGroupListsItsCommandsAndTheRootListsTheGroup() {
        var run = runCLI(["secret"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("put "), run.stdout)
        run = runCLI(["--help"])
        XCTAssertTrue(run.stdout.contains("secret      Put the real value into a deployed Secret"), run.stdout)
        run = runCLI(["help", "secret", "put"])
        XCTAssertTrue(run.stdout.contains("USAGE: stackctl secret put <secret>"), run.stdout)
    }

    func testTyposAndMissingArgumentsAreUsageErrors() {
        var run = runCLI(["secret", "pu"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("Unknown command 'pu'; did you mean 'put'?"), run.stderr)
        run = runCLI(["secret", "put", "--env", "dev"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("Missing argument '<secret>'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("hint: see 'stackctl secret put --help'"), run.stderr)
    }

    func testTheBundledEstateHasNoSecretYet() {
        let run = runCLI(["secret", "put", "--env", "dev", "TickAlerts/Token"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("no secret 'TickAlerts/Token' in the dev environment"), run.stderr)
        XCTAssertTrue(run.stderr.contains("hint: the estate declares no Secret for dev"), run.stderr)
    }
}
