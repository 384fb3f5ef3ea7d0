import StackAWS
import StackAssets
import StackCore
import StackTemplate
import XCTest

// MARK: Synthesis helpers

extension StackSettings {
    /// `.testing` with data retained and point-in-time recovery on, as a production environment has.
    /// `.testing` with data retained and nothing else changed.
    static let retainingData: StackSettings = {
        var settings = StackSettings.testing
        settings.retainData = true
        return settings
    }()

    static let testingRetained: StackSettings = {
        var settings = StackSettings.testing
        settings.retainData = true
        settings.pointInTimeRecovery = true
        return settings
    }()

    /// A production environment with everything on: retention, a customer managed key, access logs.
    static let hardened: StackSettings = {
        var settings = StackSettings.testingRetained
        settings.customerManagedKey = true
        settings.accessLogs = true
        return settings
    }()
}

/// A synthesizer for tests (fixed account and region, the given settings).
func synthesizer(_ settings: StackSettings = .testing, assets: [Asset] = []) -> Synthesizer {
    Synthesizer(settings: settings, assets: StaticAssets(assets))
}

/// The template of one stack, throwing the diagnostics when synthesis fails.
func template(_ settings: StackSettings = .testing, name: String = "Test",
              @StackBuilder _ body: () -> StackBody) throws(SynthesisFailed) -> Template {
    try synthesizer(settings).template(name, body)
}

/// The errors of a synthesis that is expected to fail (fails the test when it succeeds).
func synthesisErrors(file: StaticString = #filePath, line: UInt = #line, @StackBuilder _ body: () -> StackBody) -> [Diagnostic] {
    do {
        _ = try synthesizer().template("Test", body)
        XCTFail("synthesis succeeded; expected diagnostics", file: file, line: line)
        return []
    } catch {
        return error.diagnostics.errors
    }
}

/// The template of stack `Test`, failing the test when synthesis fails.
func synthesize(
    _ settings: StackSettings = .testing, assets: [Asset] = [], @StackBuilder _ body: () -> StackBody,
    file: StaticString = #filePath, line: UInt = #line
) -> Template? {
    do {
        return try Synthesizer(settings: settings, assets: StaticAssets(assets)).template("Test", body)
    } catch {
        XCTFail("synthesis failed:\n\(error.diagnostics.report)", file: file, line: line)
        return nil
    }
}

/// The diagnostics of a synthesis that is expected to fail.
func failures(
    _ settings: StackSettings = .testing, assets: [Asset] = [], @StackBuilder _ body: () -> StackBody,
    file: StaticString = #filePath, line: UInt = #line
) -> [Diagnostic] {
    do {
        _ = try Synthesizer(settings: settings, assets: StaticAssets(assets)).template("Test", body)
        XCTFail("synthesis succeeded, expected diagnostics", file: file, line: line)
        return []
    } catch {
        return error.diagnostics.sorted
    }
}

/// The warnings and notes of a synthesis that is expected to succeed.
func warnings(
    _ settings: StackSettings = .testing, @StackBuilder _ body: () -> StackBody,
    file: StaticString = #filePath, line: UInt = #line
) -> [Diagnostic] {
    do {
        return try Synthesizer(settings: settings, assets: StaticAssets([]))
            .synthesize([AdHocStack("Test", body().constructs)]).diagnostics.sorted
    } catch {
        XCTFail("synthesis failed:\n\(error.diagnostics.report)", file: file, line: line)
        return []
    }
}

/// Asserts that exactly one diagnostic was reported and that it is the expected one.
func assertDiagnostic(
    _ diagnostics: [Diagnostic], _ severity: Diagnostic.Severity = .error, code: String, path: String,
    property: String? = nil, message: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(diagnostics.count, 1, "diagnostics: \(diagnostics.map(\.description))", file: file, line: line)
    guard let d = diagnostics.first else { return }
    XCTAssertEqual(d.severity, severity, file: file, line: line)
    XCTAssertEqual(d.code, code, file: file, line: line)
    XCTAssertEqual(d.path, path, file: file, line: line)
    XCTAssertEqual(d.property, property, file: file, line: line)
    XCTAssertEqual(d.message, message, file: file, line: line)
    XCTAssertNotNil(d.hint, "every diagnostic carries a hint", file: file, line: line)
}

