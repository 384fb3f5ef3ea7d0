import Foundation
import StackAssets

/// What a function scratch folder (`.build-lambda`, `.build-lambda-SDK`) was last built from, kept inside it as
/// `stackctl-build-inputs.json`: the toolchain, the `--swift-sdk`, and a digest of each module folder
/// compiled into it.
///
/// Why: swiftpm's incremental release builds have reused stale objects after a layout change in a
/// library module the function links (a function then crashed at start), and objects of another
/// toolchain must not be mixed in. So a change to any linked library module or the toolchain cleans the
/// scratch folder before building. Each `--swift-sdk` has its own folder (FunctionBuilder), so the SDK
/// recorded differs only when a caller shares one folder between SDKs; that cleans too. A change to only the function's own folder
/// builds incrementally, as swiftpm handles a leaf module correctly.
public struct ScratchRecord: Codable, Equatable, Sendable {
    /// The first line of `swift --version`.
    public var toolchain: String
    public var swiftSDK: String?
    /// Module folder (relative to the repository root) → digest of its files.
    public var modules: [String: String]

    public init(toolchain: String, swiftSDK: String?, modules: [String: String]) {
        self.toolchain = toolchain
        self.swiftSDK = swiftSDK
        self.modules = modules
    }

    public static let fileName = "stackctl-build-inputs.json"
}

/// Decides whether a scratch folder can be built in incrementally, and keeps its record.
public enum ScratchGuard {
    public enum Decision: Equatable, Sendable {
        case keep
        /// Clean first, for this reason (printed).
        case clean(String)
    }

    /// `previous`: the record in the scratch folder (nil when there is none); `current`: what this
    /// build of `product` compiles; `ownFolder`: the product's own executable folder, whose changes
    /// incremental builds get right.
    public static func decide(previous: ScratchRecord?, current: ScratchRecord, ownFolder: String?,
                              scratchExists: Bool) -> Decision {
        guard scratchExists else { return .keep }
        guard let previous else {
            return .clean("the scratch folder has no record of what it was built with")
        }
        if previous.toolchain != current.toolchain {
            return .clean("the toolchain changed (\(previous.toolchain) → \(current.toolchain))")
        }
        if previous.swiftSDK != current.swiftSDK {
            return .clean("the Swift SDK changed (\(previous.swiftSDK ?? "none") → \(current.swiftSDK ?? "none"))")
        }
        // A library folder never compiled here has no stale objects; one compiled from other sources has.
        let changed = current.modules.keys.sorted().filter { folder in
            folder != ownFolder && previous.modules[folder].map { $0 != current.modules[folder] } == true
        }
        if !changed.isEmpty {
            return .clean("shared module\(changed.count == 1 ? "" : "s") changed since the last build: \(changed.joined(separator: ", "))")
        }
        return .keep
    }

    /// The record of a scratch folder; nil when missing or unreadable (treated alike: unknown contents).
    public static func read(in scratch: URL) -> ScratchRecord? {
        guard let data = FileManager.default.contents(atPath: scratch.appendingPathComponent(ScratchRecord.fileName).path) else {
            return nil
        }
        return try? JSONDecoder().decode(ScratchRecord.self, from: data)
    }

    /// What goes into the record after a build: earlier modules kept unless this build compiled them anew.
    public static func merged(_ previous: ScratchRecord?, with current: ScratchRecord) -> ScratchRecord {
        guard let previous, previous.toolchain == current.toolchain, previous.swiftSDK == current.swiftSDK else { return current }
        return ScratchRecord(toolchain: current.toolchain, swiftSDK: current.swiftSDK,
                             modules: previous.modules.merging(current.modules) { _, new in new })
    }

    public static func write(_ record: ScratchRecord, in scratch: URL) throws {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(record).write(to: scratch.appendingPathComponent(ScratchRecord.fileName), options: .atomic)
    }

    /// A digest of the files under `folder`, the same set its asset hash reads; nil when they cannot be read.
    public static func digest(of folder: String, root: URL) -> String? {
        SourceFolderDigest.of(folder, root: root)
    }
}
