import Foundation
import TestSupport
import XCTest
@testable import StackTemplate

/// Rendered templates checked by tools other than our own parser: cfn-lint (CloudFormation's rules)
/// and PyYAML (the YAML reader cfn-lint uses). Both are required; the CI script installs cfn-lint,
/// which brings PyYAML.
final class ExternalReaderTests: XCTestCase {
    func testCfnLintAcceptsRenderedYAMLAndJSON() throws {
        let t = Fixtures.deployable
        let result = try CfnLint.run(files: [
            "template.yaml": Array(YAMLRenderer.render(t).utf8),
            "template.json": JSONRenderer.renderBytes(t),
        ])
        XCTAssertEqual(result.status, 0, result.output)
    }

    func testCfnLintRejectsABrokenTemplate() throws {
        // Guards the test above against a cfn-lint invocation that never fails.
        var t = Fixtures.deployable
        t.resources["Function"]?.properties["Role"] = .getAtt("Missing", "Arn")
        XCTAssertNotEqual(try CfnLint.run(files: ["broken.yaml": Array(YAMLRenderer.render(t).utf8)]).status, 0)
    }

    /// PyYAML reads our YAML as the same data we meant: dumped back as JSON it parses to the template.
    func testPyYAMLReadsTrickyStringsAsWritten() throws {
        var properties: [String: TemplateValue] = [:]
        for (index, s) in QuotingTests.tricky.enumerated() {
            properties["P\(index)"] = ["Value": .string(s), "List": [.string(s)], "Map": .map([s: .string(s), "x": 1])]
        }
        properties["Numbers"] = [1, -2, 0.5, 1e-7, 1e21, -0.0, 100.0, true, false, .null]
        let t = Template(resources: ["R": Resource(type: "T::T", properties: TemplateMap(properties))])
        let yaml = try temporaryFile("tricky.yaml", YAMLRenderer.render(t))
        let script = "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)"
        let result = try runTool(["python3", "-c", script, yaml.path], install: "python3; pip install cfn-lint brings PyYAML")
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(try TemplateParser.parse(result.output), t)
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
}
