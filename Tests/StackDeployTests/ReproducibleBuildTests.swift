import Foundation
import StackCore
import StackDeploy
import TestSupport
import XCTest

/// Two release builds of one function, each from an empty scratch folder of its own (different paths), give
/// the same zip and the same debug file, byte for byte. Expensive: two cold builds of tick-processor and
/// everything it links (swift-crypto included), several minutes on 2 cores — so one function only.
final class ReproducibleBuildTests: XCTestCase {
    func testTwoCleanBuildsGiveTheSameZipAndDebugFile() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-repro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        // Kept when the builds differ, to compare them (`cmp -l`, `readelf -S`).
        var keep = true
        defer { if keep { print("builds kept in \(temp.path)") } else { try? FileManager.default.removeItem(at: temp) } }
        let asset = Asset(product: "tick-processor", hash: String(repeating: "7", count: 64), sources: [])

        var outputs: [(zip: Data, debug: Data, binary: Data)] = []
        for name in ["first", "second-elsewhere"] {
            let printed = Lines()
            let builder = FunctionBuilder(
                root: repositoryRoot, outputFolder: temp.appendingPathComponent("\(name)/out"),
                scratchPath: temp.appendingPathComponent("\(name)/scratch/build"), allowGlibcMismatch: true,
                stdout: { printed.add($0) }, stderr: { printed.add($0) })
            let outcome: FunctionBuilder.Outcome
            do { outcome = try builder.build(asset) } catch { return XCTFail("\(error)\n\(printed.text)") }
            guard case .built(let zip, _, _, _) = outcome else { return XCTFail("not built: \(outcome)") }
            let bytes = try Data(contentsOf: zip)
            outputs.append((bytes, try Data(contentsOf: builder.debugURL(for: zip)), try ZipReader.entry(named: "bootstrap", in: bytes).data))
        }
        let (first, second) = (outputs[0], outputs[1])
        XCTAssertEqual(first.binary.count, second.binary.count)
        XCTAssertTrue(first.binary == second.binary, "the binaries differ at byte \(firstDifference(first.binary, second.binary))")
        XCTAssertTrue(first.zip == second.zip, "the zips differ")
        XCTAssertTrue(first.debug == second.debug, "the debug files differ at byte \(firstDifference(first.debug, second.debug))")
        keep = first.binary != second.binary || first.debug != second.debug
        // The DWARF is out of the zip, and the shipped binary names its debug file.
        XCTAssertGreaterThan(first.debug.count, 1_000_000)
        XCTAssertNotNil(first.binary.range(of: Data(".gnu_debuglink".utf8)))
        XCTAssertNil(first.binary.range(of: Data(".debug_info".utf8)), "no DWARF left in the zip's binary")
        // No path of the build machine in what ships.
        XCTAssertNil(first.binary.range(of: Data(temp.path.utf8)), "the scratch path is in the binary")
        XCTAssertNil(first.binary.range(of: Data(repositoryRoot.path.utf8)), "the repository path is in the binary")
    }

    private func firstDifference(_ a: Data, _ b: Data) -> Int {
        zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    }
}
