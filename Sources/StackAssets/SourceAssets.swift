import Crypto
import Foundation
import StackCore

/// Assets hashed from the repository: for each function product, the files of every target it links,
/// the versions of the external packages it links and how Package.swift declares them — the inputs
/// ``FunctionInputTable`` derives from the package graph. A change to any of them changes the key; a
/// change elsewhere (another product's folder, a package only stackctl links) does not.
///
/// Runs on every `synth`, so the graph is a compiled-in table (no manifest is evaluated) and each file
/// is read and hashed once per process, however many products share it. The table must belong to the
/// Package.swift in `root`: a changed manifest could have new edges, so hashing stops with a hint.
public final class SourceAssets: AssetResolver, @unchecked Sendable {
    public let root: URL
    public let table: FunctionInputTable
    private let lock = NSLock()
    private var cache: [String: Result<Asset, AssetProblem>] = [:]
    private var fileDigests: [String: Data] = [:]
    /// Read once: whether the table matches Package.swift, and the pinned versions.
    private var packageState: Result<PackagePins, AssetProblem>?
    /// The root as a path ending in `/`: string paths, because URL appending costs more than the hashing.
    private let rootPath: String

    public init(root: URL, table: FunctionInputTable = .generated) {
        self.root = root
        self.table = table
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
        guard let inputs = table.products[product] else { return .failure(unknownProduct(product)) }
        let pins: PackagePins
        switch packageStateOnce() {
        case .success(let read): pins = read
        case .failure(let problem): return .failure(problem)
        }
        var files: [String] = []
        for folder in inputs.folders {
            guard let found = SourceFiles.files(under: folder, rootPath: rootPath) else {
                return .failure(AssetProblem("\(product) links the target in \(folder)/, which does not exist",
                                             hint: "Package.swift names a folder that is not there; fix the target's path"))
            }
            files += found
        }
        // Records tagged by kind; paths hold no NUL and digests are 32 bytes, so no two different input
        // sets hash the same stream.
        var hasher = SHA256()
        for path in files.sorted() {
            guard let digest = fileDigest(path) else {
                return .failure(AssetProblem("cannot read \(path)", hint: "check the file's permissions"))
            }
            hasher.update(data: Data([1] + Array(path.utf8) + [0]))
            hasher.update(data: digest)
        }
        for package in inputs.packages {
            hasher.update(data: Data([2] + Array(package.identity.utf8) + [0] + Array(pins.state(of: package).utf8) + [0]))
        }
        hasher.update(data: Data([3] + Array(inputs.declarationDigest.utf8) + [0]))
        return .success(Asset(product: product, hash: SourceFiles.hex(hasher.finalize()), sources: inputs.folders))
    }

    /// Checks the table against Package.swift and reads the pins, once. Called under `lock`.
    private func packageStateOnce() -> Result<PackagePins, AssetProblem> {
        if let packageState { return packageState }
        let state: Result<PackagePins, AssetProblem>
        if let manifest = FileManager.default.contents(atPath: rootPath + "Package.swift") {
            if SourceFiles.hex(SHA256.hash(data: manifest)) == table.manifestDigest {
                state = PackagePins.read(rootPath: rootPath)
            } else {
                state = .failure(AssetProblem(
                    "Package.swift changed since Sources/StackAssets/FunctionInputs.generated.swift was generated, "
                        + "so the asset hashes could miss an input",
                    hint: "run python3 scripts/generate-function-inputs.py and commit the table with Package.swift"))
            }
        } else {
            state = .failure(AssetProblem("no Package.swift in \(root.path)",
                                          hint: "run stackctl from the repository that holds functions/"))
        }
        packageState = state
        return state
    }

    /// SHA-256 of a file's bytes (relative path), cached; nil when it cannot be read. Called under `lock`.
    private func fileDigest(_ path: String) -> Data? {
        if let known = fileDigests[path] { return known }
        guard let data = FileManager.default.contents(atPath: rootPath + path) else { return nil }
        let digest = Data(SHA256.hash(data: data))
        fileDigests[path] = digest
        return digest
    }

    private func unknownProduct(_ product: String) -> AssetProblem {
        let known = "known products: \(table.products.keys.sorted().joined(separator: ", "))"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: rootPath + "functions/" + product, isDirectory: &isDirectory),
           isDirectory.boolValue {
            return AssetProblem("'\(product)' is not a function product: functions/\(product)/ is not an executable target in Package.swift",
                                hint: "\(known); a new function is an .executableTarget in Package.swift, "
                                    + "then python3 scripts/generate-function-inputs.py")
        }
        return AssetProblem("no function product '\(product)': functions/\(product)/ does not exist", hint: known)
    }
}
