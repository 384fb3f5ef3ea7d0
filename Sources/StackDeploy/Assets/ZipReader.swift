import CZlib
import Foundation

/// Reads one entry back out of a zip (stored or deflated), through the central directory — enough for
/// the zips `DeterministicZip` writes, which `stackctl invoke` runs the `bootstrap` of. Checks the CRC-32.
/// Every offset and size is checked against the archive and the `Limits` before anything is allocated,
/// so a damaged or hostile zip is an error naming the byte offset, never a crash or a zip bomb.
public enum ZipReader {
    public enum Limits {
        /// Lambda's limit for a function's code, unzipped: 250 MB (and so for any one entry or the archive).
        public static let maxEntryBytes = 262_144_000
        public static let maxArchiveBytes = 262_144_000
        /// Deflate compresses at most about 1032:1; a declared size beyond that is not data but a bomb.
        public static let maxCompressionRatio = 1_032
    }

    public static func entry(named name: String, in zip: Data) throws -> ZipEntry {
        guard zip.count <= Limits.maxArchiveBytes else {
            throw ZipError("the zip is \(zip.count) bytes, more than \(Limits.maxArchiveBytes) (limit maxArchiveBytes: Lambda's 250 MB)")
        }
        let bytes = [UInt8](zip)
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw ZipError("truncated zip (a field at byte \(at) is past the end, \(bytes.count))") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { try u16(at) | (u16(at + 2) << 16) }

        // End of central directory: the last signature within the 22-byte record plus a comment.
        guard let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 22 - 65_535), by: -1)
            .first(where: { (try? u32($0)) == 0x0605_4b50 })
        else { throw ZipError("not a zip (no end of central directory)") }
        let count = try u16(end + 10)
        var at = try u32(end + 16)
        // Each central directory entry takes at least 46 bytes, all before the end record.
        guard at <= end, count * 46 <= end - at else {
            throw ZipError("the end of central directory at byte \(end) declares \(count) entries from byte \(at), more than fit before it")
        }
        for _ in 0..<count {
            guard try u32(at) == 0x0201_4b50 else { throw ZipError("bad central directory entry at byte \(at)") }
            let method = try u16(at + 10), crc = UInt32(try u32(at + 16))
            let compressed = try u32(at + 20), size = try u32(at + 24)
            let nameLength = try u16(at + 28), extra = try u16(at + 30), comment = try u16(at + 32)
            let mode = UInt16((try u32(at + 38) >> 16) & 0o7777)
            let local = try u32(at + 42)
            guard at + 46 + nameLength <= bytes.count else { throw ZipError("truncated zip (the name of the entry at byte \(at))") }
            let entryName = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            let entryAt = at
            at += 46 + nameLength + extra + comment
            guard entryName == name else { continue }

            try checkDeclared(name, size: size, compressed: compressed, method: method, at: entryAt)
            guard try u32(local) == 0x0403_4b50 else { throw ZipError("bad local header for '\(name)' at byte \(local)") }
            let start = try local + 30 + u16(local + 26) + u16(local + 28)
            guard start + compressed <= bytes.count else {
                throw ZipError("truncated data for '\(name)': \(compressed) bytes from byte \(start), the zip has \(bytes.count)")
            }
            let payload = Data(bytes[start..<(start + compressed)])
            let data: Data
            switch method {
            case 0: data = payload
            case 8:
                do { data = try Inflate.raw(payload, expectedSize: size) } catch { throw ZipError("'\(name)': \(error)") }
            default: throw ZipError("'\(name)' uses compression method \(method), not stored or deflate")
            }
            guard data.count == size, CRC32.checksum(data) == crc else {
                throw ZipError("'\(name)' is damaged (size or CRC-32 mismatch: \(data.count) bytes, \(size) declared)")
            }
            return ZipEntry(name: entryName, data: data, mode: mode)
        }
        throw ZipError("no entry '\(name)' in the zip")
    }

    /// The declared size is what inflate allocates: it must be possible for the compressed bytes.
    static func checkDeclared(_ name: String, size: Int, compressed: Int, method: Int, at offset: Int) throws {
        let entry = "'\(name)' (central directory entry at byte \(offset))"
        guard size <= Limits.maxEntryBytes else {
            throw ZipError("\(entry) declares \(size) bytes, more than \(Limits.maxEntryBytes) (limit maxEntryBytes: Lambda's 250 MB unzipped)")
        }
        if method == 0, size != compressed {
            throw ZipError("\(entry) is stored but declares \(size) bytes for \(compressed) stored ones")
        }
        guard size <= max(compressed, 1) * Limits.maxCompressionRatio else {
            throw ZipError("\(entry) declares \(size) bytes from \(compressed) compressed, a ratio beyond deflate's "
                           + "\(Limits.maxCompressionRatio):1 (limit maxCompressionRatio): a zip bomb or a damaged zip")
        }
    }
}

/// Raw inflate (no zlib header), the inverse of `Deflate.raw`.
enum Inflate {
    static func raw(_ input: Data, expectedSize: Int) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipError("zlib inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(expectedSize, 1))
        var input = [UInt8](input)
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        if status == Z_BUF_ERROR, stream.avail_out == 0, expectedSize > 0 {
            throw ZipError("the data inflates to more than the \(expectedSize) bytes declared")
        }
        guard status == Z_STREAM_END else { throw ZipError("cannot inflate (zlib status \(status))") }
        return Data(output[0..<Int(stream.total_out)])
    }
}
