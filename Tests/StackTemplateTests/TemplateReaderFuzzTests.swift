import Foundation
import TestSupport
import XCTest
@testable import StackTemplate

/// Seeded damage to the bundled estate's synthesized templates (the golden YAML, and the same templates
/// rendered as JSON), plus hostile documents of each format: every case must end in a template or a
/// `TemplateParseError`, quickly. A crash fails the run; a slow case or another error type fails the test.
final class TemplateReaderFuzzTests: XCTestCase {
    static let casesPerInput = 250
    static let perCaseSeconds = 1.0

    /// The golden templates of the bundled estate (dev and prod), as synthesize writes them.
    private func goldenYAML() throws -> [(name: String, text: String)] {
        try ["dev", "prod"].flatMap { env in
            try ["MarketStream", "TickAlerts"].map { stack in
                let url = repositoryRoot.appendingPathComponent("Tests/StackctlCLITests/Snapshots/\(env)/\(stack).template.yaml")
                return ("\(env)/\(stack)", try String(contentsOf: url, encoding: .utf8))
            }
        }
    }

    /// Reads `bytes` with `read` and decodes the template; returns whether it parsed.
    private func check(_ bytes: [UInt8], _ label: String, _ read: (String) throws -> SourceNode) -> Bool {
        // Templates reach the readers as Swift strings: invalid UTF-8 is repaired (U+FFFD) on the way in,
        // and the CLI refuses a file that is not UTF-8 before it gets here.
        let text = String(decoding: bytes, as: UTF8.self)
        let started = Date()
        defer {
            let took = Date().timeIntervalSince(started)
            XCTAssertLessThan(took, Self.perCaseSeconds, "\(label) took \(took) s")
        }
        do {
            _ = try TemplateDecoder.template(try read(text))
            return true
        } catch is TemplateParseError {
            return false
        } catch {
            XCTFail("\(label): not a TemplateParseError: \(error)")
            return false
        }
    }

    private func run(_ inputs: [(name: String, bytes: [UInt8])], custom: [InputMutation], seed: UInt64,
                     _ read: (String) throws -> SourceNode) -> (parsed: Int, refused: Int) {
        var parsed = 0, refused = 0
        for (offset, input) in inputs.enumerated() {
            XCTAssertTrue(check(input.bytes, "\(input.name) unchanged", read), "the real input must parse")
            let mutations = InputMutation.cases(of: input.bytes, count: Self.casesPerInput, seed: seed &+ UInt64(offset))
            for mutation in mutations {
                if check(mutation.apply(to: input.bytes), "\(input.name), \(mutation)", read) { parsed += 1 } else { refused += 1 }
            }
        }
        for mutation in custom {
            if check(mutation.apply(to: []), "\(mutation)", read) { parsed += 1 } else { refused += 1 }
        }
        return (parsed, refused)
    }

