@testable import StackDiff
import StackTemplate
import XCTest

/// The values a deploy sends against those deployed: changes and new parameters show, a Default counts
/// when the environment gives none, and a NoEcho value is masked — and skipped when AWS masked it too.
final class ParameterValueDifferTests: XCTestCase {
    let template = Template(parameters: [
        "AlertEmail": Parameter(type: "String"),
        "ApiToken": Parameter(type: "String", noEcho: true),
        "Shards": Parameter(type: "Number", defaultValue: "1"),
        "Stage": Parameter(type: "String", defaultValue: "dev"),
        "Zones": Parameter(type: "CommaDelimitedList", defaultValue: .list(["a", "b"])),
    ])

    func lines(_ entries: [EntryChange]) -> [String] {
        entries.map { e in
            let c = e.changes[0]
            return "\(e.section) \(e.kind.rawValue) \(e.name): \(c.old?.stringValue ?? "-") → \(c.new?.stringValue ?? "-")"
        }
    }

    func testChangedAddedDefaultedAndMasked() {
        let entries = ParameterValueDiffer.entries(
            deployed: ["AlertEmail": "ops@example.com", "ApiToken": "old-secret", "Shards": "2", "Stage": "dev", "Zones": "a,b"],
            new: ["AlertEmail": "oncall@example.com", "ApiToken": "new-secret"], template: template)
        XCTAssertEqual(lines(entries), [
            "ParameterValues modified AlertEmail: ops@example.com → oncall@example.com",
            "ParameterValues modified ApiToken (NoEcho): **** → ****",
            "ParameterValues modified Shards: 2 → 1",
        ])
        let added = ParameterValueDiffer.entries(deployed: [:], new: ["AlertEmail": "x"], template: template)
        XCTAssertEqual(added.map(\.kind), [.added, .added, .added, .added])
    }

    func testANoEchoValueAWSMaskedIsNotCompared() {
        let entries = ParameterValueDiffer.entries(deployed: ["AlertEmail": "a", "ApiToken": "****", "Shards": "1", "Stage": "dev", "Zones": "a,b"],
                                                   new: ["AlertEmail": "a", "ApiToken": "whatever"], template: template)
        XCTAssertTrue(entries.isEmpty, "\(lines(entries))")
    }
}
