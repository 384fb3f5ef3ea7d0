import AWSClient
import Crypto
import Estate
import Foundation
import StackCore
import StackDeploy
import StackctlCLI
import TestSupport
import XCTest

/// Runs the CLI in process against an AWS endpoint (moto, or a proxy in front of it): no real
/// credentials, no terminal (questions get nil unless answered), no waiting between polls.
func runDeployCLI(_ arguments: [String], endpoint: String, root: URL, assets: any AssetResolver,
                  estate: AnyEstate = AnyEstate(PipelineEstate.self), answer: (@Sendable (String) -> Bool?)? = nil,
                  stdin: Data? = nil) -> CLIRun {
    let out = Captured(), err = Captured()
    var context = CLIContext(estate: estate, root: root, stdout: { out.append($0) }, stderr: { err.append($0) })
    context.assets = { _ in assets }
    context.environment = ["AWS_ENDPOINT_URL": endpoint]
    context.homeDirectory = nil
    // stdin is what the test pipes in; none is a terminal.
    context.stdin = { maxBytes in stdin.map { $0.prefix(maxBytes) } }
    context.deploy.ask = answer ?? { _ in nil }
    // No real waiting; a watch that never settles fails the test instead of hanging it.
    let polls = PollBudget()
    context.deploy.sleep = { _ in try polls.spend() }
    context.deploy.pollInterval = 0
    context.deploy.stop = StopSignal()
    let status = Stackctl.run(context, arguments: arguments)
    return CLIRun(status: status, stdout: out.text, stderr: err.text)
}

final class PollBudget: @unchecked Sendable {
    struct Exhausted: Error, CustomStringConvertible { var description: String { "still polling after 500 waits" } }
    private let lock = NSLock()
    private var left = 500
    func spend() throws {
        lock.lock(); defer { lock.unlock() }
        left -= 1
        if left < 0 { throw Exhausted() }
    }
}

/// Assets with fixed hashes, each with a small zip already "built" in `root/stackctl.out/assets`
/// (zip + build record), so deploy takes FunctionBuilder's real up-to-date path instead of compiling
/// three functions in release (minutes each on CI). Returns the zips' bytes by product.
@discardableResult
func placeBuiltZips(_ assets: [Asset], root: URL) throws -> [String: Data] {
    let folder = root.appendingPathComponent("stackctl.out/assets")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var zips: [String: Data] = [:]
    for asset in assets {
        let zip = try DeterministicZip.archive([ZipEntry(name: "bootstrap", data: Data("#!/bin/sh\n# \(asset.product) \(asset.hash)\n".utf8), mode: 0o755)])
        try zip.write(to: folder.appendingPathComponent(asset.s3Key))
        let digest = SHA256.hash(data: zip).map { String(format: "%02x", $0) }.joined()
        let record = #"{"product":"\#(asset.product)","zipSHA256":"\#(digest)","glibcTooNew":[]}"#
        try Data(record.utf8).write(to: folder.appendingPathComponent(asset.s3Key + ".json"))
        zips[asset.product] = zip
    }
    return zips
}

func pinned(_ hashes: [String: Character]) -> [Asset] {
    hashes.sorted { $0.key < $1.key }.map { Asset(product: $0.key, hash: String(repeating: $0.value, count: 64), sources: ["functions/\($0.key)"]) }
}

/// Lambda's CodeSha256: base64 of the zip's SHA-256.
func codeSha256(_ zip: Data) -> String { Data(SHA256.hash(data: zip)).base64EncodedString() }

/// Runs async work from a synchronous test or class setUp.
final class ResultBox<T>: @unchecked Sendable { var result: Result<T, any Error>? }

func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>(), done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Fixtures/slow_update_endpoint.py on `port`, ready: a fake AWS endpoint whose stack update never ends.
/// The caller kills it.
func startSlowUpdateEndpoint(port: Int) throws -> Process {
    let fake = Process()
    fake.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    fake.arguments = ["python3", repositoryRoot.appendingPathComponent("Tests/StackctlCLITests/Fixtures/slow_update_endpoint.py").path, String(port)]
    let ready = Pipe()
    fake.standardOutput = ready
    try fake.run()
    guard String(decoding: ready.fileHandleForReading.availableData, as: UTF8.self).contains("ready") else {
        fake.terminate()
        throw FixtureFailed(description: "slow_update_endpoint.py did not start on port \(port)")
    }
    return fake
}

struct FixtureFailed: Error, CustomStringConvertible { var description: String }

/// Runs the CLI in process with scripted AWS answers, the given environment and home directory, no
/// terminal and no waiting: for the account check and what comes before any deploy.
func runScriptedCLI(_ arguments: [String], transport: ScriptedTransport, root: URL, environment: [String: String],
                    home: String? = nil) -> CLIRun {
    let out = Captured(), err = Captured()
    var context = CLIContext(estate: AnyEstate(PipelineEstate.self), root: root, stdout: { out.append($0) }, stderr: { err.append($0) })
    context.assets = { _ in pinnedAssets }
    context.environment = environment
    context.homeDirectory = home
    context.transport = transport
    context.deploy.ask = { _ in nil }
    context.deploy.sleep = { _ in }
    context.deploy.stop = StopSignal()
    return CLIRun(status: Stackctl.run(context, arguments: arguments), stdout: out.text, stderr: err.text)
}
