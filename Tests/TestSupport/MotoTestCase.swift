import Foundation
import XCTest

/// A test case with a moto_server of its own per test, and the `Emulator` to set it up and observe it.
open class MotoTestCase: XCTestCase {
    public var moto: MotoServer!
    public var aws: Emulator!

    override open func setUp() async throws {
        try await super.setUp()
        moto = try await MotoServer.start()
        aws = try Emulator(moto: moto)
    }

    override open func tearDown() async throws {
        moto?.stop()
        moto = nil
        try await super.tearDown()
    }
}
