import TestSupport
import XCTest

/// CLI tests sharing one moto_server per test class (started in class setUp, stopped by PID in class
/// tearDown): each test skips when it is missing, and `testMotoStarted` says why once.
class ClassMotoTestCase: XCTestCase {
    // Classes run one after another; each one's setUp replaces the server the previous one stopped.
    nonisolated(unsafe) static var moto: MotoServer?

    override class func setUp() {
        moto = try? blocking { try await MotoServer.start() }
    }

    override class func tearDown() {
        moto?.stop()
        moto = nil
    }

    var endpoint: String { Self.moto!.endpoint }

    override func setUpWithError() throws {
        guard Self.moto != nil else { throw XCTSkip("unreachable") }  // testMotoStarted reports it
    }

    func testMotoStarted() {
        XCTAssertNotNil(Self.moto, "moto_server did not start (is it installed? scripts/test.sh installs it)")
    }
}
