import Foundation
import StackCore
import StackDeploy
import TestSupport
import XCTest

/// When the function scratch folder is cleaned before a build: the decision, and the builder acting on it
/// (with a fake `swift`, so nothing compiles).
final class ScratchGuardTests: XCTestCase {
    let base = ScratchRecord(toolchain: "Swift version 6.3", swiftSDK: nil,
                             modules: ["functions/tick-processor": "a1", "Sources/LambdaRuntime": "b1", "functions/Contracts": "c1"])

    func decide(_ previous: ScratchRecord?, _ current: ScratchRecord, exists: Bool = true) -> ScratchGuard.Decision {
        ScratchGuard.decide(previous: previous, current: current, ownFolder: "functions/tick-processor", scratchExists: exists)
    }

    func testNoScratchFolderNeedsNoCleaning() {
        XCTAssertEqual(decide(nil, base, exists: false), .keep)
    }

    func testAScratchFolderWithoutARecordIsCleaned() {
        XCTAssertEqual(decide(nil, base), .clean("the scratch folder has no record of what it was built with"))
    }

    func testTheSameInputsBuildIncrementally() {
        XCTAssertEqual(decide(base, base), .keep)
    }

    func testAnotherToolchainOrSDKCleans() {
        var toolchain = base
        toolchain.toolchain = "Swift version 6.4"
        XCTAssertEqual(decide(base, toolchain), .clean("the toolchain changed (Swift version 6.3 → Swift version 6.4)"))
        var sdk = base
        sdk.swiftSDK = "x86_64-swift-linux-musl"
        XCTAssertEqual(decide(base, sdk), .clean("the Swift SDK changed (none → x86_64-swift-linux-musl)"))
    }

    func testAChangedSharedModuleCleansAndIsNamed() {
        var changed = base
        changed.modules["Sources/LambdaRuntime"] = "b2"
        changed.modules["functions/Contracts"] = "c2"
        XCTAssertEqual(decide(base, changed),
                       .clean("shared modules changed since the last build: Sources/LambdaRuntime, functions/Contracts"))
    }

    func testTheFunctionsOwnFolderAndModulesNeverCompiledHereBuildIncrementally() {
        var own = base
        own.modules["functions/tick-processor"] = "a2"
        own.modules["Sources/DynamoDBAttributes"] = "d1"  // not in the record: no objects of it to be stale
        XCTAssertEqual(decide(base, own), .keep)
    }

    func testTheRecordKeepsOtherFunctionsModulesUnlessTheToolchainChanged() {
        let other = ScratchRecord(toolchain: base.toolchain, swiftSDK: nil, modules: ["functions/market-analysis": "e1", "Sources/LambdaRuntime": "b2"])
        let merged = ScratchGuard.merged(base, with: other)
        XCTAssertEqual(merged.modules, ["functions/tick-processor": "a1", "Sources/LambdaRuntime": "b2", "functions/Contracts": "c1",
                                        "functions/market-analysis": "e1"])
        var newer = other
        newer.toolchain = "Swift version 6.4"
        XCTAssertEqual(ScratchGuard.merged(base, with: newer), newer)
    }

    func testTheDigestFollowsContentsAndFileNames() throws {
        let root = try folder()
        let module = root.appendingPathComponent("Sources/Lib")
        try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
        try Data("struct A { var x: Int }".utf8).write(to: module.appendingPathComponent("A.swift"))
        let first = try XCTUnwrap(ScratchGuard.digest(of: "Sources/Lib", root: root))
        XCTAssertEqual(ScratchGuard.digest(of: "Sources/Lib", root: root), first, "deterministic")
        try Data("struct A { var x: Int; var y: Int }".utf8).write(to: module.appendingPathComponent("A.swift"))
        let edited = try XCTUnwrap(ScratchGuard.digest(of: "Sources/Lib", root: root))
        XCTAssertNotEqual(edited, first)
        try FileManager.default.moveItem(at: module.appendingPathComponent("A.swift"), to: module.appendingPathComponent("B.swift"))
        XCTAssertNotEqual(ScratchGuard.digest(of: "Sources/Lib", root: root), edited, "a rename is a change")
        XCTAssertNil(ScratchGuard.digest(of: "Sources/Missing", root: root))
    }

    /// The builder: a first build records, an edit of the function's own folder keeps the scratch folder,
    /// an edit of a shared module cleans it (and says so), and so does another toolchain.
    func testTheBuilderCleansOnlyWhenASharedModuleOrTheToolchainChanged() throws {
        let root = try folder()
        for (path, text) in [("functions/tick-processor/main.swift", "print(1)"), ("Sources/Lib/Lib.swift", "struct A { var x: Int }")] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let swift = try writeFakeSwift(at: root.appendingPathComponent("fake-swift"))
        let printed = Lines()
        var builder = FunctionBuilder(root: root, outputFolder: root.appendingPathComponent("out"), allowGlibcMismatch: true,
                                      swift: swift.path, stdout: { printed.add($0) }, stderr: { printed.add($0) })
        builder.forceRebuild = true  // the asset hash is fixed here; every call builds
        let asset = Asset(product: "tick-processor", hash: String(repeating: "a", count: 64), sources: ["functions/tick-processor", "Sources/Lib"])
        let scratch = root.appendingPathComponent(".build-lambda")
        let marker = scratch.appendingPathComponent("release/Lib.build/old.o")

        _ = try builder.build(asset)
        XCTAssertFalse(printed.text.contains("cleaning"), printed.text)
        let record = try XCTUnwrap(ScratchGuard.read(in: scratch))
        XCTAssertEqual(record.toolchain, "Swift version 6.3 (fake)")
        XCTAssertEqual(Set(record.modules.keys), ["functions/tick-processor", "Sources/Lib"])

        try FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: marker)
        try Data("print(2)".utf8).write(to: root.appendingPathComponent("functions/tick-processor/main.swift"))
        _ = try builder.build(asset)
        XCTAssertFalse(printed.text.contains("cleaning"), printed.text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker.path), "the function's own edit builds incrementally")

        try Data("struct A { var x: Int; var y: Int }".utf8).write(to: root.appendingPathComponent("Sources/Lib/Lib.swift"))
        _ = try builder.build(asset)
        XCTAssertTrue(printed.text.contains("cleaning \(scratch.path): shared module changed since the last build: Sources/Lib; "
                                            + "everything is compiled afresh"), printed.text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path), "stale objects are gone")
        XCTAssertEqual(try String(contentsOf: scratch.appendingPathComponent("builds.log"), encoding: .utf8), "tick-processor\n",
                       "the log of earlier builds went with the folder")

        try writeFakeSwift(at: swift, version: "Swift version 6.4 (fake)")
        _ = try builder.build(asset)
        XCTAssertTrue(printed.text.contains("the toolchain changed (Swift version 6.3 (fake) → Swift version 6.4 (fake))"), printed.text)
        XCTAssertEqual(ScratchGuard.read(in: scratch)?.toolchain, "Swift version 6.4 (fake)")
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scratch-guard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
