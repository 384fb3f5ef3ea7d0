import Foundation
import StackTemplate
import XCTest

/// What a command-line tool run by a test did: its exit status and its standard output and error, merged.
public struct ToolResult: Sendable {
    public var status: Int32
    public var output: String
}

/// A tool a test needs is not on PATH. Tests that need it fail with this error; they never skip.
public struct ToolMissing: Error, CustomStringConvertible {
    public var tool: String
    public var install: String
    public var description: String { "\(tool) is not on PATH: install it (\(install)); tests that need it fail without it" }
}

/// Runs a tool found on PATH (`arguments[0]`) and waits for it; throws `ToolMissing` when it is not on PATH.
public func runTool(_ arguments: [String], install: String) throws -> ToolResult {
    guard let tool = arguments.first else { preconditionFailure("runTool needs the tool's name") }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let found = path.split(separator: ":").contains { directory in
        FileManager.default.isExecutableFile(atPath: "\(directory)/\(tool)")
    }
    guard found else { throw ToolMissing(tool: tool, install: install) }
    return try runCommand(arguments)
}

/// Runs a command through `/usr/bin/env` and waits for it: its status and its output and error, merged.
public func runCommand(_ arguments: [String]) throws -> ToolResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

/// Runs `cfn-lint --format parseable` over templates: one process for all of them (it takes a second or
/// two to start). cfn-lint must be on PATH; without it `run` throws `ToolMissing`, which fails the test.
public enum CfnLint {
    public typealias Result = ToolResult

    /// Lints templates rendered by the real `JSONRenderer`, each as `<name>.json`.
    public static func run(_ templates: [String: Template]) throws -> Result {
        var files: [String: [UInt8]] = [:]
        for (name, template) in templates { files["\(name).json"] = try JSONRenderer.renderBytes(template) }
        return try run(files: files)
    }

    /// Lints files given by name (with the extension cfn-lint reads them by: `.json`, `.yaml`) and contents.
    public static func run(files: [String: [UInt8]]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stackctl-lint-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var paths: [String] = []
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(name)
            let data = Data(bytes)
            try data.write(to: url)
            // STACKAWS_LINT_DIR=/some/dir keeps a copy of what was linted, for a look by hand.
            if let keep = ProcessInfo.processInfo.environment["STACKAWS_LINT_DIR"] {
                try data.write(to: URL(fileURLWithPath: keep).appendingPathComponent(name))
            }
            paths.append(url.path)
        }
        return try runTool(["cfn-lint", "--format", "parseable", "--"] + paths, install: "pip install cfn-lint")
    }
}

/// Asserts that cfn-lint reports nothing (no error, warning or informational finding) for the templates,
/// rendered by the real `JSONRenderer`; fails when cfn-lint cannot run (not on PATH, say).
public func assertLintClean(_ templates: [String: Template], file: StaticString = #filePath, line: UInt = #line) {
    do {
        let result = try CfnLint.run(templates)
        XCTAssertEqual(result.status, 0, "cfn-lint failed:\n\(result.output)", file: file, line: line)
        XCTAssertEqual(result.output.trimmingCharacters(in: .whitespacesAndNewlines), "",
                       "cfn-lint reported:\n\(result.output)", file: file, line: line)
    } catch {
        XCTFail("could not run cfn-lint: \(error)", file: file, line: line)
    }
}
