import Foundation
import StackCore
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
        // Each SDK builds in a folder of its own: switching never cleans (or mixes) another SDK's objects.
        XCTAssertEqual(musl[4], "/repo/.build-lambda-x86_64-swift-linux-musl")
        XCTAssertEqual(FunctionBuilder.scratchFolderName(swiftSDK: "6.3/static linux"), ".build-lambda-6.3_static_linux")
    }
}

final class FunctionBuilderFailureTests: XCTestCase {
    /// A failing compiler (a script standing in for `swift`): the product is named and the last lines are shown.
    func testABuildFailureShowsTheCompilersLastLinesAndNamesTheProduct() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("builder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("fake-swift")
        try Data("#!/bin/sh\nfor i in $(seq 1 40); do echo \"line $i\"; done\necho 'main.swift:3:1: error: cannot find x' >&2\nexit 1\n".utf8)
            .write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let printed = Lines()
        let builder = FunctionBuilder(root: folder, outputFolder: folder.appendingPathComponent("out"), swift: script.path,
                                      stdout: { printed.add($0) }, stderr: { printed.add($0) })
        let asset = Asset(product: "tick-processor", hash: String(repeating: "a", count: 64), sources: [])
        XCTAssertThrowsError(try builder.build(asset)) { error in
            let failure = error as? FunctionBuilder.Failure
            XCTAssertEqual(failure?.kind, .compile)
            XCTAssertEqual(failure?.product, "tick-processor")
            XCTAssertTrue(failure?.description.hasPrefix("error: tick-processor: swift build failed (exit 1)") ?? false, "\(error)")
        }
        let text = printed.text
        XCTAssertTrue(text.contains("main.swift:3:1: error: cannot find x"), text)
        XCTAssertTrue(text.contains("line 40"), text)
        XCTAssertFalse(text.contains("line 5\n"), text)  // only the tail
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") + "\n" }
}
