/// Logical IDs come from construct paths: each path segment in PascalCase, only `[A-Za-z0-9]`,
/// the stack's own name left out (the template is the stack). `Processing/Role` → `ProcessingRole`,
/// `raw-data` → `RawData`.
public enum LogicalID {
    public static let maxLength = 255

    public static func from(path segments: some Sequence<Substring>) -> String {
        var out = ""
        for segment in segments { appendPascal(segment, to: &out) }
        return out
    }

    public static func from(relativePath: String) -> String {
        from(path: relativePath.split(separator: "/"))
    }

    private static func appendPascal(_ segment: Substring, to out: inout String) {
        var upperNext = true
        for scalar in segment.unicodeScalars {
            let isAlnum = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
            guard isAlnum else { upperNext = true; continue }
            if upperNext, scalar >= "a" && scalar <= "z" {
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            } else {
                out.unicodeScalars.append(scalar)
            }
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
