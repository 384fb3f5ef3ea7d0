import Foundation
import StackAssets
import StackCore
import XCTest

/// Asset hashes as a user meets them: a copy of the repository's Package.swift and function sources,
/// edited the way a change would edit them, hashed by a fresh resolver (one per synthesis).
final class SourceAssetsTests: XCTestCase {
    let table = FunctionInputTable.generated
    var root: URL!

    override func setUpWithError() throws {
        root = try RepositoryCopy.make(folders: table.products.values.flatMap(\.folders) + ["Sources/StackCore", "Sources/CZlib"])
        try RepositoryCopy.writeResolved(in: root, pins: ["swift-crypto": "3.12.3", "swift-asn1": "1.7.4", "yams": "6.2.2"])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// No function links a package today (swift-crypto went so that full Foundation, and ICU, stay out of the
    /// functions), so the package tests give every product swift-crypto's Crypto, as the table had it before.
    var linkingCrypto: FunctionInputTable {
        var linking = table
        for (product, var inputs) in linking.products {
            inputs.packages = [LinkedPackage(identity: "swift-crypto", products: ["Crypto"], declared: "3.12.3..<4.0.0")]
            linking.products[product] = inputs
        }
        return linking
    }

    func hashes(_ given: FunctionInputTable? = nil) throws -> [String: String] {
        let resolver = given.map { SourceAssets(root: root, table: $0) } ?? SourceAssets(root: root)
        var out: [String: String] = [:]
        for product in table.products.keys {
            out[product] = try resolver.asset(forProduct: product).get().hash
        }
        return out
    }

    func testEditingAFileInEachLinkedTargetChangesTheHashOfExactlyTheProductsThatLinkIt() throws {
        let before = try hashes()
        let folders = Set(table.products.values.flatMap(\.folders)).sorted()
        for folder in folders {
            let file = try XCTUnwrap(RepositoryCopy.firstFile(under: root.appendingPathComponent(folder)), folder)
            let original = try Data(contentsOf: file)
            try (original + Data("\n// edited\n".utf8)).write(to: file)
            let after = try hashes()
            for (product, inputs) in table.products {
                if inputs.folders.contains(folder) {
                    XCTAssertNotEqual(after[product], before[product], "editing \(folder) must change \(product)")
                } else {
                    XCTAssertEqual(after[product], before[product], "editing \(folder) must not change \(product)")
                }
            }
            try original.write(to: file)
        }
        XCTAssertEqual(try hashes(), before, "restoring every file restores every hash")
    }

    /// The defect this table fixes: every function links functions/Clients and CCurlLoader (through AWSClient).
    func testTheClientsAndTheCurlLoaderAreInputsOfEveryFunction() throws {
        let before = try hashes()
        for path in ["functions/Clients/MarketClients.swift", "Sources/CCurlLoader/include/curl_loader.h"] {
            let file = root.appendingPathComponent(path)
            let original = try Data(contentsOf: file)
            try (original + Data(" ".utf8)).write(to: file)
            let after = try hashes()
            for product in table.products.keys {
                XCTAssertNotEqual(after[product], before[product], "\(path) is an input of \(product)")
            }
            try original.write(to: file)
        }
    }

    func testEditingAnotherProductsFolderOrAnUnlinkedTargetChangesNothing() throws {
        let before = try hashes()
        let products = table.products.keys.sorted()
        XCTAssertGreaterThan(products.count, 1)
        let other = root.appendingPathComponent("functions/\(products[0])/Extra.swift")
        try Data("let extra = 1\n".utf8).write(to: other)
        let after = try hashes()
        XCTAssertNotEqual(after[products[0]], before[products[0]], "a new file is an input of its product")
        for product in products.dropFirst() { XCTAssertEqual(after[product], before[product], product) }
        try FileManager.default.removeItem(at: other)

        // StackCore and CZlib are stackctl's, not a function's.
        for folder in ["Sources/StackCore", "Sources/CZlib"] {
            try Data("// edited\n".utf8).write(to: root.appendingPathComponent(folder).appendingPathComponent("Edited.swift"))
        }
        XCTAssertEqual(try hashes(), before)
    }

    func testALinkedPackagesVersionChangesTheHashAndAnUnlinkedOnesDoesNot() throws {
        let real = try hashes()
        let before = try hashes(linkingCrypto)
        try RepositoryCopy.writeResolved(in: root, pins: ["swift-crypto": "3.12.3", "swift-asn1": "1.8.0", "yams": "6.3.0"])
        XCTAssertEqual(try hashes(linkingCrypto), before, "no function links Yams or swift-asn1")
        try RepositoryCopy.writeResolved(in: root, pins: ["swift-crypto": "3.13.0", "swift-asn1": "1.7.4", "yams": "6.2.2"])
        XCTAssertEqual(try hashes(), real, "the real functions link no package, swift-crypto included")
        let after = try hashes(linkingCrypto)
        for product in table.products.keys {
            XCTAssertNotEqual(after[product], before[product], "\(product) links Crypto from swift-crypto")
        }
    }

    func testWithoutPackageResolvedTheDeclaredRequirementIsHashed() throws {
        let pinned = try hashes(linkingCrypto)
        try FileManager.default.removeItem(at: root.appendingPathComponent("Package.resolved"))
        let declared = try hashes(linkingCrypto)
        XCTAssertNotEqual(declared, pinned)

        // A stale file without the pin hashes the same declared requirement.
        try RepositoryCopy.writeResolved(in: root, pins: ["yams": "6.2.2"])
        XCTAssertEqual(try hashes(linkingCrypto), declared)

        // And it is the requirement that is hashed, not nothing: another one is another key.
        var bumped = linkingCrypto
        for (product, var inputs) in bumped.products {
            inputs.packages = inputs.packages.map { var p = $0; p.declared = "3.13.0..<4.0.0"; return p }
            bumped.products[product] = inputs
        }
        let resolver = SourceAssets(root: root, table: bumped)
        for (product, hash) in declared {
            XCTAssertNotEqual(try resolver.asset(forProduct: product).get().hash, hash, product)
        }
    }

    func testHowPackageSwiftDeclaresTheLinkedTargetsIsAnInput() throws {
        let product = try XCTUnwrap(table.products.keys.min())
        var changed = table
        changed.products[product]?.declarationDigest = String(repeating: "0", count: 64)
        let before = try SourceAssets(root: root).asset(forProduct: product).get().hash
        XCTAssertNotEqual(try SourceAssets(root: root, table: changed).asset(forProduct: product).get().hash, before)
    }

    func testTheHashDoesNotDependOnWhereTheRepositoryIs() throws {
        let elsewhere = try RepositoryCopy.make(folders: table.products.values.flatMap(\.folders))
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.copyItem(at: root.appendingPathComponent("Package.resolved"),
                                         to: elsewhere.appendingPathComponent("Package.resolved"))
        let here = try hashes()
        let there = SourceAssets(root: elsewhere)
        for (product, hash) in here { XCTAssertEqual(try there.asset(forProduct: product).get().hash, hash) }
    }

    func testAChangedPackageSwiftIsRefusedUntilTheTableIsRegenerated() throws {
        let manifest = root.appendingPathComponent("Package.swift")
        try (try Data(contentsOf: manifest) + Data("\n// a new edge could be here\n".utf8)).write(to: manifest)
        let product = try XCTUnwrap(table.products.keys.min())
        guard case .failure(let problem) = SourceAssets(root: root).asset(forProduct: product) else {
            return XCTFail("a stale table must not hash")
        }
        XCTAssertTrue(problem.message.hasPrefix("Package.swift changed since"), problem.message)
        XCTAssertEqual(problem.hint, "run python3 scripts/generate-function-inputs.py and commit the table with Package.swift")
    }

    func testSourcesAndUnknownProducts() throws {
        let product = try XCTUnwrap(table.products.keys.min())
        let asset = try SourceAssets(root: root).asset(forProduct: product).get()
        XCTAssertEqual(asset.sources, table.products[product]?.folders)
        XCTAssertTrue(asset.sources.contains("functions/\(product)"))

        let known = "known products: \(table.products.keys.sorted().joined(separator: ", "))"
        guard case .failure(let shared) = SourceAssets(root: root).asset(forProduct: "Contracts"),
              case .failure(let missing) = SourceAssets(root: root).asset(forProduct: "nope") else {
            return XCTFail("Contracts and nope are no products")
        }
        XCTAssertEqual(shared.message, "'Contracts' is not a function product: functions/Contracts/ is not an executable target in Package.swift")
        XCTAssertTrue(shared.hint?.hasPrefix(known) ?? false, shared.hint ?? "")
        XCTAssertEqual(missing.message, "no function product 'nope': functions/nope/ does not exist")
        XCTAssertEqual(missing.hint, known)
    }
}
