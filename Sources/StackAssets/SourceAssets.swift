import Crypto
import Foundation
import StackCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Assets hashed from the repository: a function product's folder in `functions/` plus everything a
/// function may link — the contracts, the logic modules and the runtime libraries (those that exist) —
/// so a change to any input changes the key. Erring on the side of hashing too much means a logic change
/// for one estate also re-uploads the other estate's functions: a redeploy too many, never one missed.
public final class SourceAssets: AssetResolver, @unchecked Sendable {
    public static let sharedInputs = [
        "functions/Contracts", "functions/Logic", "Sources/LambdaRuntime", "Sources/LambdaEvents", "Sources/AWSClient",
    ]
    /// Folders in `functions/` that hold shared code, not products.
    static let sharedFolders: Set<String> = ["Contracts", "Logic"]

    public let root: URL
    private let lock = NSLock()
    private var cache: [String: Result<Asset, AssetProblem>] = [:]
    /// Each file is read and hashed once, however many products share it (the shared inputs are most of it).
    private var fileDigests: [String: Data] = [:]
    /// The root as a path ending in `/`: string paths, because URL appending costs more than the hashing.
    private let rootPath: String

    public init(root: URL) {
        self.root = root
        rootPath = root.standardizedFileURL.path + "/"
    }

    public func asset(forProduct product: String) -> Result<Asset, AssetProblem> {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[product] { return cached }
        let result = compute(product)
        cache[product] = result
        return result
    }

    private func compute(_ product: String) -> Result<Asset, AssetProblem> {
        let folder = "functions/" + product
        if Self.sharedFolders.contains(product) {
            return .failure(AssetProblem("'\(product)' holds shared code, not a function product",
                                         hint: "known products: \(Self.products(in: root).joined(separator: ", "))"))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootPath + folder, isDirectory: &isDirectory),
              isDirectory.boolValue
        else {
            return .failure(AssetProblem(
                "no function product '\(product)': \(folder)/ does not exist",
                hint: "known products: \(Self.products(in: root).joined(separator: ", "))"))
        }
        let shared = Self.sharedInputs.filter { FileManager.default.fileExists(atPath: rootPath + $0) }
        let inputs = [folder] + shared
        var files: [String] = []
        for input in inputs { files += Self.files(under: input, rootPath: rootPath) }
        var hasher = SHA256()
        for path in files.sorted() {
            guard let digest = fileDigest(path) else {
                return .failure(AssetProblem("cannot read \(path)", hint: "check the file's permissions"))
            }
            // Path, NUL, the file's own digest: no two different trees hash the same stream.
            hasher.update(data: Data(path.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: digest)
        }
        let hash = Self.hex(hasher.finalize())
        return .success(Asset(product: product, hash: hash, sources: inputs))
    }

    /// SHA-256 of a file's bytes (relative path), cached; nil when it cannot be read. Called under `lock`.
    private func fileDigest(_ path: String) -> Data? {
        if let known = fileDigests[path] { return known }
        guard let data = FileManager.default.contents(atPath: rootPath + path) else { return nil }
        let digest = Data(SHA256.hash(data: data))
        fileDigests[path] = digest
        return digest
    }

    /// Regular files under a folder, relative to the root, hidden entries skipped. Plain `readdir`:
    /// FileManager's enumerator with resource values costs more than the whole synthesis.
    static func files(under folder: String, rootPath: String) -> [String] {
        var out: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let dir = opendir(rootPath + current) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let relative = current + "/" + name
                // The entry's own type saves a stat per file; some file systems leave it unknown.
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard stat(rootPath + relative, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0
                }
                switch type {
                case Int32(DT_DIR): pending.append(relative)
                case Int32(DT_REG): out.append(relative)
                default: continue
                }
            }
        }
        return out
    }

    /// Lower-case hex; `String(format:)` costs a CVarArg conformance lookup per byte on first use.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Function products: folders in `functions/` other than the shared ones.
    public static func products(in root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("functions").path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !sharedFolders.contains($0) }.sorted()
    }
}
