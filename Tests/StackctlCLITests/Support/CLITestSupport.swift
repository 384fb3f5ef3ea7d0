import AWSClient
import Estate
import Foundation
import StackAssets
import StackCore
import StackctlCLI
import TestSupport
import XCTest

/// Runs the CLI in process with the bundled estate (or another) against a repository root.
func runCLI(
    _ arguments: [String], estate: AnyEstate = AnyEstate(PipelineEstate.self), root: URL = repositoryRoot,
    assets: (any AssetResolver)? = nil, environment: [String: String] = [:]
) -> CLIRun {
    let out = Captured(), err = Captured()
    var context = CLIContext(estate: estate, root: root, stdout: { out.append($0) }, stderr: { err.append($0) })
    if let assets { context.assets = { _ in assets } }
    // Never the real AWS: no credentials from this machine, and a transport that fails on any request.
    context.environment = environment
    context.homeDirectory = nil
    context.transport = ScriptedTransport()
    context.stdin = { _ in nil }  // a terminal: nothing is ever read from the test runner's stdin
    let status = Stackctl.run(context, arguments: arguments)
    return CLIRun(status: status, stdout: out.text, stderr: err.text)
}

/// Runs the built `stackctl` executable as a user would.
func runProcess(_ arguments: [String], environment: [String: String] = [:], cwd: URL = repositoryRoot) throws -> CLIRun {
    let process = Process()
    process.executableURL = try stackctlBinary()
    process.arguments = arguments
    process.currentDirectoryURL = cwd
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                  stderr: String(decoding: errData, as: UTF8.self))
}

/// The `stackctl` binary next to the test bundle (`.build/debug/stackctl`).
func stackctlBinary() throws -> URL {
    var candidates: [URL] = []
    for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("stackctl")) }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("stackctl"))
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug/stackctl"))
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw NotBuilt(searched: candidates.map(\.path))
    }
    return found
}

/// A scratch folder removed after the test.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// A copy of the repository's environments/ and functions/ in a scratch root, to break things in, with
/// what the function asset hashes read besides: Package.swift and the folders of the targets they link.
func scratchRoot(_ test: XCTestCase) throws -> URL {
    let root = try temporaryFolder(test)
    let linked = FunctionInputTable.generated.products.values.flatMap(\.folders).filter { !$0.hasPrefix("functions/") }
    for path in ["environments", "functions", "Package.swift"] + Set(linked).sorted() {
        let copy = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(path), to: copy)
    }
    return root
}

func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

func files(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

struct NotBuilt: Error, CustomStringConvertible {
    var searched: [String]
    var description: String { "stackctl is not built (looked in \(searched.joined(separator: ", "))); run swift build first" }
}

/// Fixed asset hashes, so golden templates change with the stacks, not with every edit of function code.
let pinnedAssets = StaticAssets(["market-processing", "market-analysis", "tick-processor"].enumerated().map { i, product in
    Asset(product: product, hash: String(repeating: String(i + 1), count: 64), sources: ["functions/\(product)"])
})
