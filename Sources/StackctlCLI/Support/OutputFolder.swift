import Foundation
import StackCore
import StackTemplate

/// Writes a synthesis output folder atomically: everything goes into a fresh sibling folder, which
/// then replaces the old one. A failure leaves the previous folder as it was and no half-written one.
public enum OutputFolder {
    /// Each file is written straight from its contents' own memory (text, bytes or a rendered
    /// template's buffer): large estates write megabytes, and copying them first cost as much as writing.
    /// `beforeCommit` runs once every file is staged and before the old folder is replaced; when it
    /// throws, nothing is replaced and its error comes out unchanged.
    public static func write(_ files: [String: any FileContents], to folder: URL,
                             beforeCommit: () throws -> Void = {}) throws {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            // Files are independent: write them on all cores (large estates write megabytes).
            let stagingPath = staging.path
            _ = try files.sorted(by: { $0.key < $1.key }).parallelMap { name, contents in
                try contents.withContentBytes { try writeFile(stagingPath + "/" + name, $0) }
            }
            do { try beforeCommit() } catch { throw Uncommitted(error: error) }
            if fm.fileExists(atPath: folder.path) {
                guard isOutputFolder(folder) else {
                    throw CLIError("\(folder.path) exists and is not a stackctl output folder",
                                   hint: "choose another --out, or remove the folder yourself", status: .io)
                }
                try fm.removeItem(at: folder)
            }
            try fm.moveItem(at: staging, to: folder)
        } catch {
            // Whatever failed, the staged files go; our own errors and `beforeCommit`'s pass unchanged.
            try? fm.removeItem(at: staging)
            if let stop = error as? Uncommitted { throw stop.error }
            if error is CLIError { throw error }
            let reason = (error as? POSIXFileError)?.description ?? error.localizedDescription
            throw CLIError("cannot write \(folder.path): \(reason)",
                           hint: "check that the folder's parent exists and is writable", status: .io)
        }
    }

    /// Plain open/write/close straight from the caller's buffer. No fsync: the folder is a build
    /// output that is swapped in whole, and syncing each file cost more than rendering it.
    private static func writeFile(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXFileError(path: path, code: errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXFileError(path: path, code: errno)
            }
            offset += written
        }
    }

    /// Only folders holding a stackctl manifest (or nothing) are replaced, so a typo in `--out` never
    /// deletes someone's work.
    static func isOutputFolder(_ folder: URL) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.appendingPathComponent(Manifest.fileName).path) { return true }
        return ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? ["?"]).isEmpty
    }
}

/// A failed open or write, with the system's reason.
struct POSIXFileError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var description: String { "\(path): \(String(cString: strerror(code)))" }
}

/// What an output file can be written from without copying it into another buffer first. Producing
/// the bytes may itself fail (a template rendered on demand).
public protocol FileContents: Sendable {
    func withContentBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R
}

/// A stack's template, rendered when the folder writer gets to it and dropped once written, so a
/// large estate never holds all its rendered templates at once. Records the deploy body size.
public struct StackTemplateFile: FileContents {
    public let stack: SynthesizedStack
    public let format: TemplateFormat
    let sizes: BodySizes
    let index: Int

    /// Files for `stacks`, named `STACK.template.EXT`; `sizes` collects each one's body size by index.
    public static func files(_ stacks: [SynthesizedStack], format: TemplateFormat) -> (files: [String: any FileContents], sizes: BodySizes) {
        let sizes = BodySizes(count: stacks.count)
        var files: [String: any FileContents] = [:]
        for (index, stack) in stacks.enumerated() {
            files["\(stack.name).\(format.fileExtension)"] = StackTemplateFile(stack: stack, format: format, sizes: sizes, index: index)
        }
        return (files, sizes)
    }

    public func withContentBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        let (text, bodyBytes) = try SynthesisRun.render(stack, format)
        sizes.record(bodyBytes, at: index)
        return try text.withUnsafeBytes(body)
    }
}

/// Body sizes recorded by concurrent writers, one slot per stack.
public final class BodySizes: @unchecked Sendable {
    private var values: [Int]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: 0, count: count) }

    func record(_ bytes: Int, at index: Int) { lock.withLock { values[index] = bytes } }

    public var all: [Int] { lock.withLock { values } }
}

/// Carries a `beforeCommit` failure past the folder writer's own error wrapping.
private struct Uncommitted: Error {
    var error: any Error
}

extension String: FileContents {
    public func withContentBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var text = self
        return try text.withUTF8(body)
    }
}

extension Array: FileContents where Element == UInt8 {
    public func withContentBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer(body)
    }
}

extension RenderedTemplate: FileContents {
    public func withContentBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeBytes(body)
    }
}
