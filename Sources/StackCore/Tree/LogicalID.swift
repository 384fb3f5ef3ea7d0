/// Logical IDs come from construct paths: each path segment in PascalCase, only `[A-Za-z0-9]`,
/// the stack's own name left out (the template is the stack). `Processing/Role` → `ProcessingRole`,
/// `raw-data` → `RawData`.
public enum LogicalID {
    public static let maxLength = 255

    public static func from(path segments: some Sequence<Substring>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for segment in segments { appendPascal(segment.utf8, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func from(relativePath: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(relativePath.utf8.count)
        appendPascal(relativePath.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Letters and digits kept, everything else dropped; a letter after a dropped character (or at the
    /// start) is upper-cased. `/` is dropped too, so a whole path can go through in one pass.
    private static func appendPascal(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        var upperNext = true
        for b in bytes {
            let lower = b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")
            let isAlnum = lower || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            guard isAlnum else { upperNext = true; continue }
            out.append(upperNext && lower ? b - 32 : b)
            upperNext = false
        }
    }

    /// Whether a string is a valid CloudFormation logical ID.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maxLength && id.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
        }
    }
}
