import Foundation
import StackDeploy
import XCTest

final class FunctionBuilderTests: XCTestCase {
    func builder(sdk: String?) -> FunctionBuilder {
        FunctionBuilder(root: URL(fileURLWithPath: "/repo"), outputFolder: URL(fileURLWithPath: "/out"), swiftSDK: sdk,
                        stdout: { _ in }, stderr: { _ in })
    }

    func testReleaseBuildWithTheStaticStdlibInItsOwnScratchPath() {
        XCTAssertEqual(builder(sdk: nil).buildArguments(product: "tick-processor"), [
            "build", "--package-path", "/repo", "--scratch-path", "/repo/.build-lambda", "-c", "release",
            "--product", "tick-processor", "--static-swift-stdlib",
        ])
    }

    func testTheStaticLinuxSDKIsForwardedAndLinksStaticallyByItself() {
        let musl = builder(sdk: "x86_64-swift-linux-musl").buildArguments(product: "tick-processor")
        XCTAssertEqual(Array(musl.suffix(2)), ["--swift-sdk", "x86_64-swift-linux-musl"])
        XCTAssertFalse(musl.contains("--static-swift-stdlib"))
        let other = builder(sdk: "aarch64-unknown-linux-gnu").buildArguments(product: "tick-processor")
        XCTAssertEqual(Array(other.suffix(3)), ["--static-swift-stdlib", "--swift-sdk", "aarch64-unknown-linux-gnu"])
    }
}
