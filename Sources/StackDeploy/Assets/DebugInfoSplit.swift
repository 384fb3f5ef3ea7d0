import Foundation

/// Moves a binary's DWARF out of what ships: `objcopy --only-keep-debug` writes `<hash>.debug` next to the zip,
/// and the binary that goes into the zip is `objcopy --strip-debug --add-gnu-debuglink=<hash>.debug` (the link
/// names the file and its CRC, so gdb and lldb find it). A quarter of a function's binary is DWARF: the zip
/// gets smaller and a cold start maps less. The symbol table stays, so a crash backtrace still has names.
public struct DebugInfoSplit: Sendable {
    /// `llvm-objcopy` next to the `swift` that built the binary, else `objcopy` on PATH.
    public var objcopy: String

    public init(objcopy: String) { self.objcopy = objcopy }

    public init(forSwift swift: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        objcopy = Self.toolchainObjcopy(swift: swift, environment: environment) ?? "objcopy"
    }

    public struct Failure: Error, CustomStringConvertible, Sendable { public var description: String }

    /// Writes the debug file to `debugFile` and returns the stripped binary's bytes.
    public func split(_ binary: URL, debugFile: URL) throws(Failure) -> Data {
        let work = debugFile.deletingLastPathComponent()
            .appendingPathComponent(".split-\(debugFile.lastPathComponent)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let debug = work.appendingPathComponent(debugFile.lastPathComponent)
        let stripped = work.appendingPathComponent("bootstrap")
        do { try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true) } catch {
            throw Failure(description: "cannot create \(work.path): \(error.localizedDescription)")
        }
        try run(["--only-keep-debug", binary.path, debug.path])
        // The link records the debug file's base name only, so it holds wherever the two files are put.
        try run(["--strip-debug", "--add-gnu-debuglink=\(debug.path)", binary.path, stripped.path])
        do {
            let bytes = try Data(contentsOf: stripped)
            if FileManager.default.fileExists(atPath: debugFile.path) { try FileManager.default.removeItem(at: debugFile) }
            try FileManager.default.moveItem(at: debug, to: debugFile)
            return bytes
        } catch {
            throw Failure(description: "cannot write \(debugFile.path): \(error.localizedDescription)")
        }
    }

    private func run(_ arguments: [String]) throws(Failure) {
        let result = Subprocess.run([objcopy] + arguments, in: FileManager.default.temporaryDirectory)
        guard result.status == 0 else {
            throw Failure(description: "\(objcopy) \(arguments.joined(separator: " ")) failed (exit \(result.status)): "
                          + Subprocess.tail(result.output, 5))
        }
    }

    static func toolchainObjcopy(swift: String, environment: [String: String]) -> String? {
        let folders: [String]
        if swift.contains("/") {
            folders = [URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent().path]
        } else {
            folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
                .filter { FileManager.default.isExecutableFile(atPath: "\($0)/\(swift)") }.prefix(1)
                .map { URL(fileURLWithPath: "\($0)/\(swift)").resolvingSymlinksInPath().deletingLastPathComponent().path }
        }
        return folders.map { "\($0)/llvm-objcopy" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
