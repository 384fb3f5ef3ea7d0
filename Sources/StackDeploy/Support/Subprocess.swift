import Foundation

/// Runs a program to completion; stdout and stderr together through a file (no pipe to fill up).
/// Used for `swift build` (function builds, the base revision of `diff --base`) and `git`.
public enum Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
    }

    public static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) -> Result {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-diff-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let handle = try? FileHandle(forWritingTo: log) else {
            return Result(status: -1, output: "cannot create \(log.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            try? handle.close()
            return Result(status: -1, output: "cannot run \(arguments.first ?? "?"): \(error)")
        }
        process.waitUntilExit()
        try? handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, output: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The last `count` lines, for error messages.
    public static func tail(_ text: String, _ count: Int = 15) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}