// MARK: Token literals for expected values

func getAtt(_ target: String, _ attribute: String, of resource: String = "") -> TemplateValue {
    .token(Token(target: target, resource: resource, attribute: .getAtt(attribute)))
}

func ref(_ target: String, _ resource: String = "") -> TemplateValue {
    .token(Token(target: target, resource: resource, attribute: .ref))
}

/// The `Statement` list of a `GrantPolicy` holding `grants`, synthesized in one stack with `construct`.
func grantPolicyStatements(
    _ construct: any Construct, _ grants: [Grant], file: StaticString = #filePath, line: UInt = #line
) -> TemplateValue? {
    let template = synthesize(.testing, {
        construct
        GrantPolicy("Grants", grants)
    }, file: file, line: line)
    return template?.resources["Grants"]?.properties["PolicyDocument"]?["Statement"]
}

extension Template {
    /// The resource with a logical ID, failing the test when it is missing.
    func resource(_ logicalID: String, file: StaticString = #filePath, line: UInt = #line) -> Resource? {
        guard let r = resources[logicalID] else {
            XCTFail("no resource \(logicalID); have \(resources.keys.sorted())", file: file, line: line)
            return nil
        }
        return r
    }
}

// MARK: Test-only constructs

/// A role with one inline policy made of grants, as a function's role will hold them.
struct GrantPolicy: Construct {
    let id: String
    let grants: [Grant]

    init(_ id: String, _ grants: [Grant]) {
        self.id = id
        self.grants = grants
    }

    func synthesize(in scope: Scope) {
        scope.resource("Role", Resource(type: "AWS::IAM::Role", properties: [
            "AssumeRolePolicyDocument": TrustPolicy.service("lambda.amazonaws.com"),
        ]))
        scope.resource("", Resource(type: "AWS::IAM::Policy", properties: [
            "PolicyName": "grants",
            "PolicyDocument": PolicyStatement.document(PolicyStatement.applicable(grants.flatMap(\.statements), in: scope)),
            "Roles": [scope.ref("Role")],
        ]))
    }
}

/// A minimal Lambda function, standing in for the Lambda construct (written elsewhere).
struct TestFunction: Referenceable {
    let id: String

    init(_ id: String) { self.id = id }

    func synthesize(in scope: Scope) {
        scope.resource("Role", Resource(type: "AWS::IAM::Role", properties: [
            "AssumeRolePolicyDocument": TrustPolicy.service("lambda.amazonaws.com"),
        ]))
        scope.resource("", Resource(type: "AWS::Lambda::Function", properties: [
            "Runtime": "provided.al2023",
            "Handler": "bootstrap",
            "Architectures": ["arm64"],
            "Role": scope.getAtt("Role", "Arn"),
            "Code": ["S3Bucket": Asset.stagingBucket, "S3Key": "0123abcd.zip"],
        ]))
    }
}

/// Amends a bucket the way the Lambda S3 trigger does: adds `LambdaConfigurations` to whatever
/// `NotificationConfiguration` the bucket has.
struct TestS3Notification: Construct {
    let id: String
    let bucket: Bucket
    let function: TestFunction

    func synthesize(in scope: Scope) {
        let functionArn = function.attribute("Arn")
        scope.amend(target: bucket.id) { resource in
            var notification = resource.properties["NotificationConfiguration"].flatMap { value -> [String: TemplateValue]? in
                if case .map(let fields) = value { return fields.dictionary }
                return nil
            } ?? [:]
            notification["LambdaConfigurations"] = [["Event": "s3:ObjectCreated:*", "Function": functionArn]]
            resource.properties["NotificationConfiguration"] = .map(notification)
        }
    }
}

