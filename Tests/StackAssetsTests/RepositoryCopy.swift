import Foundation

/// The repository this test target belongs to.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A throwaway copy of the parts of the repository an asset hash reads, for tests that edit them.
enum RepositoryCopy {
    /// Package.swift and `folders` (relative paths) copied into a new temporary folder.
    static func make(folders: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-assets-\(UUID().uuidString)")
        let files = FileManager.default
        try files.createDirectory(at: root, withIntermediateDirectories: true)
        try files.copyItem(at: repositoryRoot.appendingPathComponent("Package.swift"), to: root.appendingPathComponent("Package.swift"))
        for folder in Set(folders).sorted() {
            let target = root.appendingPathComponent(folder)
            try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try files.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: target)
        }
        return root
    }

    /// A Package.resolved (version 3) pinning each identity at a version.
    static func writeResolved(in root: URL, pins: [String: String]) throws {
        let entries = pins.keys.sorted().map { identity in
            """
                {
                  "identity" : "\(identity)",
                  "kind" : "remoteSourceControl",
                  "location" : "https://example.com/\(identity)",
                  "state" : { "revision" : "\(String(repeating: "a", count: 40))", "version" : "\(pins[identity]!)" }
                }
            """
        }
        let text = "{\n  \"pins\" : [\n\(entries.joined(separator: ",\n"))\n  ],\n  \"version\" : 3\n}\n"
        try Data(text.utf8).write(to: root.appendingPathComponent("Package.resolved"))
    }

    /// The first regular file under `folder`, by sorted path.
    static func firstFile(under folder: URL) -> URL? {
        let all = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true } ?? []
        return all.sorted { $0.path < $1.path }.first
    }
}
