import Foundation
import StackDeploy
import XCTest
import TestSupport

/// `stackctl build`. One test builds one product for real (tick-processor, release, ~20 s warm on 2 cores);
/// the zips go to a temporary `--out`, the build itself to the repository's `.build-lambda`.
final class BuildCommandTests: XCTestCase {
    func testUnknownFunctionIsAUsageErrorListingTheKnownOnes() {
        let run = runCLI(["build", "no-such-function", "--env", "local"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("no function 'no-such-function'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("market-processing, market-analysis, tick-processor")
                      || run.stderr.contains("market-analysis, market-processing, tick-processor"), run.stderr)
        XCTAssertTrue(run.stderr.contains("TickAlerts/Processor"), run.stderr)
    }

    func testHelpDescribesTheOptions() throws {
        let run = try runProcess(["build", "--help"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for option in ["--env", "--swift-sdk", "--allow-glibc-mismatch", "--out", "<functions>", "glibc 2.34", "--clean",
                       "Remove the scratch folder (.build-lambda) first"] {
            XCTAssertTrue(run.stdout.contains(option), "\(option): \(run.stdout)")
        }
        let overview = try runProcess(["--help"])
        XCTAssertTrue(overview.stdout.contains("build"), overview.stdout)
    }

    /// `--clean` with a fake `swift` (STACKCTL_SWIFT): the scratch folder goes once, and an up-to-date zip is rebuilt.
    func testCleanRemovesTheScratchFolderOnceAndRebuildsUpToDateZips() throws {
        let root = try scratchRoot(self)
        let swift = try writeFakeSwift(at: try temporaryFolder(self).appendingPathComponent("swift"))
        let out = root.appendingPathComponent("zips")
        let environment = ["STACKCTL_SWIFT": swift.path]
        let first = runCLI(["build", "tick-processor", "--env", "local", "--out", out.path], root: root, environment: environment)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("building tick-processor…"), first.stdout)
        let upToDate = runCLI(["build", "tick-processor", "--env", "local", "--out", out.path], root: root, environment: environment)
        XCTAssertTrue(upToDate.stdout.contains("tick-processor: up to date"), upToDate.stdout)

        let scratch = root.appendingPathComponent(".build-lambda")
        let stale = scratch.appendingPathComponent("release/stale.o")
        try Data("old".utf8).write(to: stale)
        let clean = runCLI(["build", "--env", "local", "--out", out.path, "--clean"], root: root, environment: environment)
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertTrue(clean.stdout.contains("cleaning \(scratch.path): --clean; everything is compiled afresh"), clean.stdout)
        XCTAssertEqual(clean.stdout.components(separatedBy: "cleaning ").count, 2, "cleaned once: \(clean.stdout)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "the scratch folder was removed")
        XCTAssertFalse(clean.stdout.contains("up to date"), clean.stdout)
        let built = try String(contentsOf: scratch.appendingPathComponent("builds.log"), encoding: .utf8)
        XCTAssertEqual(built, "market-analysis\nmarket-processing\ntick-processor\n", "all three built on the fresh folder")
        XCTAssertNotNil(try? Data(contentsOf: scratch.appendingPathComponent("stackctl-build-inputs.json")))
    }

    func testBuildsAPortableSmallFunctionChecksItAndSkipsUnchangedFunctions() throws {
        let temp = try temporaryFolder(self)
        let out = temp.appendingPathComponent("assets")

        // The hash synthesis puts in the template.
        let synthOut = temp.appendingPathComponent("synth")
        XCTAssertEqual(runCLI(["synth", "--env", "dev", "--format", "json", "--out", synthOut.path]).status, 0)
        let template = try JSONSerialization.jsonObject(with: Data(contentsOf: synthOut.appendingPathComponent("TickAlerts.template.json"))) as? [String: Any]
        let resources = try XCTUnwrap(template?["Resources"] as? [String: [String: Any]])
        let keys = resources.values.filter { $0["Type"] as? String == "AWS::Lambda::Function" }.compactMap {
            (($0["Properties"] as? [String: Any])?["Code"] as? [String: Any])?["S3Key"] as? String
        }
        XCTAssertEqual(keys.count, 1, "\(keys)")
        let zip = out.appendingPathComponent(try XCTUnwrap(keys.first))

        // Portable by default: built on this host's glibc (Debian 12 has 2.36), the binary needs nothing newer than
        // provided.al2023's 2.34 (hypot/hypotf are bound to old versions) and links no ICU or full Foundation.
        let built = runCLI(["build", "tick-processor", "--out", out.path])
        XCTAssertEqual(built.status, 0, built.stderr)
        XCTAssertEqual(built.stderr, "")
        XCTAssertTrue(built.stdout.contains("building tick-processor…"), built.stdout)
        XCTAssertTrue(built.stdout.contains("provided.al2023 has 2.34 — ok"), built.stdout)
        XCTAssertTrue(built.stdout.contains("links: no ICU, no full Foundation — ok"), built.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: zip.path), files(in: out).description)
        // The zip, its build record (what it was built with) and the DWARF moved out of it.
        let debug = zip.deletingPathExtension().appendingPathExtension("debug").lastPathComponent
        XCTAssertEqual(files(in: out), [debug, zip.lastPathComponent, zip.lastPathComponent + ".json"])

        // The zip holds one executable `bootstrap`; issue 11's size targets: zip ≤ 8 MB, unpacked ≤ 25 MB.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist(): print(i.filename, oct(i.external_attr >> 16), i.file_size)
            """, zip.path]
        let pipe = Pipe()
        check.standardOutput = pipe
        try check.run()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0)
        let fields = listing.split(separator: " ")
        XCTAssertEqual(fields.prefix(2), ["bootstrap", "0o100755"], listing)
        let binaryBytes = try XCTUnwrap(Int(fields.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""), listing)
        let zipBytes = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: zip.path)[.size] as? Int)
        XCTAssertGreaterThan(binaryBytes, 1_000_000)
        XCTAssertLessThanOrEqual(zipBytes, 8_000_000)
        XCTAssertLessThanOrEqual(binaryBytes, 25_000_000)
        // The summary names both sizes, as the build record keeps them.
        let summary = "summary:\n  tick-processor  zip \(FunctionBuilder.formatSize(zipBytes)), binary \(FunctionBuilder.formatSize(binaryBytes))"
        XCTAssertTrue(built.stdout.hasSuffix(summary), built.stdout)

        // Unchanged inputs: no build, no new zip — by product name and by construct path.
        let modified = try FileManager.default.attributesOfItem(atPath: zip.path)[.modificationDate] as? Date
        for name in ["tick-processor", "TickAlerts/Processor"] {
            let again = runCLI(["build", name, "--out", out.path])
            XCTAssertEqual(again.status, 0, again.stderr)
            XCTAssertEqual(again.stdout, "tick-processor: up to date (\(zip.lastPathComponent.prefix(12)))\n" + summary)
            XCTAssertEqual(again.stderr, "")
        }

        // A zip packaged with --allow-glibc-mismatch (its record lists the too-new versions) does not pass a strict
        // run as "up to date", and is accepted with the flag, with a warning.
        let recordURL = zip.appendingPathExtension("json")
        var record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: recordURL)) as? [String: Any])
        record["glibcTooNew"] = ["GLIBC_2.35"]
        try JSONSerialization.data(withJSONObject: record).write(to: recordURL)
        let strictAgain = runCLI(["build", "tick-processor", "--out", out.path])
        XCTAssertEqual(strictAgain.status, 1)
        XCTAssertTrue(strictAgain.stderr.contains("error: tick-processor: the packaged \(zip.lastPathComponent) needs GLIBC_2.35"),
                      strictAgain.stderr)
        XCTAssertTrue(strictAgain.stderr.contains("--allow-glibc-mismatch"), strictAgain.stderr)
        let allowed = runCLI(["build", "tick-processor", "--out", out.path, "--allow-glibc-mismatch"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stderr.hasPrefix("warning: tick-processor: the packaged zip needs GLIBC_2.35"), allowed.stderr)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: zip.path)[.modificationDate] as? Date, modified)
        let allow = ["--allow-glibc-mismatch"]

        // Another --swift-sdk is another build; one that does not exist fails, naming the product, and
        // leaves the zip alone.
        let otherSDK = runCLI(["build", "tick-processor", "--out", out.path, "--swift-sdk", "no-such-sdk"] + allow)
        XCTAssertEqual(otherSDK.status, 1, otherSDK.stderr)
        XCTAssertTrue(otherSDK.stdout.contains("was built without --swift-sdk; rebuilding"), otherSDK.stdout)
        XCTAssertTrue(otherSDK.stderr.contains("error: tick-processor: swift build failed (exit 1)"), otherSDK.stderr)
        XCTAssertTrue(otherSDK.stderr.contains("--swift-sdk no-such-sdk"), otherSDK.stderr)
        XCTAssertTrue(otherSDK.stderr.contains("--scratch-path \(repositoryRoot.path)/.build-lambda-no-such-sdk"), otherSDK.stderr)
        XCTAssertFalse(otherSDK.stdout.contains("cleaning"), "another SDK builds in its own folder: \(otherSDK.stdout)")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: zip.path)[.modificationDate] as? Date, modified)
    }
}

/// Which functions a build compiles: in a copy of the repository, with a `swift` (STACKCTL_SWIFT) that logs what
/// it is asked to build and "links" /bin/true, so the decision is seen without minutes of compiling.
final class BuildDecisionTests: XCTestCase {
    func testAChangeInOneFunctionsFolderRebuildsOnlyThatFunction() throws {
        let root = try scratchRoot(self)
        let temp = try temporaryFolder(self)
        let out = temp.appendingPathComponent("assets")
        let swift = try writeFakeSwift(at: temp.appendingPathComponent("swift"))
        let log = root.appendingPathComponent(".build-lambda/builds.log")
        let environment = ["STACKCTL_SWIFT": swift.path, "PATH": "/usr/bin:/bin"]
        func build() -> CLIRun { runCLI(["build", "--env", "local", "--out", out.path], root: root, environment: environment) }
        func built() throws -> [String] { (try? read(log))?.split(separator: "\n").map(String.init) ?? [] }

        let first = build()
        XCTAssertEqual(first.status, 0, first.stderr + first.stdout)
        XCTAssertEqual(try built(), ["market-analysis", "market-processing", "tick-processor"])
        // Each zip has its record and its debug file next to it.
        XCTAssertEqual(files(in: out).filter { $0.hasSuffix(".zip") }.count, 3, files(in: out).description)
        XCTAssertEqual(files(in: out).filter { $0.hasSuffix(".debug") }.count, 3, files(in: out).description)

        // Edit tick-processor's own folder: only it is compiled and repackaged.
        try FileManager.default.removeItem(at: log)
        let main = root.appendingPathComponent("functions/tick-processor/main.swift")
        try (try read(main) + "\n// edited\n").write(to: main, atomically: true, encoding: .utf8)
        let second = build()
        XCTAssertEqual(second.status, 0, second.stderr + second.stdout)
        XCTAssertEqual(try built(), ["tick-processor"])
        XCTAssertTrue(second.stdout.contains("market-analysis: up to date ("), second.stdout)
        XCTAssertTrue(second.stdout.contains("market-processing: up to date ("), second.stdout)
        XCTAssertTrue(second.stdout.contains("building tick-processor…"), second.stdout)
        XCTAssertEqual(files(in: out).filter { $0.hasSuffix(".zip") }.count, 4, "the new hash is a new zip; the old one stays")

        // Nothing changed: nothing is compiled.
        try FileManager.default.removeItem(at: log)
        let third = build()
        XCTAssertEqual(third.status, 0, third.stderr)
        XCTAssertEqual(try built(), [])
        XCTAssertEqual(third.stdout.split(separator: "\n").filter { $0.contains(": up to date (") }.count, 3, third.stdout)
    }
}
