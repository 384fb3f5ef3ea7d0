/// The byte buffer both renderers write into: appending UTF-8 runs and ASCII snippets to one `[UInt8]`
/// avoids per-character `String` appends, which dominate rendering time for large templates.
struct OutputBuffer {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Appends ASCII literals (section names, punctuation) without creating a `String`.
    @inline(__always) mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    mutating func appendSpaces(_ count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
    }

    mutating func append(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits are produced backwards into a small stack buffer; Int.min has no positive counterpart,
        // so work with the magnitude.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    /// Finite doubles only. Swift's `description` is the shortest text that reads back to the same
    /// double; we add `.0` where it has no fraction (`1.0`, `1.0e+20`) so that every YAML 1.1 reader
    /// (PyYAML requires a dot) and every JSON reader sees a float, not an int or a string.
    mutating func append(_ value: Double) {
        let text = value.description
        if text.utf8.contains(UInt8(ascii: ".")) {
            append(text)
        } else if let e = text.utf8.firstIndex(of: UInt8(ascii: "e")) {
            bytes.append(contentsOf: text.utf8[..<e])
            append(".0" as StaticString)
            bytes.append(contentsOf: text.utf8[e...])
        } else {
            append(text)
            append(".0" as StaticString)
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
