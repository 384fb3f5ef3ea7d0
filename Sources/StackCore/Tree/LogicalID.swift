/// Logical IDs come from construct paths: each path segment in PascalCase, only `[A-Za-z0-9]`,
/// the stack's own name left out (the template is the stack). `Processing/Role` → `ProcessingRole`,
/// `raw-data` → `RawData`.
public enum LogicalID {
    public static let maxLength = 255

    public static func from(path segments: some Sequence<Substring>) -> String {
        // `/` is dropped and starts a new word, so joining the segments gives the same ID.
        from(relativePath: segments.joined(separator: "/"))
    }

    /// Letters and digits kept, everything else dropped; a letter after a dropped character (or at the
    /// start) is upper-cased. Written straight into the new string's storage: one of these per resource.
    public static func from(relativePath: String) -> String {
        var path = relativePath
        return path.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: max(bytes.count, 1)) { out in
                var count = 0, upperNext = true
                for b in bytes {
                    let lower = b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")
                    let isAlnum = lower || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                    guard isAlnum else { upperNext = true; continue }
                    out[count] = upperNext && lower ? b - 32 : b
                    count += 1
                    upperNext = false
                }
                return count
            }
        }
    }

    /// Whether a string is a valid CloudFormation logical ID.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maxLength && id.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
        }
    }
}
