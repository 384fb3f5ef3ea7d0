import Estate
import Foundation
import StackAssets
import StackCore
import StackDeploy
import StackctlCLI
import TestSupport
import XCTest

/// Runs the CLI in process with the bundled estate, a chosen process environment (no shared config
/// files) and, optionally, pinned asset hashes.
func runCLI(_ arguments: [String], environment: [String: String] = ["PATH": "/usr/bin:/bin"],
            assets: (any AssetResolver)? = nil) -> CLIRun {
    let out = Captured(), err = Captured()
    var context = CLIContext(estate: AnyEstate(PipelineEstate.self), root: repositoryRoot,
                             stdout: { out.append($0) }, stderr: { err.append($0) })
    context.environment = environment
    context.homeDirectory = nil
    if let assets { context.assets = { _ in assets } }
    let status = Stackctl.run(context, arguments: arguments)
    return CLIRun(status: status, stdout: out.text, stderr: err.text)
}

/// Fixed asset hashes, so a test can put a zip of its own where `invoke` looks for a function.
let pinnedAssets = StaticAssets(["market-processing", "market-analysis", "tick-processor"].enumerated().map { i, product in
    Asset(product: product, hash: String(repeating: String(i + 1), count: 64), sources: ["functions/\(product)"])
})

/// A scratch folder removed after the test.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-invoke-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Packages a shell script as a function zip (`bootstrap`, executable) for a pinned product.
func writeScriptFunction(_ script: String, product: String, into folder: URL) throws {
    let asset = try XCTUnwrap(pinnedAssets.assets[product])
    let zip = try DeterministicZip.archive([ZipEntry(name: "bootstrap", data: Data(script.utf8), mode: 0o755)])
    try zip.write(to: folder.appendingPathComponent(asset.s3Key))
}

/// Shell fragments of a runtime client in sh + curl: fetch the event (headers to $h, body to $event).
let scriptPrelude = """
    #!/bin/sh
    api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
    h=$(mktemp)
    event=$(curl -sS -D "$h" "$api/invocation/next")
    id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$h" | cut -d' ' -f2 | tr -d '\\r')

    """
