import Foundation
import Contracts
import StackAWS
import StackCore
import StackctlCLI
import StackTemplate
import XCTest

final class SynthCommandTests: XCTestCase {
    func testSynthWritesTemplatesAndManifest() throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        let run = runCLI(["synth", "--env", "dev", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(files(in: out), ["MarketStream.template.yaml", "TickAlerts.template.yaml", "manifest.json"])
        XCTAssertTrue(run.stdout.hasPrefix("synthesized 2 stacks ("), run.stdout)
        XCTAssertTrue(run.stdout.contains("MarketStream.template.yaml  22 resources"), run.stdout)

        let manifest = try TemplateParser.parseValue(read(out.appendingPathComponent("manifest.json")))
        XCTAssertEqual(manifest["version"], 1)
        XCTAssertEqual(manifest["environment"]?["account"], "111111111111")
        XCTAssertEqual(manifest["environment"]?["stagingBucket"], "stackctl-assets-111111111111-us-east-2")
        guard case .list(let stacks)? = manifest["stacks"], case .list(let assets)? = manifest["assets"] else {
            return XCTFail("manifest without stacks or assets")
        }
        XCTAssertEqual(stacks.map { $0["stackName"] }, ["mkt-dev-MarketStream", "mkt-dev-TickAlerts"])
        XCTAssertEqual(stacks.first?["terminationProtection"], false)
        XCTAssertEqual(assets.map { $0["product"] }, ["market-analysis", "market-processing", "tick-processor"])
        for asset in assets {
            guard case .string(let hash)? = asset["hash"] else { return XCTFail("asset without hash") }
            XCTAssertEqual(hash.count, 64)
            XCTAssertEqual(asset["s3Key"], .string(hash + ".zip"))
        }
    }

    func testJSONFormatWritesParseableTemplates() throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        let run = runCLI(["synth", "--env", "prod", "--format", "json", "--out", out.path, "--stack", "TickAlerts"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(files(in: out), ["TickAlerts.template.json", "manifest.json"])
        let template = try TemplateParser.parse(read(out.appendingPathComponent("TickAlerts.template.json")))
        XCTAssertEqual(template.resources["Processor"]?.type, "AWS::Lambda::Function")
    }

    func testTwoRunsWriteIdenticalBytes() throws {
        let base = try temporaryFolder(self)
        for name in ["a", "b"] {
            XCTAssertEqual(runCLI(["synth", "--env", "prod", "--out", base.appendingPathComponent(name).path]).status, 0)
        }
        for file in files(in: base.appendingPathComponent("a")) {
            let a = try Data(contentsOf: base.appendingPathComponent("a/\(file)"))
            let b = try Data(contentsOf: base.appendingPathComponent("b/\(file)"))
            XCTAssertEqual(a, b, "\(file) differs between two runs")
        }
    }

    func testUnchangedCodeKeepsTheS3KeyAndChangedCodeChangesIt() throws {
        let root = try scratchRoot(self)
        let first = try synthesizedKey(root: root, function: "Processor", stack: "TickAlerts")
        XCTAssertEqual(try synthesizedKey(root: root, function: "Processor", stack: "TickAlerts"), first)
        let source = root.appendingPathComponent("functions/tick-processor/changed.swift")
        try Data("// a change\n".utf8).write(to: source)
        XCTAssertNotEqual(try synthesizedKey(root: root, function: "Processor", stack: "TickAlerts"), first)
        // Another product's code does not move this one.
        try FileManager.default.removeItem(at: source)
        try Data("// elsewhere\n".utf8).write(to: root.appendingPathComponent("functions/market-analysis/changed.swift"))
        XCTAssertEqual(try synthesizedKey(root: root, function: "Processor", stack: "TickAlerts"), first)
        // A library the function links is its code too (functions/Clients was once left out of the hash).
        let clients = root.appendingPathComponent("functions/Clients/MarketClients.swift")
        try (try Data(contentsOf: clients) + Data("// a change\n".utf8)).write(to: clients)
        XCTAssertNotEqual(try synthesizedKey(root: root, function: "Processor", stack: "TickAlerts"), first)
    }

    private func synthesizedKey(root: URL, function: String, stack: String) throws -> TemplateValue? {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        let run = runCLI(["synth", "--format", "json", "--out", out.path], root: root)
        XCTAssertEqual(run.status, 0, run.stderr)
        let template = try TemplateParser.parse(read(out.appendingPathComponent("\(stack).template.json")))
        return template.resources[function]?.properties["Code"]?["S3Key"]
    }

    func testFailedSynthWritesNothingAndKeepsThePreviousOutput() throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        XCTAssertEqual(runCLI(["synth", "--out", out.path]).status, 0)
        let before = try read(out.appendingPathComponent("manifest.json"))

        let broken = AnyEstate(defaultEnvironment: "dev", stacks: { _ in [BrokenStack()] }, settings: .testing)
        let run = runCLI(["synth", "--out", out.path], estate: broken)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(try read(out.appendingPathComponent("manifest.json")), before)
        let fresh = try temporaryFolder(self).appendingPathComponent("never")
        XCTAssertEqual(runCLI(["synth", "--out", fresh.path], estate: broken).status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path))
        XCTAssertEqual(files(in: fresh.deletingLastPathComponent()), [], "no staging folder left behind")
    }

