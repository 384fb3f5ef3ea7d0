import Foundation

/// A version a binary needs from a shared library, from its `.gnu.version_r` section (`GLIBC_2.34` from `libc.so.6`),
/// with the undefined dynamic symbols bound to it (`.gnu.version` against `.dynsym`: `hypot` for `GLIBC_2.35`).
public struct NeededVersion: Hashable, Sendable, Comparable {
    public var library: String
    public var name: String
    /// Sorted; empty when the binary has no symbol table entries for the version.
    public var symbols: [String]

    public init(library: String, name: String, symbols: [String] = []) {
        self.library = library
        self.name = name
        self.symbols = symbols
    }

    public static func < (a: NeededVersion, b: NeededVersion) -> Bool { (a.library, a.name) < (b.library, b.name) }
}

public struct ELFError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Reads the symbol versions an ELF binary needs, parsing the file itself: the Elf64 header, the section
/// headers, the `SHT_GNU_verneed` section (`.gnu.version_r`) with its verneed and vernaux entries, and the
/// names from the string table the section links to (`.dynstr`); then which undefined `.dynsym` entries
/// `.gnu.version` binds to each of those versions (a vernaux's `vna_other` is its index there). 64-bit
/// little-endian only (x86_64, arm64: what Lambda runs). A statically linked binary has no such section and needs nothing.
///
/// The file is mapped, not copied. Every offset and size is checked against the file, each entry against
/// its section and each name against its string table, and the walk is bounded by `Limits`: a damaged or
/// hostile file is an `ELFError` naming the byte offset, never a crash or a hang.
public enum ELFVersionNeeds {
    static let shtGNUVerneed: UInt32 = 0x6fff_fffe
    static let shtGNUVersym: UInt32 = 0x6fff_ffff
    static let shtDynsym: UInt32 = 11
    static let shtDynamic: UInt32 = 6

    public enum Limits {
        /// A real binary needs a few dozen versions from a handful of libraries.
        public static let maxVersionNeeds = 10_000
        /// A library or version name (`libc.so.6`, `GLIBC_2.34`).
        public static let maxNameBytes = 4_096
    }

