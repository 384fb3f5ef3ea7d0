import Foundation
import StackEnvironment
import TestSupport
import XCTest

/// The estate's `config:` section as `stacks/Estate.swift` declares it (this target does not link the
/// estate), so the bundled files decode here as they do in the CLI.
private struct EstateConfigMirror: Decodable {
    struct Market: Decodable { var alertEmail: String; var shards: Int?; var processingConcurrency: Int?; var analysisConcurrency: Int? }
    struct Ticks: Decodable { var alertEmail: String; var alertThreshold: Double; var processorConcurrency: Int? }
    var market: Market
    var ticks: Ticks
}

/// Seeded damage to `environments/*.yaml`, plus hostile YAML, through `EnvironmentLoader.load` (the file
/// as the CLI reads it, so invalid UTF-8 really reaches the loader): every case ends in a configuration
/// or a `ConfigError`/`ConfigErrors`, each case well under a second.
final class EnvironmentReaderFuzzTests: XCTestCase {
    static let casesPerFile = 300

    func testDamagedEnvironmentFilesAndHostileYAMLEndInAConfigOrAConfigError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("env-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("fuzz.yaml")
        var loaded = 0, refused = 0, slowest = 0.0

        @discardableResult func check(_ bytes: [UInt8], _ label: String) throws -> Bool {
            try Data(bytes).write(to: target)
            let started = Date()
            defer {
                let took = Date().timeIntervalSince(started)
                slowest = max(slowest, took)
                XCTAssertLessThan(took, 1, "\(label) took \(took) s")
            }
            do {
                _ = try EnvironmentLoader.load(EstateConfigMirror.self, name: "fuzz", directory: folder)
                loaded += 1
                return true
            } catch {
                let errors = ConfigError.all(in: error)
                XCTAssertFalse(errors.isEmpty, "\(label): not a ConfigError: \(error)")
                for found in errors { XCTAssertTrue(found.file.hasSuffix("fuzz.yaml"), "\(label): \(found)") }
                refused += 1
                return false
            }
        }

        let names = ["dev", "local", "prod"]
        for (offset, name) in names.enumerated() {
            let original = Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("environments/\(name).yaml")))
            XCTAssertTrue(try check(original, "\(name).yaml unchanged"), "\(name).yaml itself must load")
            for mutation in InputMutation.cases(of: original, count: Self.casesPerFile, seed: 0x454E56 &+ UInt64(offset)) {
                try check(mutation.apply(to: original), "\(name).yaml, \(mutation)")
            }
        }
        let dev = try String(contentsOf: repositoryRoot.appendingPathComponent("environments/dev.yaml"), encoding: .utf8)
        var laughs = "tags:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<10 { laughs += "  l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", "))]\n" }
        let custom: [InputMutation] = [
            .custom(name: "billion laughs", bytes: Array((laughs + "config: *l9\n").utf8)),
            .custom(name: "alias as key", bytes: Array((laughs + "? *l9\n: 1\n").utf8)),
            .custom(name: "merge key", bytes: Array(dev.replacingOccurrences(of: "tags:\n", with: "tags:\n  <<: {a: b}\n").utf8)),
            .custom(name: "deep flow", bytes: Array(("config: " + String(repeating: "[", count: 100_000)).utf8)),
            .custom(name: "deep block", bytes: Array((1...500).map { String(repeating: " ", count: $0) + "k:\n" }.joined().utf8)),
            .custom(name: "duplicate keys", bytes: Array((dev + "region: us-west-2\nregion: eu-west-1\n").utf8)),
            .custom(name: "huge int", bytes: Array(dev.replacingOccurrences(of: "shards: 1", with: "shards: 1\(String(repeating: "0", count: 5_000))").utf8)),
            .custom(name: "huge float", bytes: Array(dev.replacingOccurrences(of: "alertThreshold: 1200", with: "alertThreshold: 1e99999").utf8)),
            .custom(name: "NUL", bytes: Array(dev.utf8) + [0]),
            .custom(name: "invalid UTF-8", bytes: [0xFF, 0xFE, 0xC3] + Array(dev.utf8)),
            .custom(name: "encoded surrogate", bytes: Array("namePrefix: ".utf8) + [0xED, 0xA0, 0x80] + Array(dev.utf8)),
            .custom(name: "BOM", bytes: [0xEF, 0xBB, 0xBF] + Array(dev.utf8)),
            .custom(name: "long value", bytes: Array(dev.replacingOccurrences(of: "project: stock-pipelines", with: "project: \(String(repeating: "p", count: 100_000))").utf8)),
            .custom(name: "binary tag", bytes: Array(dev.replacingOccurrences(of: "region: us-east-2", with: "region: !!binary dXMtZWFzdC0y").utf8)),
            .custom(name: "two documents", bytes: Array((dev + "---\n" + dev).utf8)),
            .custom(name: "empty", bytes: []),
        ]
        for mutation in custom { try check(mutation.apply(to: []), "\(mutation)") }
        XCTAssertEqual(loaded + refused, names.count * (Self.casesPerFile + 1) + custom.count)
        XCTAssertGreaterThan(refused, names.count * Self.casesPerFile / 4)
        print("environment fuzz: \(loaded) loaded, \(refused) refused, slowest \(Int(slowest * 1000)) ms")
    }
}
