import Foundation
import ResourceCatalogue
import TestSupport
import XCTest

/// The catalogue's own consistency: names unique and well-formed, patterns that only use known
/// placeholders, a cleanup command for every type that holds data, and the generated create-only
/// column in step with the registry schemas cfn-lint ships.
final class CatalogueEntryTests: XCTestCase {
    func testNamesAreUniqueAndWellFormed() {
        var seen: Set<String> = []
        for entry in ResourceCatalogue.all {
            XCTAssertTrue(seen.insert(entry.name).inserted, "\(entry.name) is catalogued twice")
            let parts = entry.name.split(separator: ":", omittingEmptySubsequences: false)
            XCTAssertEqual(parts.count, 5, "\(entry.name) is not Service::Provider::Type")
        }
        XCTAssertNotNil(ResourceCatalogue.entry("AWS::S3::Bucket"))
        XCTAssertNil(ResourceCatalogue.entry("AWS::Nope::Thing"))
        XCTAssertFalse(ResourceCatalogue.holdsData("AWS::Nope::Thing"), "unknown types hold no data")
    }

    func testPatternsUseOnlyKnownPlaceholders() {
        let known: Set<String> = ["name", "partition", "region", "account", "urlSuffix"]
        for entry in ResourceCatalogue.all {
            var values = entry.attributes.map { ("GetAtt \($0.key)", $0.value) }
            values.append(("Ref", entry.ref))
            for (what, value) in values {
                guard case .pattern(let pattern) = value else { continue }
                for placeholder in Self.placeholders(in: pattern) where !known.contains(placeholder) && !placeholder.hasPrefix("endpoint:") {
                    XCTFail("\(entry.name) \(what): unknown placeholder {\(placeholder)} in \(pattern)")
                }
                if entry.nameProperty == nil {
                    XCTAssertFalse(pattern.contains("{name}"), "\(entry.name) \(what) uses {name} but the type has no name property")
                }
            }
        }
    }

    func testEveryTypeThatHoldsDataCanBeCleanedUp() {
        for entry in ResourceCatalogue.all where entry.holdsData && entry.name.hasPrefix("AWS::") && !Self.readOnly.contains(entry.name) {
            XCTAssertNotNil(entry.cleanup, "\(entry.name) holds data: destroy must say how to delete a retained one")
        }
        let bucket = ResourceCatalogue.entry("AWS::DynamoDB::Table")!
        XCTAssertEqual(bucket.cleanupCommand(physicalID: "t1", region: "eu-west-1"),
                       "aws dynamodb delete-table --table-name t1 --region eu-west-1")
    }

    /// Read from other tools' templates only; stackctl never leaves one behind.
    static let readOnly: Set<String> = ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::EFS::FileSystem"]

    func testCreateOnlyColumnComesFromTheRegistrySchemas() {
        XCTAssertEqual(ResourceCatalogue.entry("AWS::DynamoDB::Table")?.createOnlyProperties,
                       [["ImportSourceSpecification"], ["TableName"]])
        XCTAssertEqual(ResourceCatalogue.entry("AWS::Serverless::Function")?.createOnlyProperties, [],
                       "SAM types have no registry schema; their facts are hand-kept")
        XCTAssertFalse(ResourceCatalogue.entry("AWS::Serverless::Function")!.replacement.isEmpty)
    }

    /// The checked-in column is what the generator makes from the installed cfn-lint's schemas, for
    /// exactly the catalogued types.
    func testGeneratedColumnIsUpToDate() throws {
        let result = try runCommand(["python3", repositoryRoot.appendingPathComponent("scripts/generate-create-only.py").path, "--check"])
        XCTAssertEqual(result.status, 0, "generate-create-only.py --check: \(result.output) (scripts/test.sh installs cfn-lint)")
    }

    private static func placeholders(in pattern: String) -> [String] {
        var out: [String] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }
}
