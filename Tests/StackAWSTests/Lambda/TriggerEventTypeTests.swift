import Foundation
import TestSupport
import XCTest

/// A function product declares the event its handler takes; a stack can only wire triggers that
/// deliver it, and the function can only run a handler that takes it. Both are compile errors, so
/// these tests type-check small programs against the modules this test run was built with.
final class TriggerEventTypeTests: XCTestCase {
    func testATriggerOfAnotherEventDoesNotCompile() throws {
        let wrong = try typecheck("""
            import LambdaEvents
            import StackAWS
            import StackCore
            let product = FunctionProduct("ticks", handles: KinesisEvent.self)
            let queue = Queue("Ticks")
            let function = Function("Processing", product: product) { Trigger.sqs(queue) }
            """)
        XCTAssertFalse(wrong.compiles)
        XCTAssertTrue(wrong.output.contains("'EventTrigger<SQSEvent>' to expected argument type 'EventTrigger<KinesisEvent>'"),
                      wrong.output)

        let right = try typecheck("""
            import LambdaEvents
            import StackAWS
            import StackCore
            let product = FunctionProduct("ticks", handles: KinesisEvent.self)
            let function = Function("Processing", product: product) {
                Trigger.kinesis(KinesisStream("Ticks"))
                Allow(Queue("Failures").send)
            }
            """)
        XCTAssertTrue(right.compiles, right.output)
    }

    func testAHandlerOfAnotherEventCannotRunAsTheProduct() throws {
        let source = { (event: String) in """
            import LambdaEvents
            import LambdaRuntime
            struct Handler: LambdaHandler {
                func handle(_ event: \(event), context: LambdaContext) async throws -> String { "ok" }
            }
            let product = FunctionProduct("ticks", handles: SQSEvent.self)
            func start(_ runtime: LambdaRuntime) async -> RunOutcome { await runtime.run(product) { Handler() } }
            """ }
        let wrong = try typecheck(source("KinesisEvent"))
        XCTAssertFalse(wrong.compiles)
        XCTAssertTrue(wrong.output.contains("SQSEvent") && wrong.output.contains("KinesisEvent"), wrong.output)
        let right = try typecheck(source("SQSEvent"))
        XCTAssertTrue(right.compiles, right.output)
    }

    func testTheEstateWiresEachProductToItsEvent() throws {
        // The estate's stacks name their functions by typed product, so building this test target proves
        // the wiring; this pins that they do (a plain string product would not be checked).
        let root = repositoryRoot
        for (file, product) in [("MarketStream.swift", "MarketStreamFunctions.processing"),
                                ("MarketStream.swift", "MarketStreamFunctions.analysis"),
                                ("TickAlerts.swift", "TickAlertsFunctions.processor")] {
            let text = try String(contentsOf: root.appendingPathComponent("stacks/\(file)"), encoding: .utf8)
            XCTAssertTrue(text.contains("product: \(product)"), "\(file) should wire \(product)")
        }
    }

    // MARK: Type-checking against the built modules

    private func typecheck(_ source: String) throws -> (compiles: Bool, output: String) {
        let binDirectory = try XCTUnwrap(Bundle.main.executableURL).deletingLastPathComponent()
        let scratch = binDirectory.deletingLastPathComponent().deletingLastPathComponent()
        let modules = binDirectory.appendingPathComponent("Modules")
        guard FileManager.default.fileExists(atPath: modules.path) else {
            throw Unavailable(description: "no Modules folder next to the test binary (\(binDirectory.path)): run under `swift test`")
        }
        // The C modules the Swift modules were built against: dependencies' and our own.
        var moduleMaps = findModuleMaps(under: scratch.appendingPathComponent("checkouts"))
        moduleMaps.append(binDirectory.appendingPathComponent("CCurlLoader.build/module.modulemap").path)
        let root = repositoryRoot
        moduleMaps.append(root.appendingPathComponent("Sources/CZlib/module.modulemap").path)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("typecheck-\(UUID().uuidString).swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runCommand(["swiftc", "-typecheck", "-I", modules.path]
                                    + moduleMaps.flatMap { ["-Xcc", "-fmodule-map-file=\($0)"] } + [file.path])
        return (result.status == 0, result.output)
    }

    struct Unavailable: Error, CustomStringConvertible { let description: String }

    private func findModuleMaps(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { $0.hasSuffix("/module.modulemap") && $0.contains("/Sources/") }
            .map { folder.appendingPathComponent($0).path }
            .sorted()
    }
}
