import Foundation
import XCTest
@testable import StackTemplate

/// Rendered templates checked by tools other than our own parser: cfn-lint (CloudFormation's rules)
/// and PyYAML (the YAML reader cfn-lint uses). Both are required; the CI script installs cfn-lint,
/// which brings PyYAML.
final class ExternalReaderTests: XCTestCase {
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private func temporaryFile(_ name: String, _ contents: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stackctl-template-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testCfnLintAcceptsRenderedYAMLAndJSON() throws {
        let t = Fixtures.deployable
        let yaml = try temporaryFile("template.yaml", YAMLRenderer.render(t))
        let json = try temporaryFile("template.json", JSONRenderer.render(t))
        let result = try run(["cfn-lint", "--", yaml.path, json.path])
        XCTAssertNotEqual(result.status, 127, "cfn-lint is not on PATH: install it (pip install cfn-lint)")
        XCTAssertEqual(result.status, 0, result.output)
    }

    func testCfnLintRejectsABrokenTemplate() throws {
        // Guards the test above against a cfn-lint invocation that never fails.
        var t = Fixtures.deployable
        t.resources["Function"]?.properties["Role"] = .getAtt("Missing", "Arn")
        let yaml = try temporaryFile("broken.yaml", YAMLRenderer.render(t))
        XCTAssertNotEqual(try run(["cfn-lint", "--", yaml.path]).status, 0)
    }

    /// PyYAML reads our YAML as the same data we meant: dumped back as JSON it parses to the template.
    func testPyYAMLReadsTrickyStringsAsWritten() throws {
        var properties: [String: TemplateValue] = [:]
        for (index, s) in QuotingTests.tricky.enumerated() {
            properties["P\(index)"] = ["Value": .string(s), "List": [.string(s)], "Map": .map([s: .string(s), "x": 1])]
        }
        properties["Numbers"] = [1, -2, 0.5, 1e-7, 1e21, -0.0, 100.0, true, false, .null]
        let t = Template(resources: ["R": Resource(type: "T::T", properties: properties)])
        let yaml = try temporaryFile("tricky.yaml", YAMLRenderer.render(t))
        let script = "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)"
        let result = try run(["python3", "-c", script, yaml.path])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(try TemplateParser.parse(result.output), t)
    }
}
