import Crypto
import Foundation

/// A digest of one input folder: the same files an asset hash reads (`SourceFiles`, hidden entries
/// skipped), each path and its bytes. `build`'s scratch guard records one per linked module.
public enum SourceFolderDigest {
    /// Nil when the folder or one of its files cannot be read.
    public static func of(_ folder: String, root: URL) -> String? {
        let rootPath = root.standardizedFileURL.path + "/"
        guard let files = SourceFiles.files(under: folder, rootPath: rootPath) else { return nil }
        var hasher = SHA256()
        for path in files.sorted() {
            guard let bytes = FileManager.default.contents(atPath: rootPath + path) else { return nil }
            hasher.update(data: Data(path.utf8) + [0])
            hasher.update(data: Data(SHA256.hash(data: bytes)))
        }
        return SourceFiles.hex(hasher.finalize())
    }
}
