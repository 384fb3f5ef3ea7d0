import StackAWS
import StackCore
import StackTemplate
import XCTest

final class StackOutputTests: XCTestCase {
    let report = BareFunction("Report")

    func testOutputWithoutExport() throws {
        let template = try template {
            report
            StackOutput("ReportName", value: report.ref())
        }
        XCTAssertEqual(template.outputs["ReportName"], Output(value: .ref("Report")))
    }

    func testExportedOutputIsNamedAfterTheStack() throws {
        let template = try template(name: "MarketStream") {
            report
            StackOutput("ReportArn", value: report.attribute("Arn"), description: "report function", export: true)
        }
        XCTAssertEqual(template.outputs["ReportArn"], Output(value: .getAtt("Report", "Arn"), description: "report function",
                                                             exportName: "test-MarketStream:ReportArn"))
        XCTAssertEqual(StackOutput.exportName(stack: "mkt-dev-MarketStream", id: "ReportArn"), "mkt-dev-MarketStream:ReportArn")
    }

    func testLiteralAndInterpolatedValues() throws {
        let template = try template {
            report
            StackOutput("Console", value: "https://console.aws.amazon.com/lambda/home#/functions/\(report.ref())")
            StackOutput("Environment", value: "test")
        }
        XCTAssertEqual(template.outputs["Console"]?.value,
                       .join("", ["https://console.aws.amazon.com/lambda/home#/functions/", .ref("Report")]))
        XCTAssertEqual(template.outputs["Environment"]?.value, "test")
        XCTAssertTrue(template.resources.keys.allSatisfy { $0 == "Report" }, "outputs add no resources")
    }

    func testOutputReferringToAnotherStack() throws {
        let result = try synthesizer().synthesize([
            AdHocStack("Functions") { report },
            AdHocStack("Front") { StackOutput("ReportArn", value: report.attribute("Arn")) },
        ])
        XCTAssertEqual(result.stacks.map(\.name), ["Functions", "Front"])
        XCTAssertEqual(result.stacks[1].template.outputs["ReportArn"]?.value, .importValue("test-Functions:Report:Arn"))
    }

    // MARK: Diagnostics

    func testDescriptionTooLong() {
        let errors = synthesisErrors { StackOutput("Name", value: "x", description: String(repeating: "d", count: 1025)) }
        XCTAssertEqual(errors, [Diagnostic(.error, path: "Test/Name", property: "description", code: "invalid-output",
                                           message: "the description is 1025 bytes; CloudFormation allows 1024", hint: "shorten it")])
    }

    func testNullValue() {
        let errors = synthesisErrors { StackOutput("Name", value: .null) }
        XCTAssertEqual(errors.map(\.code), ["invalid-output"])
        XCTAssertEqual(errors.first?.message, "the output has no value")
    }

    func testInvalidOutputName() {
        let errors = synthesisErrors { StackOutput("queue-url", value: "x") }
        XCTAssertEqual(errors.map(\.code), ["invalid-output-name"])
        XCTAssertEqual(errors.first?.path, "Test/queue-url")
    }

    func testDuplicateOutput() {
        let errors = synthesisErrors {
            StackOutput("Name", value: "a")
            StackOutput("Name", value: "b")
        }
        // The second construct is reported once and not synthesized, so no second, duplicate-output error.
        XCTAssertEqual(errors.map(\.code), ["duplicate-id"])
    }
}