/// A bare Lambda function with a literal role (valid for cfn-lint): one resource, for tests that count them.
struct BareFunction: Referenceable {
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

/// A bare function that wires its own schedule through `ScheduleRule.add`, as the Function construct does.
struct ScheduledBareFunction: Referenceable {
    let id: String
    var schedule: Schedule
    var input: TemplateValue?

    func synthesize(in scope: Scope) {
        scope.resource("", BareFunction.resource)
        ScheduleRule.add(in: scope, schedule: schedule, functionArn: scope.getAtt("", "Arn"), input: input)
    }
}

// MARK: Helpers shared by the Lambda test files

/// The only function product the Lambda tests know: `fn`, with a fixed hash.
let lambdaTestAsset = Asset(product: "fn", hash: String(repeating: "a", count: 64), sources: ["functions/fn"])
let lambdaTestS3Key: TemplateValue = .string(String(repeating: "a", count: 64) + ".zip")

func lambdaSynthesizer(_ settings: StackSettings = .testing) -> Synthesizer {
    Synthesizer(settings: settings, assets: StaticAssets([lambdaTestAsset]))
}

/// `synthesize` from TestSupport, with the `fn` asset known.
func synthesizeLambda(
    _ settings: StackSettings = .testing, @StackBuilder _ body: () -> StackBody,
    file: StaticString = #filePath, line: UInt = #line
) -> Template? {
    synthesize(settings, assets: [lambdaTestAsset], body, file: file, line: line)
}

/// `failures` from TestSupport, with the `fn` asset known.
func lambdaFailures(
    _ settings: StackSettings = .testing, @StackBuilder _ body: () -> StackBody,
    file: StaticString = #filePath, line: UInt = #line
) -> [Diagnostic] {
    failures(settings, assets: [lambdaTestAsset], body, file: file, line: line)
}

/// The environment contract the tests' functions share with their (imaginary) code.
enum TestEnv: String, CaseIterable {
    case bucket = "BUCKET"
    case topic = "TOPIC_ARN"
}

/// A bucket ARN as a bucket's references resolve: a literal built from the physical name.
func literalBucketArn(_ name: String, _ suffix: String = "") -> TemplateValue {
    .join("", ["arn:", .partition, ":s3:::\(name)\(suffix)"])
}

/// A policy statement as `PolicyStatement.value` renders it.
func statement(_ actions: [String], _ resource: TemplateValue, condition: TemplateValue? = nil) -> TemplateValue {
    var fields: [String: TemplateValue] = [
        "Effect": "Allow",
        "Action": actions.count == 1 ? .string(actions[0]) : .list(actions.map(TemplateValue.string)),
        "Resource": resource,
    ]
    if let condition { fields["Condition"] = condition }
    return .map(fields)
}

/// The statement every function's policy starts with: writing to its own log group.
func logsStatement(_ function: String) -> TemplateValue {
    statement(["logs:CreateLogStream", "logs:PutLogEvents"], .getAtt(function + "LogGroup", "Arn"))
}

/// The `Statement` list of a function's policy.
func policyStatements(_ template: Template, _ function: String, file: StaticString = #filePath, line: UInt = #line) -> [TemplateValue] {
    guard let policy = template.resource(function + "Policy", file: file, line: line) else { return [] }
    guard case .map(let document)? = policy.properties["PolicyDocument"] else {
        XCTFail("no policy document in \(function)Policy", file: file, line: line)
        return []
    }
    XCTAssertEqual(document["Version"], "2012-10-17", file: file, line: line)
    guard case .list(let statements)? = document["Statement"] else {
        XCTFail("no statements in \(function)Policy", file: file, line: line)
        return []
    }
    return statements
}
