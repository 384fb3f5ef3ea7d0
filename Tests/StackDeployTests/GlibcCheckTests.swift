import Foundation
import StackDeploy
import XCTest

final class GlibcCheckTests: XCTestCase {
    func testReadsTheVersionsADynamicBinaryNeeds() throws {
        for path in ["/bin/ls", CommandLine.arguments[0]] where FileManager.default.fileExists(atPath: path) {
            let needs = try ELFVersionNeeds.read(URL(fileURLWithPath: path))
            let glibc = needs.filter { $0.name.hasPrefix("GLIBC_2.") }
            XCTAssertFalse(glibc.isEmpty, "\(path): \(needs)")
            XCTAssertTrue(needs.contains { $0.library == "libc.so.6" }, "\(path): \(needs)")
            let check = GlibcCheck(needs: needs)
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(check.highest), GlibcVersion([2, 2, 5]), path)
        }
    }

    /// Cross-checked with objdump when it is installed: the same set of GLIBC_ versions.
    func testAgreesWithObjdump() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/objdump") else { throw XCTSkip("no objdump") }
        let ours = Set(try ELFVersionNeeds.read(URL(fileURLWithPath: "/bin/ls")).map(\.name).filter { $0.hasPrefix("GLIBC_") })
        let objdump = try runTool("/usr/bin/objdump", ["-T", "/bin/ls"])
        let regex = try NSRegularExpression(pattern: "GLIBC_[0-9.]+[0-9]")
        let text = objdump.output
        let theirs = Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range, in: text)!])
        })
        XCTAssertFalse(theirs.isEmpty)
        XCTAssertTrue(theirs.isSubset(of: ours), "objdump: \(theirs.sorted()), ours: \(ours.sorted())")
    }

    func testAStaticBinaryNeedsNothing() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cc") else { throw XCTSkip("no C compiler") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glibc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("hello.c")
        try Data("#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n".utf8).write(to: source)
        let dynamic = folder.appendingPathComponent("dynamic"), fixed = folder.appendingPathComponent("static")
        XCTAssertEqual(try runTool("/usr/bin/cc", ["-o", dynamic.path, source.path]).status, 0)
        XCTAssertFalse(try ELFVersionNeeds.read(dynamic).isEmpty)
        let link = try runTool("/usr/bin/cc", ["-static", "-o", fixed.path, source.path])
        guard link.status == 0 else { throw XCTSkip("no static libc: \(link.output)") }
        XCTAssertEqual(try ELFVersionNeeds.read(fixed), [])
        XCTAssertTrue(GlibcCheck(needs: []).passes)
    }

    func testNotAnELFFileIsAnError() {
        XCTAssertThrowsError(try ELFVersionNeeds.parse(Data("#!/bin/sh\necho hi\n".utf8)))
        XCTAssertThrowsError(try ELFVersionNeeds.parse(Data([0x7f, 0x45, 0x4c, 0x46, 2, 1] + [UInt8](repeating: 0xff, count: 60))))
    }

    func testVersionsCompareNumerically() {
        XCTAssertEqual(GlibcVersion("GLIBC_2.34"), GlibcVersion([2, 34]))
        XCTAssertNil(GlibcVersion("GLIBC_PRIVATE"))
        XCTAssertNil(GlibcVersion("GCC_3.0x"))
        XCTAssertLessThan(GlibcVersion("GLIBC_2.9")!, GlibcVersion("GLIBC_2.10")!)
        XCTAssertLessThan(GlibcVersion("GLIBC_2.2.5")!, GlibcVersion("GLIBC_2.3")!)
        XCTAssertEqual(GlibcVersion("2.34.0"), GlibcVersion("2.34"))
    }

    func testComparesTheHighestNeedAgainstAL2023() {
        func needs(_ names: String...) -> [NeededVersion] { names.map { NeededVersion(library: "libc.so.6", name: $0) } }

        let fits = GlibcCheck(needs: needs("GLIBC_2.2.5", "GLIBC_2.34", "GLIBC_2.17", "GLIBC_PRIVATE"))
        XCTAssertTrue(fits.passes)
        XCTAssertEqual(fits.highest, GlibcVersion([2, 34]))
        XCTAssertTrue(fits.summary.contains("ok"), fits.summary)

        let tooNew = GlibcCheck(needs: needs("GLIBC_2.2.5", "GLIBC_2.36", "GLIBC_2.35", "GLIBC_2.33") + [
            NeededVersion(library: "libm.so.6", name: "GLIBC_2.35"),
            NeededVersion(library: "libgcc_s.so.1", name: "GCC_3.0"),
        ])
        XCTAssertFalse(tooNew.passes)
        XCTAssertEqual(tooNew.highest, GlibcVersion([2, 36]))
        XCTAssertEqual(tooNew.tooNew, ["GLIBC_2.35", "GLIBC_2.36"])
        XCTAssertTrue(tooNew.summary.contains("GLIBC_2.35, GLIBC_2.36 too new"), tooNew.summary)
        XCTAssertTrue(tooNew.summary.contains("2.34"), tooNew.summary)

        XCTAssertNil(GlibcCheck(needs: []).highest)
        XCTAssertTrue(GlibcCheck(needs: needs("GLIBC_2.35"), runtime: GlibcVersion([2, 36])).passes)
    }
}
