import Foundation
import StackDeploy
import XCTest

/// `stackctl build` refuses a function binary that links ICU or full Foundation (FoundationLinkCheck), on ELF files
/// linked here: one carrying ICU's data package name, as every binary with ICU's data does, and one without.
final class FoundationLinkCheckTests: XCTestCase {
    func link(_ source: String) throws -> URL {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cc") else { throw XCTSkip("no C compiler") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("main.c"), binary = folder.appendingPathComponent("main")
        try Data(source.utf8).write(to: file)
        let result = try runTool("/usr/bin/cc", ["-o", binary.path, file.path])
        XCTAssertEqual(result.status, 0, result.output)
        return binary
    }

    func testABinaryCarryingICUDataIsRefusedAndNamed() throws {
        // What ICU's common data starts with: its package name, version 76, little-endian.
        let binary = try link("""
            #include <stdio.h>
            const char icu_data_name[] = "icudt76l-coll";
            int main(void) { puts(icu_data_name); return 0; }
            """)
        let check = try FoundationLinkCheck(binary: binary)
        XCTAssertFalse(check.passes)
        XCTAssertEqual(check.findings, ["ICU data (icudt76l)"])
        XCTAssertEqual(check.summary, "links ICU or full Foundation: ICU data (icudt76l)")
        XCTAssertTrue(FoundationLinkCheck.fixHint.contains("FoundationEssentials"))
    }

    func testAPlainBinaryPassesAndItsLibrariesAreRead() throws {
        let binary = try link("#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n")
        let libraries = try ELFVersionNeeds.neededLibraries(Data(contentsOf: binary))
        XCTAssertTrue(libraries.contains("libc.so.6"), "\(libraries)")
        let check = try FoundationLinkCheck(binary: binary)
        XCTAssertTrue(check.passes, check.summary)
        XCTAssertEqual(check.summary, "links: no ICU, no full Foundation — ok")
    }

    func testNeededFoundationAndICULibrariesAreRefused() {
        let check = FoundationLinkCheck(
            needed: ["libFoundationEssentials.so", "libFoundation.so", "libicuuc.so.72", "libc.so.6"], contents: Data())
        XCTAssertEqual(check.findings, ["libFoundation.so (NEEDED)", "libicuuc.so.72 (NEEDED)"])
        XCTAssertTrue(FoundationLinkCheck(needed: ["libFoundationEssentials.so", "libc.so.6"], contents: Data("icud".utf8)).passes)
    }

    /// The development build of this test bundle links full Foundation, so the check must see it.
    func testThisTestBinaryLinksFoundationAndIsSeen() throws {
        let path = CommandLine.arguments[0]
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no test binary path") }
        let libraries = try ELFVersionNeeds.neededLibraries(Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        guard libraries.contains("libFoundation.so") else { throw XCTSkip("statically linked test binary: \(libraries)") }
        XCTAssertTrue(try FoundationLinkCheck(binary: URL(fileURLWithPath: path)).findings.contains("libFoundation.so (NEEDED)"))
    }
}
