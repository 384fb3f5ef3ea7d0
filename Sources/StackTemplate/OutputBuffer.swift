#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte buffer both renderers write into. Raw memory with memcpy/memset appends: rendering a
/// large estate makes tens of millions of small appends, and `Array.append(contentsOf:)` cost several
/// times the copy itself per call (its generic path and uniqueness checks), which made it the largest
/// item of rendering.
/// Copies share one memory block, so a buffer must not be copied once written to (the writers own
/// theirs and only ever mutate it in place).
struct OutputBuffer {
    /// Owns the memory: frees it when the last buffer referring to it goes away.
    private final class Storage {
        var start: UnsafeMutablePointer<UInt8>
        init(capacity: Int) { start = .allocate(capacity: capacity) }
        deinit { start.deallocate() }
    }

    private var storage: Storage
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = Storage(capacity: self.capacity)
        start = storage.start
    }

    /// Room for `extra` more bytes; grows by doubling so appends stay amortised O(1).
    @inline(__always) private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let new = Storage(capacity: newCapacity)
        new.start.update(from: start, count: count)
        storage = new
        start = new.start
        capacity = newCapacity
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        reserve(buffer.count)
        memcpy(start + count, base, buffer.count)
        count += buffer.count
    }

    /// Appends ASCII literals (section names, punctuation) without creating a `String`.
    @inline(__always) mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    mutating func append(_ bytes: Substring.UTF8View) {
        var text = Substring(bytes)
        text.withUTF8 { append($0) }
    }

    mutating func appendSpaces(_ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        memset(start + count, Int32(UInt8(ascii: " ")), n)
        count += n
    }

    mutating func append(_ value: Int) {
        if value >= 0 && value < 10 {
            append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits are produced backwards into a small stack buffer; Int.min has no positive counterpart,
        // so work with the magnitude.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = 0
            repeat {
                digits[19 - n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            } while magnitude > 0
            if value < 0 { append(UInt8(ascii: "-")) }
            append(UnsafeBufferPointer(rebasing: digits[(20 - n)...]))
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
            append(text[..<e].utf8)
            append(".0" as StaticString)
            append(text[e...].utf8)
        } else {
            append(text)
            append(".0" as StaticString)
        }
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: start, count: count)) }
    }

    /// The bytes written, as an array (one copy, at the end).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    var string: String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }
}

/// A rendered template: the renderer's own buffer, handed out without copying it into an array or a
/// string (a large estate renders megabytes; the copy cost as much as writing the files).
public struct RenderedTemplate: @unchecked Sendable {
    // Unchecked: the buffer is never written to again once rendering has finished.
    private let buffer: OutputBuffer

    init(_ buffer: OutputBuffer) { self.buffer = buffer }

    public var count: Int { buffer.count }

    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer(body)
    }

    public var bytes: [UInt8] { buffer.bytes }
    public var text: String { buffer.string }
}
