import Foundation
import StackCore

/// Writes a synthesis output folder atomically: everything goes into a fresh sibling folder, which
/// then replaces the old one. A failure leaves the previous folder as it was and no half-written one.
public enum OutputFolder {
    public static func write(_ files: [String: String], to folder: URL) throws {
        try write(bytes: files.mapValues { Array($0.utf8) }, to: folder)
    }

    public static func write(bytes files: [String: [UInt8]], to folder: URL) throws {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            // Files are independent: write them on all cores (large estates write megabytes).
            _ = try files.sorted(by: { $0.key < $1.key }).parallelMap { name, bytes in
                try bytes.withUnsafeBufferPointer { try Data(buffer: $0).write(to: staging.appendingPathComponent(name)) }
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
            throw CLIError("cannot write \(folder.path): \(error.localizedDescription)",
                           hint: "check that the folder's parent exists and is writable", status: .io)
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
