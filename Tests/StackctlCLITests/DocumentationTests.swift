import Foundation
import StackCore
import StackEnvironment
import TestSupport
import XCTest

/// The README's lists of diagnostic codes are the code's lists: the synthesis table row by row
/// (`DiagnosticCode`, by area) and the environment-file codes (`ConfigErrorCode`).
final class DocumentationTests: XCTestCase {
    let readme = (try? String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    func testTheDiagnosticsTableListsExactlyTheCodesOfEachArea() throws {
        let table = try XCTUnwrap(section(after: "| area | codes |", until: "\n\n"), "no diagnostics table in the README")
        var documented: [String: Set<String>] = [:]
        for row in table.split(separator: "\n").dropFirst() where row.hasPrefix("| ") {  // skip the |---| line
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            documented[cells[0]] = Set(Self.codes(in: cells[1]))
        }
        let actual = Dictionary(grouping: DiagnosticCode.allCases, by: \.area).mapValues { Set($0.map(\.rawValue)) }
        XCTAssertEqual(Set(documented.keys), Set(actual.keys), "the table's areas")
        for (area, codes) in actual {
            let listed = documented[area] ?? []
            XCTAssertEqual(listed.subtracting(codes).sorted(), [], "README lists codes that \(area) does not have")
            XCTAssertEqual(codes.subtracting(listed).sorted(), [], "README's \(area) row misses codes")
        }
    }

    func testTheEnvironmentCodesAreExactlyTheDecodersCodes() throws {
        let paragraph = try XCTUnwrap(section(after: "Environment files report", until: "\n\n"))
        let listed = Set(Self.codes(in: paragraph[paragraph.range(of: "codes ")!.upperBound...]))
        let actual = Set(ConfigErrorCode.allCases.map(\.rawValue))
        XCTAssertEqual(listed.subtracting(actual).sorted(), [], "README lists environment codes the decoder never uses")
        XCTAssertEqual(actual.subtracting(listed).sorted(), [], "README misses environment codes")
    }

    private func section(after start: String, until end: String) -> Substring? {
        guard let from = readme.range(of: start) else { return nil }
        let rest = readme[from.lowerBound...]
        return rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)]
    }

    /// Backticked kebab-case words, parenthesised notes left out.
    static func codes(in text: some StringProtocol) -> [String] {
        var out: [String] = [], depth = 0, inCode = false, current = ""
        for ch in text {
            switch ch {
            case "(" where !inCode: depth += 1
            case ")" where !inCode: depth -= 1
            case "`":
                if inCode, depth == 0, current.contains("-"), current.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
                    out.append(current)
                }
                inCode.toggle(); current = ""
            default: if inCode { current.append(ch) }
            }
        }
        return out
    }
}