    public static func read(_ url: URL) throws -> [NeededVersion] {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ELFError("cannot read \(url.path): \(error.localizedDescription)")
        }
        do { return try parse(data) } catch let error as ELFError { throw ELFError("\(url.path): \(error)") }
    }

    struct Section { var type: UInt32; var offset: Int; var size: Int; var link: Int; var info: Int }

    /// The Elf64 section headers, after checking the identification bytes.
    static func sections(_ r: Reader) throws -> [Section] {
        guard r.count >= 64, try r.u32(0) == 0x464c_457f else { throw ELFError("not an ELF file") }
        guard try r.u8(4) == 2 else { throw ELFError("not a 64-bit ELF file") }
        guard try r.u8(5) == 1 else { throw ELFError("not a little-endian ELF file") }
        let shoff = try r.offset(0x28)
        let shentsize = Int(try r.u16(0x3a))
        let shnum = Int(try r.u16(0x3c))
        guard shoff > 0, shnum > 0 else { return [] }
        guard shentsize >= 64 else { throw ELFError("section header size \(shentsize) is too small") }
        guard shnum * shentsize <= r.count - shoff else {
            throw ELFError("\(shnum) section headers of \(shentsize) bytes from byte \(shoff) run past the end of the file (\(r.count) bytes)")
        }
        var sections: [Section] = []
        for i in 0..<shnum {
            let base = shoff + i * shentsize
            sections.append(Section(type: try r.u32(base + 4), offset: try r.offset(base + 0x18),
                                    size: try r.offset(base + 0x20), link: Int(try r.u32(base + 0x28)),
                                    info: Int(try r.u32(base + 0x2c))))
        }
        return sections
    }

    /// A section's bytes and its linked string table, both checked to lie within the file.
    static func linked(_ section: Section, in sections: [Section], _ r: Reader, _ what: String) throws -> Section {
        guard section.offset + section.size <= r.count else { throw ELFError("the \(what) section runs past the end of the file") }
        guard section.link < sections.count else { throw ELFError("\(what) section links to a missing string table") }
        let strings = sections[section.link]
        guard strings.offset + strings.size <= r.count else { throw ELFError("the string table of the \(what) section runs past the end of the file") }
        return strings
    }

    /// The `DT_NEEDED` libraries of `.dynamic` (Elf64_Dyn: d_tag u64, d_val u64), in order; none for a static binary.
    public static func neededLibraries(_ data: Data) throws -> [String] {
        let r = Reader(data: data)
        let sections = try sections(r)
        var libraries: [String] = []
        for section in sections where section.type == shtDynamic {
            let strings = try linked(section, in: sections, r, "dynamic")
            for entry in stride(from: section.offset, to: section.offset + section.size - 15, by: 16) {
                let tag = try r.offset(entry, unchecked: true)
                if tag == 0 { break }  // DT_NULL
                guard tag == 1 else { continue }  // DT_NEEDED
                let offset = try r.offset(entry + 8)
                guard offset < strings.size else { throw ELFError("library name offset \(offset) outside the string table") }
                libraries.append(try r.cString(strings.offset + offset, end: strings.offset + strings.size))
                guard libraries.count <= Limits.maxVersionNeeds else { throw ELFError("more than \(Limits.maxVersionNeeds) needed libraries") }
            }
        }
        return libraries
    }

    public static func parse(_ data: Data) throws -> [NeededVersion] {
        let r = Reader(data: data)
        let sections = try sections(r)
        var needs: [NeededVersion] = []
        var byIndex: [Int: Int] = [:]  // vna_other → position in needs
        var walked = 0
        for section in sections where section.type == shtGNUVerneed {
            // Offsets and sizes are each within the file (`Reader.offset`), so their sums cannot overflow.
            let strings = try linked(section, in: sections, r, "version")
            func string(_ offset: UInt32) throws -> String {
                guard Int(offset) < strings.size else { throw ELFError("string offset \(offset) outside the string table") }
                return try r.cString(strings.offset + Int(offset), end: strings.offset + strings.size)
            }
            let sectionEnd = section.offset + section.size
            func inSection(_ at: Int, _ size: Int, _ what: String) throws {
                guard at >= section.offset, at + size <= sectionEnd else {
                    throw ELFError("a \(what) at byte \(at) lies outside its section (bytes \(section.offset)..<\(sectionEnd))")
                }
            }
            // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
            // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
            var entry = section.offset
            for _ in 0..<min(max(section.info, 1), section.size / 16 + 1) {  // an entry is 16 bytes
                try inSection(entry, 16, "version need entry")
                let count = Int(try r.u16(entry + 2))
                let library = try string(try r.u32(entry + 4))
                var aux = entry + Int(try r.u32(entry + 8))
                for _ in 0..<count {
                    try inSection(aux, 16, "version entry")
                    walked += 1
                    guard walked <= Limits.maxVersionNeeds else {
                        throw ELFError("more than \(Limits.maxVersionNeeds) version needs (limit maxVersionNeeds) at byte \(aux)")
                    }
                    let need = NeededVersion(library: library, name: try string(try r.u32(aux + 8)))
                    let index = Int(try r.u16(aux + 6))
                    if let known = needs.firstIndex(where: { $0.library == need.library && $0.name == need.name }) {
                        byIndex[index] = known
                    } else {
                        byIndex[index] = needs.count
                        needs.append(need)
                    }
                    let next = try r.u32(aux + 12)
                    if next == 0 { break }
                    aux += Int(next)
                }
                let next = try r.u32(entry + 12)
                if next == 0 { break }
                entry += Int(next)
            }
        }
        try bindSymbols(&needs, byIndex: byIndex, sections: sections, r)
        return needs.sorted()
    }

    /// Elf64_Sym is 24 bytes: st_name u32, st_info u8, st_other u8, st_shndx u16, st_value u64, st_size u64;
    /// `.gnu.version` holds one u16 per `.dynsym` entry (bit 15: hidden).
    static func bindSymbols(_ needs: inout [NeededVersion], byIndex: [Int: Int], sections: [Section], _ r: Reader) throws {
        guard !byIndex.isEmpty, let dynsym = sections.first(where: { $0.type == shtDynsym }),
              let versym = sections.first(where: { $0.type == shtGNUVersym })
        else { return }
        let strings = try linked(dynsym, in: sections, r, "dynamic symbol")
        guard versym.offset + versym.size <= r.count else { throw ELFError("the symbol version section runs past the end of the file") }
        var symbols: [Int: Set<String>] = [:]
        for i in 1..<max(1, min(dynsym.size / 24, versym.size / 2)) {
            let entry = dynsym.offset + i * 24
            guard try r.u16(entry + 6) == 0 else { continue }  // defined here: needs nothing
            guard let position = byIndex[Int(try r.u16(versym.offset + 2 * i) & 0x7fff)] else { continue }
            let nameOffset = Int(try r.u32(entry))
            guard nameOffset < strings.size else { throw ELFError("symbol name offset \(nameOffset) outside the string table") }
            symbols[position, default: []].insert(try r.cString(strings.offset + nameOffset, end: strings.offset + strings.size))
        }
        for (position, names) in symbols { needs[position].symbols = names.sorted() }
    }

    /// Little-endian reads at offsets from the start of the (mapped) file, each checked against its end.
    struct Reader {
        let data: Data
        var count: Int { data.count }
        func check(_ offset: Int, _ size: Int) throws {
            guard offset >= 0, offset <= count - size else { throw ELFError("truncated ELF file (offset \(offset))") }
        }
        func u8(_ o: Int) throws -> UInt8 { try check(o, 1); return data[data.startIndex + o] }
        func u16(_ o: Int) throws -> UInt16 { UInt16(try little(o, 2)) }
        func u32(_ o: Int) throws -> UInt32 { UInt32(try little(o, 4)) }
        private func little(_ o: Int, _ size: Int) throws -> UInt64 {
            try check(o, size)
            return (0..<size).reduce(UInt64(0)) { $0 | UInt64(data[data.startIndex + o + $1]) << (8 * UInt64($1)) }
        }
        /// A 64-bit offset or size, which must lie within the file (so sums of two cannot overflow); `unchecked`
        /// reads any 64-bit value that fits an Int (a `.dynamic` tag).
        func offset(_ o: Int, unchecked: Bool = false) throws -> Int {
            let value = try little(o, 8)
            if unchecked { return Int(truncatingIfNeeded: value) }
            guard value <= UInt64(count) else { throw ELFError("offset \(value) beyond the end of the file (at byte \(o))") }
            return Int(value)
        }
        /// A NUL-terminated name that must end before `end` (its string table's end) and be of sane length.
        func cString(_ o: Int, end: Int) throws -> String {
            try check(o, 1)
            let limit = min(end, count, o + Limits.maxNameBytes + 1)
            let start = data.startIndex
            guard let nul = data[(start + o)..<(start + limit)].firstIndex(of: 0) else {
                throw ELFError(limit < end ? "a name at byte \(o) is longer than \(Limits.maxNameBytes) bytes (limit maxNameBytes)"
                                           : "unterminated string at \(o) (the string table ends at byte \(end))")
            }
            return String(decoding: data[(start + o)..<nul], as: UTF8.self)
        }
    }
}

