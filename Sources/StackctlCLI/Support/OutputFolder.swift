import Foundation
import StackCore
import StackTemplate

/// Writes a synthesis output folder atomically: everything goes into a fresh sibling folder, which
/// then replaces the old one. A failure leaves the previous folder as it was and no half-written one.
public enum OutputFolder {
    /// Each file is written straight from its contents' own memory (text, bytes or a rendered
    /// template's buffer): large estates write megabytes, and copying them first cost as much as writing.
    public static func write(_ files: [String: any FileContents], to folder: URL) throws {
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
            if fm.fileExists(atPath: folder.path) {
                guard isOutputFolder(folder) else {
                    try? fm.removeItem(at: staging)
                    throw CLIError("\(folder.path) exists and is not a stackctl output folder",
                                   hint: "choose another --out, or remove the folder yourself", status: .io)
                }
                try fm.removeItem(at: folder)
            }
            try fm.moveItem(at: staging, to: folder)
        } catch let error as CLIError {
            throw error
        } catch {
            try? fm.removeItem(at: staging)
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

/// What an output file can be written from without copying it into another buffer first.
public protocol FileContents: Sendable {
    func withContentBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
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
