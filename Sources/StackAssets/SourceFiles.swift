#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files an input folder holds, walked with plain `readdir`: FileManager's enumerator with resource
/// values costs more than the whole synthesis.
enum SourceFiles {
    /// Regular files under `folder`, relative to the root, hidden entries skipped; nil when `folder`
    /// itself cannot be opened.
    static func files(under folder: String, rootPath: String) -> [String]? {
        guard let top = opendir(rootPath + folder) else { return nil }
        closedir(top)
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
}