/// A glibc version, `GLIBC_2.34` → 2.34.
public struct GlibcVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var parts: [Int]

    public init(_ parts: [Int]) { self.parts = parts }

    /// `GLIBC_2.34` or `2.34`; nil for anything else (`GLIBC_PRIVATE`, `GCC_3.0`).
    public init?(_ text: String) {
        var text = Substring(text)
        if text.hasPrefix("GLIBC_") { text = text.dropFirst(6) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        self.parts = parts.map { $0! }
    }

    public static func < (a: GlibcVersion, b: GlibcVersion) -> Bool {
        for i in 0..<max(a.parts.count, b.parts.count) {
            let x = i < a.parts.count ? a.parts[i] : 0, y = i < b.parts.count ? b.parts[i] : 0
            if x != y { return x < y }
        }
        return false
    }

    public static func == (a: GlibcVersion, b: GlibcVersion) -> Bool { !(a < b) && !(b < a) }
    public func hash(into hasher: inout Hasher) {
        var trimmed = parts
        while trimmed.count > 1, trimmed.last == 0 { trimmed.removeLast() }
        hasher.combine(trimmed)
    }

    public var description: String { parts.map(String.init).joined(separator: ".") }

    /// What the `provided.al2023` runtime (Amazon Linux 2023) has.
    public static let al2023 = GlibcVersion([2, 34])
}

/// The verdict on a binary's glibc needs against a runtime's glibc.
public struct GlibcCheck: Sendable, Equatable {
    /// The highest `GLIBC_x.y` the binary needs; nil when it needs none (static, or musl).
    public var highest: GlibcVersion?
    /// The `GLIBC_` versions newer than the runtime's, sorted.
    public var tooNew: [String]
    /// The symbols that need them, `hypot@GLIBC_2.35`, sorted: what to bind to an older version or stop using.
    public var tooNewSymbols: [String]
    public var runtime: GlibcVersion

    public var passes: Bool { tooNew.isEmpty }

    public init(needs: [NeededVersion], runtime: GlibcVersion = .al2023) {
        self.runtime = runtime
        let versions = Set(needs.map(\.name)).compactMap { name in GlibcVersion(name).map { (name, $0) } }
        highest = versions.map(\.1).max()
        tooNew = versions.filter { $0.1 > runtime }.sorted { $0.1 < $1.1 }.map(\.0)
        let tooNewNames = Set(tooNew)
        tooNewSymbols = Set(needs.filter { tooNewNames.contains($0.name) }.flatMap { need in need.symbols.map { "\($0)@\(need.name)" } })
            .sorted()
    }

    public init(binary: URL, runtime: GlibcVersion = .al2023) throws {
        self.init(needs: try ELFVersionNeeds.read(binary), runtime: runtime)
    }

    /// One line: what the binary needs and whether the runtime has it.
    public var summary: String {
        guard let highest else { return "glibc: no versioned glibc symbols needed (statically linked) — fine for provided.al2023" }
        if passes { return "glibc: needs at most GLIBC_\(highest), provided.al2023 has \(runtime) — ok" }
        let culprits = tooNewSymbols.isEmpty ? "" : " (needed by \(tooNewSymbols.joined(separator: ", ")))"
        return "needs GLIBC_\(highest), but provided.al2023 has glibc \(runtime): \(tooNew.joined(separator: ", ")) too new\(culprits)"
    }

    public static let fixHint = """
        bind the symbols named to a version provided.al2023 has in Sources/CGlibcCompat (as hypot and hypotf are) or stop \
        using them; or build on Amazon Linux 2023 (e.g. in the public.ecr.aws/amazonlinux/amazonlinux:2023 image with Swift \
        installed), or pass --swift-sdk with the Swift static Linux SDK (e.g. --swift-sdk x86_64-swift-linux-musl), which \
        links musl statically and needs no glibc at all
        """
}
