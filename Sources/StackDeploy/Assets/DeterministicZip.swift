import CZlib
import Foundation

/// One file in a zip: its name inside the archive, its bytes and its Unix mode (permission bits).
public struct ZipEntry: Sendable, Hashable {
    public var name: String
    public var data: Data
    /// Permission bits only (`0o755`); the regular-file type bits are added when written.
    public var mode: UInt16

    public init(name: String, data: Data, mode: UInt16 = 0o644) {
        self.name = name
        self.data = data
        self.mode = mode
    }
}

public struct ZipError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Writes zips whose bytes depend on nothing but the entries: fixed timestamps (1980-01-01 00:00, the
/// earliest a zip can hold), entries sorted by name, fixed permissions in the external attributes with the
/// Unix host, no extra fields, no comment, no data descriptors. Same entries, same bytes — so a content hash
/// of the zip is stable and an unchanged function never uploads a new object.
///
/// Entries are deflated with zlib (raw deflate, level 6: level 9 takes three times as long on a 73 MB binary
/// for a zip 0.4 % smaller) when that makes them smaller, else stored. The
/// deflate output depends on zlib's version and level, both fixed here for one build machine; `.stored`
/// gives byte identity across every machine at the cost of size.
public enum DeterministicZip {
    public enum Compression: Sendable { case stored, deflate }

    /// DOS date and time of 1980-01-01 00:00:00.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    public static func archive(_ entries: [ZipEntry], compression: Compression = .deflate) throws -> Data {
        let sorted = entries.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.name == b.name {
            throw ZipError("two entries named '\(a.name)'")
        }
        var out = Data()
        var central = Data()
        for entry in sorted {
            let name = Data(entry.name.utf8)
            guard !entry.name.isEmpty, name.count <= UInt16.max, !entry.name.hasPrefix("/") else {
                throw ZipError("invalid entry name '\(entry.name)'")
            }
            let crc = CRC32.checksum(entry.data)
            var method: UInt16 = 0
            var payload = entry.data
            if compression == .deflate, !entry.data.isEmpty, let deflated = try Deflate.raw(entry.data),
               deflated.count < entry.data.count {
                method = 8
                payload = deflated
            }
            guard out.count <= UInt32.max, entry.data.count <= UInt32.max, payload.count <= UInt32.max else {
                throw ZipError("'\(entry.name)' is too large for a zip without Zip64 (4 GiB)")
            }
            // Bit 11: the name is UTF-8 (set only when it is not plain ASCII, so ASCII names stay classic).
            let flags: UInt16 = entry.name.utf8.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
            let offset = UInt32(out.count)

            out.append(le32: 0x0403_4b50)
            out.append(le16: 20)  // version needed: 2.0 (deflate)
            out.append(le16: flags)
            out.append(le16: method)
            out.append(le16: dosTime)
            out.append(le16: dosDate)
            out.append(le32: crc)
            out.append(le32: UInt32(payload.count))
            out.append(le32: UInt32(entry.data.count))
            out.append(le16: UInt16(name.count))
            out.append(le16: 0)  // no extra fields
            out.append(name)
            out.append(payload)

            central.append(le32: 0x0201_4b50)
            central.append(le16: (3 << 8) | 20)  // made by: Unix host, spec 2.0 — so the mode below is honoured
            central.append(le16: 20)
            central.append(le16: flags)
            central.append(le16: method)
            central.append(le16: dosTime)
            central.append(le16: dosDate)
            central.append(le32: crc)
            central.append(le32: UInt32(payload.count))
            central.append(le32: UInt32(entry.data.count))
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)  // extra
            central.append(le16: 0)  // comment
            central.append(le16: 0)  // disk
            central.append(le16: 0)  // internal attributes
            central.append(le32: (UInt32(0o100000) | UInt32(entry.mode & 0o7777)) << 16)  // S_IFREG | mode
            central.append(le32: offset)
            central.append(name)
        }
        guard sorted.count <= UInt16.max, out.count + central.count <= UInt32.max else {
            throw ZipError("too many or too large entries for a zip without Zip64")
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.append(le32: 0x0605_4b50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(sorted.count))
        out.append(le16: UInt16(sorted.count))
        out.append(le32: UInt32(central.count))
        out.append(le32: centralOffset)
        out.append(le16: 0)  // comment length
        return out
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), table-driven, as zip requires.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

/// Raw deflate (no zlib header, as zip stores it) in one call.
enum Deflate {
    static func raw(_ input: Data, level: Int32 = 6) throws -> Data? {
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                       ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw ZipError("zlib deflateInit2 failed (\(initStatus))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = Data(count: bound)
        let status: Int32 = input.withUnsafeBytes { (inBytes: UnsafeRawBufferPointer) in
            output.withUnsafeMutableBytes { (outBytes: UnsafeMutableRawBufferPointer) in
                stream.next_in = UnsafeMutablePointer(mutating: inBytes.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = outBytes.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(bound)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ZipError("zlib deflate failed (\(status))") }
        output.count = Int(stream.total_out)
        return output
    }
}

extension Data {
    mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
