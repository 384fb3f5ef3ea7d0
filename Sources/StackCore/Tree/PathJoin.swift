/// Construct paths joined at `/`, each in one allocation. `a + "/" + b` grew its buffer twice, and
/// synthesis builds a few of these per resource (its path, its full path, reference candidates).
enum PathJoin {
    /// `parent/child`.
    static func join(_ parent: String, _ child: String) -> String {
        var parent = parent, child = child
        return parent.withUTF8 { head in child.withUTF8 { tail in join(head, tail) } }
    }

    /// `parent/child`, or `child` alone when `parent` is empty (the stack's top level).
    static func child(_ parent: String, _ child: String) -> String {
        parent.isEmpty ? child : join(parent, child)
    }

    /// `head/tail` from UTF-8 bytes (both valid UTF-8, so the result is).
    static func join(_ head: UnsafeBufferPointer<UInt8>, _ tail: UnsafeBufferPointer<UInt8>) -> String {
        let length = head.count + 1 + tail.count
        return String(unsafeUninitializedCapacity: length) { out in
            let raw = UnsafeMutableRawBufferPointer(out)
            raw.copyMemory(from: UnsafeRawBufferPointer(head))
            out[head.count] = UInt8(ascii: "/")
            UnsafeMutableRawBufferPointer(rebasing: raw[(head.count + 1)...]).copyMemory(from: UnsafeRawBufferPointer(tail))
            return length
        }
    }
}
