import Crypto
import Foundation
import StackCore

/// Builds function products in release and packages each as a deterministic zip holding one executable,
/// `bootstrap`, at `OUT/<hash>.zip` — the asset hash synthesis already wrote into the template as `S3Key`.
/// Assets are content-addressed, so one folder serves every environment, and a zip that already exists for
/// a hash is up to date: no build, no new zip.
public struct FunctionBuilder: Sendable {
    /// The package to build (the repository root).
    public var root: URL
    /// Where `<hash>.zip` files go (`stackctl.out/assets`).
    public var outputFolder: URL
    /// The build's own scratch path, apart from the development builds: `.build-lambda`, and one folder per
    /// `--swift-sdk` (`.build-lambda-ID`), so trying another SDK never throws away the objects of the usual one
    /// and SDKs of the same target triple never share objects.
    public var scratchPath: URL
    /// Forwarded as `--swift-sdk ID`.
    public var swiftSDK: String?
    /// A binary that needs a newer glibc than provided.al2023 is packaged with a warning instead of failing.
    public var allowGlibcMismatch: Bool
    /// `--clean`: rebuild even a zip that is up to date (the caller cleans the scratch folder once).
    public var forceRebuild = false
    public var swift: String
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void

    public init(
        root: URL, outputFolder: URL, scratchPath: URL? = nil, swiftSDK: String? = nil, allowGlibcMismatch: Bool = false,
        swift: String = "swift", stdout: @escaping @Sendable (String) -> Void, stderr: @escaping @Sendable (String) -> Void
    ) {
        self.root = root
        self.outputFolder = outputFolder
        self.scratchPath = scratchPath ?? root.appendingPathComponent(Self.scratchFolderName(swiftSDK: swiftSDK))
        self.swiftSDK = swiftSDK
        self.allowGlibcMismatch = allowGlibcMismatch
        self.swift = swift
        self.stdout = stdout
        self.stderr = stderr
    }

    public enum Outcome: Sendable, Equatable {
        case upToDate(zip: URL)
        case built(zip: URL, zipBytes: Int, seconds: Double, glibc: GlibcCheck)
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public enum Kind: Sendable { case compile, glibc, links, io }
        public var product: String
        public var kind: Kind
        public var message: String
        public var hint: String?
        public var description: String {
            var text = "error: \(product): \(message)"
            if let hint { text += "\n  hint: \(hint)" }
            return text
        }
    }

    /// `.build-lambda`, or `.build-lambda-ID` for `--swift-sdk ID` (characters outside `[A-Za-z0-9._-]` as `_`).
    public static func scratchFolderName(swiftSDK: String?) -> String {
        guard let swiftSDK else { return ".build-lambda" }
        let safe = swiftSDK.unicodeScalars.map { scalar -> String in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? String(scalar) : "_"
        }.joined()
        return ".build-lambda-\(safe)"
    }

    public func zipURL(for asset: Asset) -> URL { outputFolder.appendingPathComponent(asset.s3Key) }

    /// The static Linux SDK links everything statically by itself; `--static-swift-stdlib` is for glibc hosts.
    var usesStaticLinuxSDK: Bool {
        guard let sdk = swiftSDK?.lowercased() else { return false }
        return sdk.contains("musl") || sdk.contains("static-linux")
    }

    /// `swift build` arguments for a product, without `swift` itself.
    public func buildArguments(product: String) -> [String] {
        var arguments = ["build", "--package-path", root.path, "--scratch-path", scratchPath.path,
                         "-c", "release", "--product", product]
        if !usesStaticLinuxSDK { arguments.append("--static-swift-stdlib") }
        if let swiftSDK { arguments += ["--swift-sdk", swiftSDK] }
        return arguments + reproducibleFlags
    }

