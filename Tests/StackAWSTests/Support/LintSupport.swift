import Foundation
import StackTemplate
import XCTest

/// A stand-in JSON renderer for tests, until StackTemplate's renderer lands: turns a `Template` into
/// the `Any` tree `JSONSerialization` writes, with sorted keys.
enum TestJSON {
    struct UnresolvedToken: Error, CustomStringConvertible {
        var token: Token
        var description: String { "template still holds the unresolved reference \(token.display)" }
    }

    static func data(_ template: Template) throws -> Data {
        try JSONSerialization.data(withJSONObject: object(template), options: [.prettyPrinted, .sortedKeys])
    }

    static func object(_ template: Template) throws -> [String: Any] {
        var out: [String: Any] = [:]
        if let v = template.formatVersion { out["AWSTemplateFormatVersion"] = v }
        if let d = template.description { out["Description"] = d }
        if !template.transforms.isEmpty {
            out["Transform"] = template.transforms.count == 1 ? template.transforms[0] as Any : template.transforms
        }
        if !template.metadata.isEmpty { out["Metadata"] = try template.metadata.mapValues(value) }
        if !template.parameters.isEmpty { out["Parameters"] = try template.parameters.mapValues(parameter) }
        if !template.mappings.isEmpty { out["Mappings"] = try template.mappings.mapValues(value) }
        if !template.conditions.isEmpty { out["Conditions"] = try template.conditions.mapValues(value) }
        out["Resources"] = try template.resources.mapValues(resource)
        if !template.outputs.isEmpty { out["Outputs"] = try template.outputs.mapValues(output) }
        return out
    }

    static func resource(_ r: Resource) throws -> [String: Any] {
        var out: [String: Any] = ["Type": r.type, "Properties": try r.properties.mapValues(value)]
        if !r.dependsOn.isEmpty { out["DependsOn"] = r.dependsOn }
        if let c = r.condition { out["Condition"] = c }
        if let p = r.deletionPolicy { out["DeletionPolicy"] = p.rawValue }
        if let p = r.updateReplacePolicy { out["UpdateReplacePolicy"] = p.rawValue }
        if !r.metadata.isEmpty { out["Metadata"] = try r.metadata.mapValues(value) }
        return out
    }

    static func parameter(_ p: Parameter) throws -> [String: Any] {
        var out: [String: Any] = ["Type": p.type]
        if let d = p.description { out["Description"] = d }
        if let v = p.defaultValue { out["Default"] = try value(v) }
        if !p.allowedValues.isEmpty { out["AllowedValues"] = try p.allowedValues.map(value) }
        if let v = p.allowedPattern { out["AllowedPattern"] = v }
        if p.noEcho { out["NoEcho"] = true }
        if let v = p.minLength { out["MinLength"] = v }
        if let v = p.maxLength { out["MaxLength"] = v }
        if let v = p.minValue { out["MinValue"] = v }
        if let v = p.maxValue { out["MaxValue"] = v }
        if let v = p.constraintDescription { out["ConstraintDescription"] = v }
        return out
    }

    static func output(_ o: Output) throws -> [String: Any] {
        var out: [String: Any] = ["Value": try value(o.value)]
        if let d = o.description { out["Description"] = d }
        if let e = o.exportName { out["Export"] = ["Name": try value(e)] }
        if let c = o.condition { out["Condition"] = c }
        return out
    }

    static func value(_ v: TemplateValue) throws -> Any {
        switch v {
        case .string(let s): return s
        case .int(let i): return NSNumber(value: i)
        case .double(let d): return NSNumber(value: d)
        case .bool(let b): return NSNumber(value: b)
        case .null: return NSNull()
        case .list(let items): return try items.map(value)
        case .map(let fields): return try fields.mapValues(value)
        case .ref(let id): return ["Ref": id]
        case .getAtt(let id, let attribute): return ["Fn::GetAtt": [id, attribute]]
        case .sub(let format, let vars):
            return vars.isEmpty ? ["Fn::Sub": format] : ["Fn::Sub": [format, try vars.mapValues(value)] as [Any]]
        case .join(let separator, let items): return ["Fn::Join": [separator, try items.map(value)] as [Any]]
        case .select(let index, let list): return ["Fn::Select": [String(index), try value(list)] as [Any]]
        case .split(let separator, let source): return ["Fn::Split": [separator, try value(source)] as [Any]]
        case .if(let condition, let a, let b): return ["Fn::If": [condition, try value(a), try value(b)] as [Any]]
        case .equals(let a, let b): return ["Fn::Equals": [try value(a), try value(b)]]
        case .and(let items): return ["Fn::And": try items.map(value)]
        case .or(let items): return ["Fn::Or": try items.map(value)]
        case .not(let item): return ["Fn::Not": [try value(item)]]
        case .condition(let name): return ["Condition": name]
        case .importValue(let name): return ["Fn::ImportValue": try value(name)]
        case .base64(let item): return ["Fn::Base64": try value(item)]
        case .getAZs(let region): return ["Fn::GetAZs": try value(region)]
        case .findInMap(let a, let b, let c): return ["Fn::FindInMap": [try value(a), try value(b), try value(c)]]
        case .cidr(let a, let b, let c): return ["Fn::Cidr": [try value(a), try value(b), try value(c)]]
        case .token(let token): throw UnresolvedToken(token: token)
        }
    }
}

/// Runs `cfn-lint` over templates (one process for all of them: it takes a second or two to start).
enum CfnLint {
    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ templates: [String: Template]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stackaws-lint-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var paths: [String] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent("\(name).json")
            let data = try TestJSON.data(template)
            try data.write(to: url)
            // STACKAWS_LINT_DIR=/some/dir keeps a copy of what was linted, for a look by hand.
            if let keep = ProcessInfo.processInfo.environment["STACKAWS_LINT_DIR"] {
                try data.write(to: URL(fileURLWithPath: keep).appendingPathComponent("\(name).json"))
            }
            paths.append(url.path)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cfn-lint", "--format", "parseable", "--"] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}

/// Asserts that cfn-lint reports nothing (no error, warning or informational finding) for the templates.
func assertCfnLintClean(_ templates: [String: Template], file: StaticString = #filePath, line: UInt = #line) {
    do {
        let result = try CfnLint.run(templates)
        XCTAssertEqual(result.status, 0, "cfn-lint failed:\n\(result.output)", file: file, line: line)
        XCTAssertEqual(result.output.trimmingCharacters(in: .whitespacesAndNewlines), "",
                       "cfn-lint reported:\n\(result.output)", file: file, line: line)
    } catch {
        XCTFail("could not run cfn-lint: \(error)", file: file, line: line)
    }
}