    func testEveryDiagnosticIsPrintedSortedWithACount() {
        let broken = AnyEstate(defaultEnvironment: "dev", stacks: { _ in [BrokenStack()] }, settings: .testing)
        let run = runCLI(["synth"], estate: broken)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, """
            error: Broken/Analysis (environment.ALERT_TOPIC_ARN): environment variable ALERT_TOPIC_ARN of MarketAnalysisEnv is not set [env-var-unset]
              hint: set it in Env(MarketAnalysisEnv.self) { $0[...] = ... }
            error: Broken/Analysis (memory): memory 64 MB is out of range [out-of-range]
              hint: use a value from 128 to 10240 MB
            error: Broken/Analysis (trigger): DynamoDB stream trigger needs a stream on Broken/Quotes [stream-not-enabled]
              hint: pass stream: .newImage to Table("Quotes", ...)
            3 errors, 0 warnings
            """)
        XCTAssertEqual(run.stdout, "")
    }

    func testOutRefusesToReplaceAFolderThatIsNotStackctlOutput() throws {
        let folder = try temporaryFolder(self)
        try Data("precious".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let run = runCLI(["synth", "--out", folder.path])
        XCTAssertEqual(run.status, 3)
        XCTAssertTrue(run.stderr.hasPrefix("error: \(folder.path) exists and is not a stackctl output folder"), run.stderr)
        XCTAssertEqual(try read(folder.appendingPathComponent("notes.txt")), "precious")
    }

    func testUnknownStackIsAUsageError() {
        let run = runCLI(["synth", "--stack", "Nope", "--out", "/tmp/never-written"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, """
            error: no stack named 'Nope' (from --stack)
              hint: stacks in this estate: MarketStream, TickAlerts
            """)
    }

    func testUnknownEnvironmentListsTheAvailableOnes() {
        let run = runCLI(["synth", "--env", "staging"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("error: environments/staging.yaml"), run.stderr)
        XCTAssertTrue(run.stderr.contains("dev, local, prod"), run.stderr)
    }

    func testBrokenEnvironmentFileNamesFileAndLine() throws {
        let root = try scratchRoot(self)
        let file = root.appendingPathComponent("environments/dev.yaml")
        var text = try read(file)
        text = text.replacingOccurrences(of: "logRetentionDays: 14", with: "logRetentionDay: 14")
        try Data(text.utf8).write(to: file)
        let run = runCLI(["synth"], root: root)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("error: environments/dev.yaml:8:1: logRetentionDay: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("logRetentionDays"), run.stderr)
    }

    func testUnknownFlagIsAUsageError() {
        let run = runCLI(["synth", "--colour"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("Unknown option '--colour'"), run.stderr)
    }

    /// Templates are rendered while the folder is written; a template over CloudFormation's 1 MB limit
    /// still fails the whole synth and leaves the previous folder exactly as it was.
    func testTemplateOverTheSizeLimitWritesNothing() throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        XCTAssertEqual(runCLI(["synth", "--env", "dev", "--out", out.path]).status, 0)
        let before = try files(in: out).map { try read(out.appendingPathComponent($0)) }

        let run = runCLI(["synth", "--out", out.path, "--format", "json"], estate: parameterEstate(count: 300))
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("error: Big: the template is"), run.stderr)
        XCTAssertTrue(run.stderr.contains("[template-too-large]"), run.stderr)
        XCTAssertEqual(files(in: out), ["MarketStream.template.yaml", "TickAlerts.template.yaml", "manifest.json"])
        XCTAssertEqual(try files(in: out).map { try read(out.appendingPathComponent($0)) }, before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        XCTAssertEqual(leftovers, ["out"], "the staged files must be removed")
    }

    func testTemplateOverTheInlineLimitIsWrittenWithANote() throws {
        let out = try temporaryFolder(self).appendingPathComponent("out")
        let run = runCLI(["synth", "--out", out.path], estate: parameterEstate(count: 14))
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("[template-uploaded]"), run.stderr)
        XCTAssertEqual(files(in: out), ["Big.template.yaml", "manifest.json"])
        let template = try TemplateParser.parse(read(out.appendingPathComponent("Big.template.yaml")))
        XCTAssertEqual(template.resources.count, 14)
    }

    /// One stack of `count` SSM parameters of about 4 kB each.
    private func parameterEstate(count: Int) -> AnyEstate {
        let settings = StackSettings(environment: "local", account: "123456789012", region: "us-east-1", namePrefix: "big-local")
        return AnyEstate(defaultEnvironment: "local", stacks: { _ in
            [AdHocStack("Big", (0..<count).map { index in
                RawResource("Setting\(index)", type: "AWS::SSM::Parameter",
                            properties: ["Name": .string("/big-local/setting-\(index)"), "Type": "String",
                                         "Value": .string(String(repeating: "v", count: 3_900))])
            })]
        }, settings: settings)
    }

    func testListShowsStacksCountsAndDependencies() {
        let run = runCLI(["list", "--env", "prod"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
            STACK         DEPLOYED AS            RESOURCES  DEPENDS ON
            MarketStream  mkt-prod-MarketStream  25         -
            TickAlerts    mkt-prod-TickAlerts    19         -
            """)
    }
}

/// A stack with three mistakes in one function.
struct BrokenStack: StackDefinition {
    var name: String { "Broken" }
    var body: StackBody {
        let quotes = Table("Quotes", partitionKey: .string("symbol"))
        quotes
        Function("Analysis", product: "market-analysis", memory: 64) {
            Trigger.dynamoDBStream(quotes)
            Env(MarketAnalysisEnv.self) { $0[.quotesTable] = quotes.name }
        }
    }
}