    /// What makes two builds of the same sources the same bytes, wherever the repository and the scratch path
    /// are: paths in `#file` strings and DWARF (Swift and C) written relative to the repository, the scratch path
    /// as `./.build-lambda` (either mapping gives that when it is inside the repository); no DWARF skeleton
    /// units for imported Clang modules (they carry each module cache's signature, which changes with every
    /// fresh checkout of a C dependency); no per-module LLVM IR hashes (`.swift_modhash`, kept only so the
    /// compiler can skip unchanged codegen) and no GNU build ID, both of which differed between clean builds.
    var reproducibleFlags: [String] {
        let maps = [(root.path, "."), (scratchPath.path, "./.build-lambda")]
        var flags: [String] = []
        for (from, to) in maps { flags += ["-Xswiftc", "-file-prefix-map", "-Xswiftc", "\(from)=\(to)"] }
        for (from, to) in maps { flags += ["-Xcc", "-ffile-prefix-map=\(from)=\(to)"] }
        for frontend in ["-no-clang-module-breadcrumbs", "-disable-incremental-llvm-codegen"] {
            flags += ["-Xswiftc", "-Xfrontend", "-Xswiftc", frontend]
        }
        return flags + ["-Xlinker", "--build-id=none"]
    }

    /// Where a zip's DWARF goes: `<hash>.debug` next to `<hash>.zip` (not uploaded; the binary links to it).
    public func debugURL(for zip: URL) -> URL { zip.deletingPathExtension().appendingPathExtension("debug") }

