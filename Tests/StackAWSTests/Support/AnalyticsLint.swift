import Foundation
import StackAWS
import StackCore
import StackTemplate
import XCTest

/// A minimal Template → JSON converter for running cfn-lint in tests (the real renderer lives in
/// StackTemplate once it lands). Keys are sorted so that output is stable.
enum AnalyticsJSON {
    struct UnresolvedToken: Error { var token: Token }

    static func data(_ template: Template) throws -> Data {
        try JSONSerialization.data(withJSONObject: object(template), options: [.sortedKeys, .prettyPrinted])
    }

    static func object(_ template: Template) throws -> [String: Any] {
        var out: [String: Any] = [:]
        if let version = template.formatVersion { out["AWSTemplateFormatVersion"] = version }
        if let description = template.description { out["Description"] = description }
        if !template.transforms.isEmpty { out["Transform"] = template.transforms }
        if !template.metadata.isEmpty { out["Metadata"] = try template.metadata.mapValues(object) }
        if !template.parameters.isEmpty {
            out["Parameters"] = try template.parameters.mapValues { p -> [String: Any] in
                var fields: [String: Any] = ["Type": p.type]
                if let d = p.description { fields["Description"] = d }
                if let v = p.defaultValue { fields["Default"] = try object(v) }
                if !p.allowedValues.isEmpty { fields["AllowedValues"] = try p.allowedValues.map(object) }
                if let v = p.allowedPattern { fields["AllowedPattern"] = v }
                if p.noEcho { fields["NoEcho"] = true }
                if let v = p.minLength { fields["MinLength"] = v }
                if let v = p.maxLength { fields["MaxLength"] = v }
                if let v = p.minValue { fields["MinValue"] = v }
                if let v = p.maxValue { fields["MaxValue"] = v }
                if let v = p.constraintDescription { fields["ConstraintDescription"] = v }
                return fields
            }
        }
        if !template.mappings.isEmpty { out["Mappings"] = try template.mappings.mapValues(object) }
        if !template.conditions.isEmpty { out["Conditions"] = try template.conditions.mapValues(object) }
        out["Resources"] = try template.resources.mapValues { r -> [String: Any] in
            var fields: [String: Any] = ["Type": r.type]
            if !r.properties.isEmpty { fields["Properties"] = try r.properties.mapValues(object) }
            if !r.dependsOn.isEmpty { fields["DependsOn"] = r.dependsOn.sorted() }
            if let c = r.condition { fields["Condition"] = c }
            if let d = r.deletionPolicy { fields["DeletionPolicy"] = d.rawValue }
            if let d = r.updateReplacePolicy { fields["UpdateReplacePolicy"] = d.rawValue }
            if !r.metadata.isEmpty { fields["Metadata"] = try r.metadata.mapValues(object) }
            return fields
        }
        if !template.outputs.isEmpty {
            out["Outputs"] = try template.outputs.mapValues { o -> [String: Any] in
                var fields: [String: Any] = ["Value": try object(o.value)]
                if let d = o.description { fields["Description"] = d }
                if let e = o.exportName { fields["Export"] = ["Name": try object(e)] }
                if let c = o.condition { fields["Condition"] = c }
                return fields
            }
        }
        return out
    }

    static func object(_ value: TemplateValue) throws -> Any {
        switch value {
        case .string(let s): return s
        case .int(let n): return n
        case .double(let d): return d
        case .bool(let b): return b
        case .null: return NSNull()
        case .list(let items): return try items.map(object)
        case .map(let fields): return try fields.mapValues(object)
        case .ref(let id): return ["Ref": id]
        case .getAtt(let id, let attribute): return ["Fn::GetAtt": [id, attribute]]
        case .sub(let format, let vars):
            return vars.isEmpty ? ["Fn::Sub": format] : ["Fn::Sub": [format, try vars.mapValues(object)] as [Any]]
        case .join(let sep, let items): return ["Fn::Join": [sep, try items.map(object)] as [Any]]
        case .select(let i, let v): return ["Fn::Select": [i, try object(v)] as [Any]]
        case .split(let sep, let v): return ["Fn::Split": [sep, try object(v)] as [Any]]
        case .if(let c, let a, let b): return ["Fn::If": [c, try object(a), try object(b)] as [Any]]
        case .equals(let a, let b): return ["Fn::Equals": [try object(a), try object(b)]]
        case .and(let items): return ["Fn::And": try items.map(object)]
        case .or(let items): return ["Fn::Or": try items.map(object)]
        case .not(let v): return ["Fn::Not": [try object(v)]]
        case .condition(let name): return ["Condition": name]
        case .importValue(let v): return ["Fn::ImportValue": try object(v)]
        case .base64(let v): return ["Fn::Base64": try object(v)]
        case .getAZs(let v): return ["Fn::GetAZs": try object(v)]
        case .findInMap(let a, let b, let c): return ["Fn::FindInMap": [try object(a), try object(b), try object(c)]]
        case .cidr(let a, let b, let c): return ["Fn::Cidr": [try object(a), try object(b), try object(c)]]
        case .token(let t): throw UnresolvedToken(token: t)
        }
    }
}

/// Runs `cfn-lint --format parseable` on a template; returns its exit status and output.
enum AnalyticsLint {
    static func run(_ template: Template, name: String = "analytics") throws -> (status: Int32, output: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-analytics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).json")
        try AnalyticsJSON.data(template).write(to: file)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cfn-lint", "--format", "parseable", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Test helpers shared by the analytics tests.
enum Analytics {
    static let synthesizer = Synthesizer(settings: .testing, assets: StaticAssets([]))

    static func synthesizer(retainData: Bool) -> Synthesizer {
        var settings = StackSettings.testing
        settings.retainData = retainData
        return Synthesizer(settings: settings, assets: StaticAssets([]))
    }

    /// The errors a failing synthesis reports (fails the test when synthesis succeeds).
    static func errors(
        file: StaticString = #filePath, line: UInt = #line, @StackBuilder _ body: () -> StackBody
    ) -> [Diagnostic] {
        do {
            _ = try synthesizer.template("Test", body)
            XCTFail("synthesis succeeded; expected diagnostics", file: file, line: line)
            return []
        } catch {
            return error.diagnostics.errors
        }
    }
}

/// A minimal real Lambda function (valid for cfn-lint), standing in for the Function construct.
struct AnalyticsTestFunction: Referenceable {
    let id: String
    init(_ id: String) { self.id = id }

    func synthesize(in scope: Scope) {
        scope.resource("", Self.resource)
    }

    static var resource: Resource {
        Resource(type: "AWS::Lambda::Function", properties: [
            "Runtime": "provided.al2023",
            "Handler": "bootstrap",
            "Code": ["S3Bucket": "stackctl-test-assets", "S3Key": "function.zip"],
            "Role": "arn:aws:iam::123456789012:role/test-function",
        ])
    }
}

/// A function that wires its own schedule through `ScheduleRule.add`, as the Function construct will.
struct AnalyticsScheduledFunction: Referenceable {
    let id: String
    var schedule: Schedule
    var input: TemplateValue?

    func synthesize(in scope: Scope) {
        scope.resource("", AnalyticsTestFunction.resource)
        ScheduleRule.add(in: scope, schedule: schedule, functionArn: scope.getAtt("", "Arn"), input: input)
    }
}
