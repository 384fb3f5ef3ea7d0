import Foundation
import ResourceCatalogue
import StackAWS
import StackAssets
import StackCore
import StackDiff
import StackInvoke
import StackTemplate
import TestSupport
import XCTest

/// Every construct, synthesized in a throwaway and a retained environment, against what the rest of
/// stackctl assumes about the types it emits: each type is catalogued; a type holding data is retained
/// under `retainData: true`; `invoke` resolves its `Ref` and attributes (or says why only a deploy
/// knows them); `diff` reports its removal as data loss in dev and as an orphan in prod; a resource
/// carrying a policy is catalogued as carrying permissions; and cfn-lint is clean.
final class ConformanceTests: XCTestCase {
    static let dev = StackSettings.testing
    /// Retained, with a customer managed key and access logs: every construct's hardened form too.
    static let prod = StackSettings.hardened

    private func synthesized(_ settings: StackSettings) throws -> SynthesizedStack {
        let result = try Synthesizer(settings: settings, assets: StaticAssets(ConstructExamples.assets))
            .synthesize([AdHocStack("Test", ConstructExamples.all.constructs)])
        return try XCTUnwrap(result.stacks.first)
    }

    func testEveryConstructOfStackAWSHasAnExample() throws {
        let declared = try Self.constructTypesInStackAWS()
        XCTAssertFalse(declared.isEmpty, "found no constructs in Sources/StackAWS: the scan is broken")
        let examples = Set(ConstructExamples.all.constructs.map { _typeName(type(of: $0), qualified: false) })
        for name in declared.sorted() where !examples.contains(name) {
            XCTFail("\(name) has no example in Tests/StackAWSTests/Conformance/ConstructExamples.swift")
        }
    }

    func testEveryEmittedTypeIsCatalogued() throws {
        for settings in [Self.dev, Self.prod] {
            for (id, resource) in try synthesized(settings).template.resources where ResourceCatalogue.entry(resource.type) == nil {
                XCTFail("\(id): \(resource.type) has no entry in Sources/ResourceCatalogue/Entries")
            }
        }
    }

    func testTypesThatHoldDataAreRetainedOnlyWhereTheEnvironmentSaysSo() throws {
        let dev = try synthesized(Self.dev).template, prod = try synthesized(Self.prod).template
        var holding = 0
        for (id, resource) in prod.resources where ResourceCatalogue.holdsData(resource.type) {
            holding += 1
            XCTAssertEqual(resource.deletionPolicy, .retain, "\(id) \(resource.type): DeletionPolicy in prod")
            XCTAssertEqual(resource.updateReplacePolicy, .retain, "\(id) \(resource.type): UpdateReplacePolicy in prod")
            // The key and the access-log bucket exist only where the environment asks for them.
            if let inDev = dev.resources[id] { XCTAssertEqual(inDev.deletionPolicy, .delete, "\(id) \(resource.type): DeletionPolicy in dev") }
        }
        XCTAssertGreaterThan(holding, 5, "the examples hold buckets, tables, streams, queues and log groups")
        for (id, resource) in prod.resources where !ResourceCatalogue.holdsData(resource.type) && resource.type != "AWS::SSM::Parameter" {
            XCTAssertNil(resource.deletionPolicy, "\(id) \(resource.type) holds no data and is not retained")
        }
    }

