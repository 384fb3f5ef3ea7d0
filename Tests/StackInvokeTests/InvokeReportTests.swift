import Foundation
import LambdaEvents
import StackInvoke
import TestSupport
import XCTest

/// The REPORT line `stackctl invoke` prints like Lambda's, with shell-script functions whose timing is known:
/// the fields and their order, init measured from the process start, duration from the event to the answer.
final class InvokeReportTests: XCTestCase {
    private func invoke(_ script: String) throws -> CLIRun {
        let folder = try temporaryFolder(self)
        try writeScriptFunction(script, product: "tick-processor", into: folder)
        let event = folder.appendingPathComponent("event.json")
        try Data(EventSample.sqs.json.utf8).write(to: event)
        return runCLI(["invoke", "TickAlerts/Processor", "--event", event.path, "--env", "local", "--assets", folder.path],
                      environment: ["PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret"],
                      assets: pinnedAssets)
    }

    /// The REPORT line's fields, by name, with their numbers.
    private func report(_ stderr: String) throws -> (line: String, fields: [String: Double]) {
        let lines = stderr.split(separator: "\n").filter { $0.hasPrefix("REPORT ") }
        XCTAssertEqual(lines.count, 1, stderr)
        let line = String(try XCTUnwrap(lines.first, stderr))
        var fields: [String: Double] = [:]
        for field in line.split(separator: "\t").dropFirst() {
            let parts = field.split(separator: ":", maxSplits: 1)
            let number = parts.last?.split(separator: " ").first.flatMap { Double($0) }
            if parts.count == 2, let number { fields[String(parts[0])] = number }
        }
        return (line, fields)
    }

    func testTheReportLineHasLambdasFieldsAndInitRunsFromTheProcessStart() throws {
        // 0.5 s before the first `next` is init; 0.3 s between the event and the answer is the duration.
        let run = try invoke("#!/bin/sh\nsleep 0.5\n" + scriptPrelude + """
            sleep 0.3
            curl -sS -X POST --data '{"ok":true}' "$api/invocation/$id/response" >/dev/null
            sleep 30
            """)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, #"{"ok":true}"#, "stdout stays the function's answer")
        let (line, fields) = try report(run.stderr)

        // Lambda's shape: tab-separated, in Lambda's order, durations with two decimals.
        let shape = #"^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\t"#
            + #"Memory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms$"#
        XCTAssertNotNil(line.range(of: shape, options: .regularExpression), line)

        let initMS = try XCTUnwrap(fields["Init Duration"]), duration = try XCTUnwrap(fields["Duration"])
        XCTAssertGreaterThanOrEqual(initMS, 500, "init runs from the process start, so the sleep before `next` is in it: \(line)")
        XCTAssertLessThan(initMS, 5000, line)
        XCTAssertGreaterThanOrEqual(duration, 300, line)
        XCTAssertLessThan(duration, initMS, "the sleep before `next` is not in the duration: \(line)")
        // A custom runtime is billed for init too, rounded up to the millisecond.
        XCTAssertEqual(fields["Billed Duration"], (initMS + duration).rounded(.up), line)
        // The script's own peak, not the test runner's (a parent's peak is what wait4's ru_maxrss would give).
        let memory = try XCTUnwrap(fields["Max Memory Used"])
        XCTAssertGreaterThan(memory, 0, line)
        XCTAssertLessThan(memory, 50, line)
    }

    func testAFunctionThatDiesAfterTheEventReportsAnErrorStatusAndOneThatNeverAskedHasNoReport() throws {
        let crash = try invoke(scriptPrelude + "exit 3\n")
        XCTAssertEqual(crash.status, 4, crash.stderr)
        let (line, _) = try report(crash.stderr)
        XCTAssertTrue(line.hasSuffix("\tStatus: error\tError Type: Runtime.ExitError"), line)
        XCTAssertFalse(line.contains("Max Memory Used"), "a process that is gone has no peak to read: \(line)")

        let never = try invoke("#!/bin/sh\nexit 3\n")
        XCTAssertEqual(never.status, 4, never.stderr)
        XCTAssertFalse(never.stderr.contains("REPORT"), never.stderr)
    }
}
