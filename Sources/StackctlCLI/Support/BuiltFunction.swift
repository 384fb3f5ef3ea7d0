import Foundation
import StackDeploy

/// The `bootstrap` of a function as `stackctl build` packaged it, unpacked into a fresh temporary folder
/// (the caller removes it). The zip, not the build folder's binary, is what is run: it is the artifact
/// named by the template's content hash, so what runs is what would be deployed.
enum BuiltFunction {
    static func unpack(_ entry: FunctionCatalog.Entry, from assets: URL) throws -> URL {
        let zip = assets.appendingPathComponent(entry.asset.s3Key)
        guard let data = FileManager.default.contents(atPath: zip.path) else {
            throw CLIError(
                "\(entry.path) (\(entry.asset.product)) is not built for its current sources: no \(zip.path)",
                hint: "run `stackctl build \(entry.path)"
                    + (assets.path.hasSuffix("stackctl.out/assets") ? "" : " --out \(assets.path)")
                    + "` first (a host with a glibc newer than 2.34 needs --allow-glibc-mismatch; the binary runs here either way)")
        }
        let bootstrap: ZipEntry
        do { bootstrap = try ZipReader.entry(named: "bootstrap", in: data) } catch {
            throw CLIError("\(zip.path) is not a function zip: \(error)", hint: "delete it and run `stackctl build \(entry.path)` again")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-invoke-\(UUID().uuidString)")
        let binary = folder.appendingPathComponent("bootstrap")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try bootstrap.data.write(to: binary)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw CLIError("cannot unpack \(entry.asset.product) into \(folder.path): \(error.localizedDescription)", status: .io)
        }
        return binary
    }
}