    /// Builds and packages one asset (or says it is up to date).
    public func build(_ asset: Asset) throws(Failure) -> Outcome {
        let zip = zipURL(for: asset)
        let short = String(asset.hash.prefix(12))
        if !forceRebuild, FileManager.default.fileExists(atPath: zip.path) {
            switch upToDate(zip) {
            case .yes(let record):
                if !record.glibcTooNew.isEmpty {
                    let summary = "needs \(record.glibcTooNew.joined(separator: ", ")), newer than provided.al2023's glibc 2.34"
                    guard allowGlibcMismatch else {
                        throw Failure(product: asset.product, kind: .glibc,
                                      message: "the packaged \(zip.lastPathComponent) \(summary), so it would fail to start on Lambda",
                                      hint: GlibcCheck.fixHint + "; or pass --allow-glibc-mismatch to accept it")
                    }
                    stderr("warning: \(asset.product): the packaged zip \(summary) (accepted by --allow-glibc-mismatch)")
                }
                stdout("\(asset.product): up to date (\(short))")
                return .upToDate(zip: zip)
            case .no(let reason):
                stdout("\(asset.product): \(reason); rebuilding")
            }
        }

        try guardScratch(for: asset)
        let clock = ContinuousClock()
        let start = clock.now
        stdout("building \(asset.product)…")
        let arguments = buildArguments(product: asset.product)
        let build = run(arguments)
        let seconds = Self.seconds(clock.now - start)
        guard build.status == 0 else {
            let tail = build.output.split(separator: "\n", omittingEmptySubsequences: false).suffix(25).joined(separator: "\n")
            stderr(tail)
            throw Failure(product: asset.product, kind: .compile,
                          message: "swift build failed (exit \(build.status)) after \(Self.format(seconds)) s",
                          hint: "the command was: \(swift) \(arguments.joined(separator: " "))")
        }
        stdout("  built in \(Self.format(seconds)) s")

        let binPath = run(arguments + ["--show-bin-path"])
        guard binPath.status == 0, let folder = binPath.output.split(separator: "\n").last.map(String.init) else {
            throw Failure(product: asset.product, kind: .compile, message: "swift build --show-bin-path failed: \(binPath.output)")
        }
        let binary = URL(fileURLWithPath: folder).appendingPathComponent(asset.product)

        let glibc: GlibcCheck
        do { glibc = try GlibcCheck(binary: binary) } catch {
            throw Failure(product: asset.product, kind: .io, message: "cannot read the built binary \(binary.path): \(error)")
        }
        if glibc.passes {
            stdout("  \(glibc.summary)")
        } else if allowGlibcMismatch {
            stderr("warning: \(asset.product): \(glibc.summary); packaged anyway (--allow-glibc-mismatch): it will fail to start on provided.al2023\n  hint: \(GlibcCheck.fixHint)")
        } else {
            throw Failure(product: asset.product, kind: .glibc,
                          message: "the binary \(glibc.summary), so it would fail to start on Lambda; nothing was packaged",
                          hint: GlibcCheck.fixHint + "; or pass --allow-glibc-mismatch to package it anyway")
        }

        try checkLinks(binary, product: asset.product)

        let packing = clock.now
        let bytes: Data
        let digest: String
        let executable: Data
        do { executable = try DebugInfoSplit(forSwift: swift).split(binary, debugFile: debugURL(for: zip)) } catch {
            throw Failure(product: asset.product, kind: .io, message: "cannot move the debug info out of \(binary.path): \(error)",
                          hint: "objcopy (binutils) or the toolchain's llvm-objcopy strips it; install one of them")
        }
        let binaryBytes = executable.count  // what ships: the binary without its DWARF
        do {
            bytes = try DeterministicZip.archive([ZipEntry(name: "bootstrap", data: executable, mode: 0o755)])
            digest = Self.sha256(bytes)
            try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
            try bytes.write(to: zip, options: .atomic)  // a temporary file renamed: never a half-written zip
            let record = BuildRecord(product: asset.product, swiftSDK: swiftSDK, zipSHA256: digest,
                                     glibcHighest: glibc.highest.map { "GLIBC_\($0)" }, glibcTooNew: glibc.tooNew,
                                     binaryBytes: binaryBytes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(record).write(to: recordURL(for: zip), options: .atomic)
        } catch {
            throw Failure(product: asset.product, kind: .io, message: "cannot package \(zip.path): \(error)")
        }
        stdout("  packaged \(Self.formatSize(bytes.count)) zip (\(Self.formatSize(binaryBytes)) binary) in \(Self.format(Self.seconds(clock.now - packing))) s "
               + "(sha256 \(digest.prefix(12))…) → \(zip.path)")
        return .built(zip: zip, zipBytes: bytes.count, seconds: seconds, glibc: glibc)
    }

    /// What a zip was built with, next to it as `<hash>.zip.json`: the asset hash covers the sources only, so
    /// a zip built with another `--swift-sdk` (or damaged since) is rebuilt, and a zip whose binary needs a
    /// newer glibc keeps failing the check instead of passing as "up to date".
    struct BuildRecord: Codable, Equatable {
        var product: String
        var swiftSDK: String?
        var zipSHA256: String
        var glibcHighest: String?
        var glibcTooNew: [String]
        /// The binary's size (absent in records written before it was recorded).
        var binaryBytes: Int?
    }

    /// An asset's packaged zip size and its binary's size (from the build record), for the build summary.
    public func sizes(of asset: Asset) -> (zip: Int, binary: Int?)? {
        let zip = zipURL(for: asset)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: zip.path),
              let zipBytes = (attributes[.size] as? NSNumber)?.intValue
        else { return nil }
        let record = FileManager.default.contents(atPath: recordURL(for: zip).path)
            .flatMap { try? JSONDecoder().decode(BuildRecord.self, from: $0) }
        return (zipBytes, record?.binaryBytes)
    }

    /// A function must not link ICU or full Foundation (`FoundationLinkCheck`). Builds with the static Linux SDK are
    /// only told: there the AWS client's transport is URLSession, which is full Foundation.
    func checkLinks(_ binary: URL, product: String) throws(Failure) {
        let links: FoundationLinkCheck
        do { links = try FoundationLinkCheck(binary: binary) } catch {
            throw Failure(product: product, kind: .io, message: "cannot read the built binary \(binary.path): \(error)")
        }
        if links.passes || usesStaticLinuxSDK {
            stdout("  \(links.summary)\(links.passes ? "" : " (expected with --swift-sdk \(swiftSDK ?? ""): URLSession is full Foundation)")")
            return
        }
        throw Failure(product: product, kind: .links, message: "the binary \(links.summary); nothing was packaged",
                      hint: FoundationLinkCheck.fixHint)
    }

