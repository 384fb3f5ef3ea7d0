import StackAWS
import StackAssets
import StackCore
import StackTemplate
import XCTest

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
