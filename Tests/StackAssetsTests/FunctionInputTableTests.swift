import Foundation
import StackAssets
import TestSupport
import XCTest

/// The generated table against Package.swift, and the generator against a package made for the test.
final class FunctionInputTableTests: XCTestCase {
    static let script = repositoryRoot.appendingPathComponent("scripts/generate-function-inputs.py").path

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try runCommand(["python3", Self.script] + arguments)
        return (result.status, result.output)
    }

    func testTheCheckedInTableMatchesPackageSwift() throws {
        let (status, output) = try run(["--check"])
        XCTAssertEqual(status, 0, "the function input table is stale: \(output)")
    }

    /// What the issue found missing from the hand-kept list, read from the generated table.
    func testEveryFunctionLinksItsClientsTheCurlLoaderAndTheGlibcShimButNoPackage() throws {
        let products = FunctionInputTable.generated.products
        XCTAssertEqual(products.keys.sorted(), ["market-analysis", "market-processing", "tick-processor"])
        for (product, inputs) in products {
            for folder in ["functions/\(product)", "functions/Clients", "functions/Contracts", "Sources/AWSClient",
                           "Sources/CCurlLoader", "Sources/LambdaRuntime", "Sources/LambdaEvents", "Sources/CGlibcCompat",
                           "Sources/TextBasics"] {
                XCTAssertTrue(inputs.folders.contains(folder), "\(product) links \(folder)")
            }
            XCTAssertFalse(inputs.folders.contains { $0.hasPrefix("functions/") && $0 != "functions/\(product)"
                && products.keys.contains(String($0.dropFirst("functions/".count))) }, "\(product) links no other product")
            // Not even swift-crypto: it imports full Foundation, which would link ICU into every function.
            XCTAssertEqual(inputs.packages.map(\.identity), [])
        }
    }

    func testTheGeneratorFollowsCAndSystemLibraryTargetsAndLinkedProducts() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["Sources/CZ", "Sources/CHelper", "Sources/tool", "functions/Shared", "functions/fn-one", "functions/fn-two"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("""
            // swift-tools-version:6.0
            import PackageDescription

            let package = Package(
                name: "demo",
                dependencies: [
                    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
                    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
                ],
                targets: [
                    .systemLibrary(name: "CZ", path: "Sources/CZ"),
                    .target(name: "CHelper"),
                    .target(name: "Shared", dependencies: ["CZ", "CHelper", .product(name: "Crypto", package: "swift-crypto")],
                            path: "functions/Shared"),
                    .executableTarget(name: "fn-one", dependencies: ["Shared"], path: "functions/fn-one"),
                    .executableTarget(name: "fn-two", dependencies: [.product(name: "Yams", package: "Yams")], path: "functions/fn-two"),
                    .executableTarget(name: "tool", dependencies: ["Shared"]),
                ])
            """.utf8).write(to: root.appendingPathComponent("Package.swift"))
        let output = root.appendingPathComponent("Table.swift")
        let (status, log) = try run(["--package-path", root.path, "--output", output.path])
        XCTAssertEqual(status, 0, log)
        let table = try String(contentsOf: output, encoding: .utf8)
        XCTAssertTrue(table.contains("""
                        "fn-one": FunctionInputs(
                            folders: [
                                "Sources/CHelper",
                                "Sources/CZ",
                                "functions/Shared",
                                "functions/fn-one",
                            ],
                            packages: [
                                LinkedPackage(identity: "swift-crypto", products: ["Crypto"], declared: "3.12.3..<4.0.0"),
                            ],
            """), table)
        XCTAssertTrue(table.contains("""
                        "fn-two": FunctionInputs(
                            folders: [
                                "functions/fn-two",
                            ],
                            packages: [
                                LinkedPackage(identity: "yams", products: ["Yams"], declared: "exact 6.2.2"),
                            ],
            """), table)
        XCTAssertFalse(table.contains("\"tool\""), "only executables under functions/ are function products")

        // The check fails once the manifest changes.
        let manifest = root.appendingPathComponent("Package.swift")
        try (try Data(contentsOf: manifest) + Data("\n// changed\n".utf8)).write(to: manifest)
        let check = try run(["--package-path", root.path, "--output", output.path, "--check"])
        XCTAssertEqual(check.status, 1, check.output)
        XCTAssertTrue(check.output.contains("run python3 scripts/generate-function-inputs.py"), check.output)
    }
}