    enum Freshness { case yes(BuildRecord), no(String) }

    func recordURL(for zip: URL) -> URL { zip.appendingPathExtension("json") }

    func upToDate(_ zip: URL) -> Freshness {
        guard let data = FileManager.default.contents(atPath: recordURL(for: zip).path),
              let record = try? JSONDecoder().decode(BuildRecord.self, from: data)
        else { return .no("\(zip.lastPathComponent) has no build record") }
        guard record.swiftSDK == swiftSDK else {
            return .no("\(zip.lastPathComponent) was built \(record.swiftSDK.map { "with --swift-sdk \($0)" } ?? "without --swift-sdk")")
        }
        guard let bytes = FileManager.default.contents(atPath: zip.path), Self.sha256(bytes) == record.zipSHA256 else {
            return .no("\(zip.lastPathComponent) changed since it was built")
        }
        return .yes(record)
    }

    /// Cleans the scratch folder when what it was built from makes an incremental build unsafe (see
    /// ``ScratchGuard``), then records what this build compiles — before building, so a failed build
    /// leaves a record matching its objects and the fix builds incrementally.
    func guardScratch(for asset: Asset) throws(Failure) {
        // A toolchain that cannot say its version cannot build either: the build reports that, and nothing
        // is recorded (a record saying "unknown" would clean the folder on the next good run).
        let version = run(["--version"])
        guard version.status == 0, let toolchain = version.output.split(separator: "\n").first.map(String.init), !toolchain.isEmpty else {
            return
        }
        var current = ScratchRecord(toolchain: toolchain, swiftSDK: swiftSDK, modules: [:])
        for folder in asset.sources {
            guard let digest = ScratchGuard.digest(of: folder, root: root) else {
                throw Failure(product: asset.product, kind: .io, message: "cannot read the sources in \(folder)/")
            }
            current.modules[folder] = digest
        }
        var previous = ScratchGuard.read(in: scratchPath)
        let ownFolder = asset.sources.first { $0.split(separator: "/").last.map(String.init) == asset.product }
        let decision = ScratchGuard.decide(previous: previous, current: current, ownFolder: ownFolder,
                                           scratchExists: FileManager.default.fileExists(atPath: scratchPath.path))
        if case .clean(let reason) = decision {
            try cleanScratch(reason: reason, product: asset.product)
            previous = nil
        }
        do { try ScratchGuard.write(ScratchGuard.merged(previous, with: current), in: scratchPath) } catch {
            throw Failure(product: asset.product, kind: .io, message: "cannot write \(scratchPath.path)/\(ScratchRecord.fileName): \(error)")
        }
    }

    /// Removes the scratch folder, saying why: the next build compiles everything afresh.
    public func cleanScratch(reason: String, product: String) throws(Failure) {
        guard FileManager.default.fileExists(atPath: scratchPath.path) else { return }
        stdout("cleaning \(scratchPath.path): \(reason); everything is compiled afresh")
        do { try FileManager.default.removeItem(at: scratchPath) } catch {
            throw Failure(product: product, kind: .io, message: "cannot remove \(scratchPath.path): \(error)",
                          hint: "remove it by hand and build again")
        }
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    /// Runs `swift` with the arguments in the repository root.
    func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let result = Subprocess.run([swift] + arguments, in: root)
        return (result.status, result.output)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ seconds: Double) -> String { String(format: "%.1f", seconds) }

    public static func formatSize(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        if bytes >= 1_000 { return String(format: "%.1f kB", Double(bytes) / 1_000) }
        return "\(bytes) B"
    }
}
