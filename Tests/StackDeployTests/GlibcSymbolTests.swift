import Foundation
import StackDeploy
import TestSupport
import XCTest

/// The glibc check names the symbols behind a too-new version, and `Sources/CGlibcCompat` (linked into every
/// function through LambdaRuntime) binds hypot/hypotf to versions provided.al2023 has — checked on real ELF files
/// linked here with the C compiler.
final class GlibcSymbolTests: XCTestCase {
    static let program = """
        #include <math.h>
        #include <stdio.h>
        #include <stdlib.h>
        int main(int argc, char **argv) {
            double x = argc > 1 ? atof(argv[1]) : 3;
            printf("%g %g\\n", hypot(x, 4), (double)hypotf((float)x, 4.0f));
            return 0;
        }
        """

    func link(_ name: String, extra: [String] = []) throws -> URL {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cc") else { throw XCTSkip("no C compiler") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glibc-symbols-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("main.c"), binary = folder.appendingPathComponent(name)
        try Data(Self.program.utf8).write(to: source)
        let link = try runTool("/usr/bin/cc", ["-O1", "-o", binary.path, source.path] + extra + ["-lm"])
        XCTAssertEqual(link.status, 0, link.output)
        return binary
    }

    func testATooNewVersionIsReportedWithTheSymbolsThatNeedIt() throws {
        let binary = try link("plain")
        let needs = try ELFVersionNeeds.read(binary)
        let libm = needs.filter { $0.library == "libm.so.6" }
        XCTAssertFalse(libm.isEmpty, "\(needs)")
        XCTAssertTrue(libm.flatMap(\.symbols).contains("hypot"), "\(libm)")
        let check = GlibcCheck(needs: needs)
        guard !check.passes else { throw XCTSkip("this glibc (\(check.highest.map(String.init(describing:)) ?? "?")) predates 2.35: hypot has its old version") }
        XCTAssertEqual(check.tooNewSymbols, ["hypot@GLIBC_2.35", "hypotf@GLIBC_2.35"])
        XCTAssertTrue(check.summary.contains("GLIBC_2.35 too new (needed by hypot@GLIBC_2.35, hypotf@GLIBC_2.35)"), check.summary)
        XCTAssertTrue(GlibcCheck.fixHint.contains("Sources/CGlibcCompat"))
    }

    func testTheCompatShimBindsHypotToTheBaseVersionAndStillComputesIt() throws {
        let shim = repositoryRoot.appendingPathComponent("Sources/CGlibcCompat/glibc_compat.c")
        let binary = try link("with-shim", extra: [shim.path])
        let check = GlibcCheck(needs: try ELFVersionNeeds.read(binary))
        XCTAssertTrue(check.passes, check.summary)
        XCTAssertEqual(check.tooNewSymbols, [])
        let libm = try ELFVersionNeeds.read(binary).filter { $0.library == "libm.so.6" }
        XCTAssertEqual(libm.map(\.name), ["GLIBC_2.2.5"], "\(libm)")
        XCTAssertEqual(Set(libm.flatMap(\.symbols)), ["hypot", "hypotf"])
        // Hidden, so the versioned references do not resolve back to the shim at run time (that would never return).
        let run = try runTool("/usr/bin/timeout", ["10", binary.path, "6"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(run.output, "7.2111 7.2111")
    }
}
