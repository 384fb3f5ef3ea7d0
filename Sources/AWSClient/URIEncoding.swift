#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TextBasics

/// Percent-encoding as SigV4 wants it: every byte except the RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - _ . ~`) becomes `%XX` with upper-case hex. Foundation's character sets differ
/// (they keep `!`, `*`, `'` and more), so we do it by hand.
enum URIEncoding {
    static func encode(_ string: String, keepSlash: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + TextBasics.hex(CollectionOfOne(byte), uppercase: true)
            }
        }
        return out
    }

    /// Decodes `%XX` sequences; a malformed string is returned as is rather than dropped.
    static func decode(_ string: String) -> String {
        TextBasics.percentDecoded(string) ?? string
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
