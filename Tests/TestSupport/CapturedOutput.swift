import Foundation

/// What a CLI run printed and returned.
public struct CLIRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Collects printed lines from `@Sendable` closures.
public final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    public init() {}
    public func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    public var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}