    func testInvokeResolvesEveryCataloguedReference() throws {
        let stack = try synthesized(Self.dev)
        let resolver = TemplateValueResolver(settings: Self.dev, stacks: [stack])
        var resolved = 0
        for (id, resource) in stack.template.resources.sorted(by: { $0.key < $1.key }) {
            let entry = try XCTUnwrap(ResourceCatalogue.entry(resource.type), resource.type)
            let named = entry.nameProperty.map { path in
                path.dropFirst().reduce(resource.properties[path[0]]) { $0?[$1] } != nil
            } ?? false
            var references: [(String, TemplateValue, ReferenceValue)] = [("Ref", .ref(id), entry.ref)]
            for (attribute, value) in entry.attributes { references.append(("GetAtt \(attribute)", .getAtt(id, attribute), value)) }
            for (what, value, expected) in references {
                let label = "\(id) (\(resource.type)) \(what)"
                switch expected {
                case .deployTime:
                    XCTAssertThrowsError(try resolver.resolve(value, in: stack), label) {
                        XCTAssertTrue("\($0)".contains("known only once deployed"), "\(label): \($0)")
                    }
                case .name, .pattern:
                    if named {
                        let text = try resolver.resolve(value, in: stack)
                        XCTAssertFalse(text.isEmpty || text.contains("{") || text.contains("${"), "\(label) resolved to \(text)")
                        resolved += 1
                    } else {
                        XCTAssertThrowsError(try resolver.resolve(value, in: stack), "\(label): no name property set") {
                            XCTAssertTrue("\($0)".contains("generates"), "\(label): \($0)")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(resolved, 10)
    }

    /// Every `Fn::GetAtt` the constructs write names an attribute the catalogue knows for its target's type.
    func testEveryAttributeTheConstructsReadIsCatalogued() throws {
        let template = try synthesized(Self.dev).template
        var seen: [(String, String)] = []
        func walk(_ value: TemplateValue) {
            switch value {
            case .getAtt(let id, let attribute): seen.append((id, attribute))
            case .list(let items): items.forEach(walk)
            case .map(let fields): fields.forEach { walk($0.value) }
            case .sub(let format, let variables):
                variables.values.forEach(walk)
                for reference in Self.subReferences(format) where reference.contains(".") {
                    let parts = reference.split(separator: ".", maxSplits: 1)
                    seen.append((String(parts[0]), String(parts[1])))
                }
            case .join(_, let items): items.forEach(walk)
            default: break
            }
        }
        for resource in template.resources.values { walk(.map(resource.properties)) }
        for output in template.outputs.values { walk(output.value) }
        XCTAssertFalse(seen.isEmpty)
        for (id, attribute) in seen {
            guard let type = template.resources[id]?.type else { continue }  // pseudo parameters
            XCTAssertNotNil(ResourceCatalogue.entry(type)?.attributes[attribute], "GetAtt \(id).\(attribute): \(type) has no such catalogued attribute")
        }
    }

    func testDiffReportsEachRemovalAsDataLossInDevAndOrphanInProd() throws {
        for (settings, label) in [(Self.dev, "dev"), (Self.prod, "prod")] {
            let full = try synthesized(settings).template
            for (id, resource) in full.resources {
                var without = full
                without.resources[id] = nil
                let change = try XCTUnwrap(TemplateDiffer.diff(stack: "Test", old: full, new: without).resources.first { $0.logicalID == id })
                let lost = change.risks.contains { $0.kind == .dataLoss }
                if ResourceCatalogue.holdsData(resource.type) {
                    XCTAssertEqual(change.impact, label == "dev" ? .remove : .orphan, "\(label) \(id) \(resource.type)")
                    XCTAssertEqual(lost, label == "dev", "\(label) \(id) \(resource.type): data loss")
                } else {
                    XCTAssertFalse(lost, "\(label) \(id) \(resource.type) holds no data")
                }
            }
        }
    }

    func testResourcesCarryingPoliciesAreCataloguedAsCarryingPermissions() throws {
        for (id, resource) in try synthesized(Self.dev).template.resources {
            let carries = Self.containsPolicyDocument(.map(resource.properties)) || resource.type == "AWS::Lambda::Permission"
            if carries {
                XCTAssertTrue(ResourceCatalogue.entry(resource.type)?.carriesPermissions ?? false, "\(id) \(resource.type) carries a policy")
            }
        }
    }

    func testCfnLintIsClean() throws {
        assertLintClean(["conformance-dev": try synthesized(Self.dev).template, "conformance-prod": try synthesized(Self.prod).template])
    }

    // MARK: Helpers

    static func containsPolicyDocument(_ value: TemplateValue) -> Bool {
        switch value {
        case .map(let fields): return fields["Statement"] != nil || fields.contains { containsPolicyDocument($0.value) }
        case .list(let items): return items.contains(where: containsPolicyDocument)
        default: return false
        }
    }

    static func subReferences(_ format: String) -> [String] {
        var out: [String] = [], rest = Substring(format)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            let name = rest[open.upperBound..<close]
            if !name.hasPrefix("!") { out.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    /// `public struct X: Referenceable` / `: Construct` declarations in Sources/StackAWS.
    static func constructTypesInStackAWS() throws -> Set<String> {
        let folder = repositoryRoot.appendingPathComponent("Sources/StackAWS")
        let pattern = try NSRegularExpression(pattern: #"public struct (\w+)\s*:\s*(?:Referenceable|Construct)\b"#)
        var names: Set<String> = []
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? .init()
        where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                names.insert((text as NSString).substring(with: match.range(at: 1)))
            }
        }
        return names
    }
}