    func testYAMLReaderOnDamagedGoldenTemplatesAndHostileYAML() throws {
        let inputs = try goldenYAML().map { ($0.name, Array($0.text.utf8)) }
        let custom: [InputMutation] = [
            .custom(name: "billion laughs", bytes: Array(TemplateReaderLimitsTests.billionLaughs().utf8)),
            .custom(name: "undefined alias", bytes: Array("Resources: *nowhere\n".utf8)),
            .custom(name: "merge key", bytes: Array("Resources:\n  A: &a {Type: X::Y::Z}\n  B: {<<: *a}\n".utf8)),
            .custom(name: "deep flow", bytes: Array(("Resources: " + String(repeating: "[", count: 50_000)).utf8)),
            .custom(name: "deep block", bytes: Array(("Resources:\n" + (1...2_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined()).utf8)),
            .custom(name: "deep sequence", bytes: Array(("Resources: " + String(repeating: "- ", count: 50_000)).utf8)),
            .custom(name: "duplicate keys", bytes: Array("Resources:\n  A: {Type: X::Y::Z}\n  A: {Type: X::Y::Z}\n".utf8)),
            .custom(name: "huge int", bytes: Array("Metadata: {N: 1\(String(repeating: "9", count: 5_000))}\nResources: {}\n".utf8)),
            .custom(name: "huge float", bytes: Array("Metadata: {N: 1.5e99999}\nResources: {}\n".utf8)),
            .custom(name: "base-60 int", bytes: Array("Metadata: {N: \(Array(repeating: "59", count: 40).joined(separator: ":"))}\nResources: {}\n".utf8)),
            .custom(name: "NUL", bytes: Array("Resources: {}\n".utf8) + [0] + Array("x: 1\n".utf8)),
            .custom(name: "NUL in quotes", bytes: Array("Description: \"a".utf8) + [0] + Array("b\"\nResources: {}\n".utf8)),
            .custom(name: "invalid UTF-8", bytes: Array("Description: ".utf8) + [0xFF, 0xFE, 0xC3] + Array("\nResources: {}\n".utf8)),
            .custom(name: "BOM", bytes: [0xEF, 0xBB, 0xBF] + Array("Resources: {}\n".utf8)),
            .custom(name: "long string", bytes: Array("Description: \(String(repeating: "x", count: 300_000))\nResources: {}\n".utf8)),
            .custom(name: "long key", bytes: Array("\(String(repeating: "k", count: 300_000)): 1\nResources: {}\n".utf8)),
            .custom(name: "unknown tag", bytes: Array("Resources: {A: !Frobnicate x}\n".utf8)),
            .custom(name: "binary tag", bytes: Array("Resources: {A: !!binary aGk=}\n".utf8)),
            .custom(name: "two documents", bytes: Array("Resources: {}\n---\nResources: {}\n".utf8)),
            .custom(name: "directive", bytes: Array("%YAML 1.2\n---\nResources: {}\n".utf8)),
            .custom(name: "tab indentation", bytes: Array("Resources:\n\tA: 1\n".utf8)),
            .custom(name: "complex key", bytes: Array("? [a, b]\n: 1\nResources: {}\n".utf8)),
            .custom(name: "empty", bytes: []),
            .custom(name: "only a comment", bytes: Array("# nothing\n".utf8)),
        ]
        let (parsed, refused) = run(inputs, custom: custom, seed: 0x59414D4C, YAMLSourceReader.read)
        XCTAssertEqual(parsed + refused, inputs.count * Self.casesPerInput + custom.count)
        XCTAssertGreaterThan(refused, 0)
        XCTAssertGreaterThan(parsed, 0, "some damage (inside a string, a deleted comment) still parses")
        print("YAML template fuzz: \(parsed) parsed, \(refused) refused")
    }

    func testJSONReaderOnDamagedSynthesizedTemplatesAndHostileJSON() throws {
        let inputs = try goldenYAML().map { golden in
            (golden.name, try JSONRenderer.rendered(try TemplateParser.parse(golden.text), pretty: true).bytes)
        }
        let custom: [InputMutation] = [
            .custom(name: "deep arrays", bytes: Array(String(repeating: "[", count: 100_000).utf8)),
            .custom(name: "deep objects", bytes: Array(String(repeating: "{\"a\":", count: 100_000).utf8)),
            .custom(name: "deep but closed", bytes: Array(("{\"Resources\": {}, \"M\": " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}").utf8)),
            .custom(name: "duplicate keys", bytes: Array("{\"Resources\": {}, \"Resources\": {}}".utf8)),
            .custom(name: "huge int", bytes: Array("{\"Resources\": {}, \"N\": 1\(String(repeating: "9", count: 5_000))}".utf8)),
            .custom(name: "huge exponent", bytes: Array("{\"Resources\": {}, \"N\": 1e999999}".utf8)),
            .custom(name: "tiny exponent", bytes: Array("{\"Resources\": {}, \"N\": 1e-999999}".utf8)),
            .custom(name: "minus zero", bytes: Array("{\"Resources\": {}, \"N\": -0}".utf8)),
            .custom(name: "NUL outside", bytes: Array("{\"Resources\": {}}".utf8) + [0]),
            .custom(name: "NUL in string", bytes: Array("{\"Resources\": {}, \"D\": \"a".utf8) + [0] + Array("b\"}".utf8)),
            .custom(name: "escaped NUL", bytes: Array("{\"Resources\": {}, \"D\": \"a\\u0000b\"}".utf8)),
            .custom(name: "invalid UTF-8", bytes: Array("{\"Resources\": {}, \"D\": \"".utf8) + [0xFF, 0xED, 0xA0, 0x80] + Array("\"}".utf8)),
            .custom(name: "lone surrogate", bytes: Array("{\"Resources\": {}, \"D\": \"\\ud800\"}".utf8)),
            .custom(name: "reversed surrogates", bytes: Array("{\"Resources\": {}, \"D\": \"\\udc00\\ud800\"}".utf8)),
            .custom(name: "BOM", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"Resources\": {}}".utf8)),
            .custom(name: "long string", bytes: Array("{\"Resources\": {}, \"D\": \"\(String(repeating: "x", count: 300_000))\"}".utf8)),
            .custom(name: "long escaped string", bytes: Array("{\"Resources\": {}, \"D\": \"\(String(repeating: "\\n", count: 200_000))\"}".utf8)),
            .custom(name: "YAML alias in flow", bytes: Array("{\"Resources\": &a {}, \"Outputs\": *a}".utf8)),
            .custom(name: "trailing comma", bytes: Array("{\"Resources\": {},}".utf8)),
            .custom(name: "single quotes", bytes: Array("{'Resources': {}}".utf8)),
            .custom(name: "top-level list", bytes: Array("[1, 2]".utf8)),
            .custom(name: "unterminated", bytes: Array("{\"Resources\": {\"A\": \"".utf8)),
        ]
        let (parsed, refused) = run(inputs, custom: custom, seed: 0x4A534F4E, JSONSourceReader.read)
        XCTAssertEqual(parsed + refused, inputs.count * Self.casesPerInput + custom.count)
        XCTAssertGreaterThan(refused, inputs.count * Self.casesPerInput / 4, "most damage to JSON is an error")
        print("JSON template fuzz: \(parsed) parsed, \(refused) refused")
    }
}
