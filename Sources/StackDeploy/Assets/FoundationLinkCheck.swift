import Foundation

/// Refuses a function binary that links ICU or full Foundation. The functions' modules use FoundationEssentials
/// only; one `import Foundation` anywhere in a function's graph (its own sources, a shared module, a package such
/// as swift-crypto) links Foundation, FoundationInternationalization and ICU's data — about 38 MB of the binary
/// and 20 MB of the zip. A static binary names no libraries, so the check also looks for ICU's data package,
/// whose name (`icudt76l`: ICU data, version, little-endian) is in every binary that carries it.
public struct FoundationLinkCheck: Sendable, Equatable {
    /// What was found: `libFoundation.so (NEEDED)`, `ICU data (icudt76l)`; empty when the binary is clean.
    public var findings: [String]

    public var passes: Bool { findings.isEmpty }

    static let refusedLibraries = ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so", "libicu"]

    public init(needed libraries: [String], contents: Data) {
        var findings = libraries.filter { library in Self.refusedLibraries.contains { library.hasPrefix($0) } }
            .map { "\($0) (NEEDED)" }
        if let name = Self.icuDataName(in: contents) { findings.append("ICU data (\(name))") }
        self.findings = findings
    }

    public init(binary: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: binary, options: .alwaysMapped) } catch {
            throw ELFError("cannot read \(binary.path): \(error.localizedDescription)")
        }
        self.init(needed: try ELFVersionNeeds.neededLibraries(data), contents: data)
    }

    /// `icudt` followed by the version digits and the endianness letter, if the bytes hold it anywhere.
    static func icuDataName(in data: Data) -> String? {
        let marker = Array("icudt".utf8)
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            guard let base = raw.baseAddress else { return nil }
            var from = 0
            // memchr for the first byte (fast even in a debug build of stackctl), then compare the rest.
            while from + marker.count <= raw.count, let hit = memchr(base + from, Int32(marker[0]), raw.count - from) {
                let start = base.distance(to: UnsafeRawPointer(hit))
                guard start + marker.count <= raw.count else { return nil }
                if memcmp(hit, marker, marker.count) == 0 {
                    var end = start + marker.count
                    while end < raw.count, end - start < 16, raw[end].isASCIIAlphanumeric { end += 1 }
                    return String(decoding: raw[start..<end], as: UTF8.self)
                }
                from = start + 1
            }
            return nil
        }
    }

    /// One line for the build output.
    public var summary: String {
        passes ? "links: no ICU, no full Foundation — ok"
            : "links ICU or full Foundation: \(findings.joined(separator: ", "))"
    }

    public static let fixHint = """
        functions use FoundationEssentials only: replace `import Foundation` in the function's modules with \
        `#if canImport(FoundationEssentials) import FoundationEssentials #else import Foundation #endif` (README, \
        Functions, lists what to use instead of full-Foundation APIs); if the sources are clean, a stale object may \
        be left from an older build: delete .build-lambda and build again
        """
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5a) || (self >= 0x61 && self <= 0x7a)
    }
}
