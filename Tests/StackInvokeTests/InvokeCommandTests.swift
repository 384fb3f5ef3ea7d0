import Foundation
import LambdaEvents
import StackInvoke
import TestSupport
import XCTest

/// `stackctl invoke` in process, with shell-script functions (sh + curl speaking the Runtime API) packaged
/// where the command looks for the built zip: the command line, the environment the function gets, each way
/// an invocation can end, and every bad input.
final class InvokeCommandTests: XCTestCase {
    /// The caller's environment: credentials, a variable that must not reach the function, no endpoint override.
    let caller = ["PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "AKIDCALLER", "AWS_SECRET_ACCESS_KEY": "caller-secret",
                  "AWS_SESSION_TOKEN": "caller-token", "CALLER_ONLY": "must-not-leak"]

    private func event(_ json: String = EventSample.sqs.json) throws -> URL {
        let url = try temporaryFolder(self).appendingPathComponent("event.json")
        try Data(json.utf8).write(to: url)
        return url
    }

    private func invoke(_ script: String, _ extra: [String] = [], environment: [String: String]? = nil) throws -> CLIRun {
        let assets = try temporaryFolder(self)
        try writeScriptFunction(script, product: "tick-processor", into: assets)
        return runCLI(["invoke", "TickAlerts/Processor", "--event", try event().path, "--env", "local", "--assets", assets.path] + extra,
                      environment: environment ?? caller, assets: pinnedAssets)
    }

    func testTheFunctionGetsTheEventAndTheStacksEnvironmentAndItsResponseIsPrinted() throws {
        let run = try invoke(scriptPrelude + """
            echo "got event: $event" >&2
            env | sort > "$LAMBDA_TASK_ROOT/env.txt"
            curl -sS -X POST --data-binary @"$LAMBDA_TASK_ROOT/env.txt" "$api/invocation/$id/response" >/dev/null
            sleep 30
            """)
        XCTAssertEqual(run.status, 0, run.stderr)
        var environment: [String: String] = [:]
        for line in run.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { environment[parts[0]] = parts[1] }
        }
        // The stack's variables, resolved for local.
        XCTAssertEqual(environment["BUCKET"], "mkt-local-tick-alerts-processed-data-123456789012")
        XCTAssertEqual(environment["SNS_TOPIC_ARN"], "arn:aws:sns:us-east-1:123456789012:mkt-local-tick-alerts-stock-alerts")
        XCTAssertEqual(environment["ALERT_THRESHOLD"], "1200.0")
        XCTAssertEqual(environment["PROCESSED_PREFIX"], "processed/")
        // Lambda's own, and the emulator endpoint of the local environment file.
        XCTAssertEqual(environment["AWS_REGION"], "us-east-1")
        XCTAssertEqual(environment["AWS_LAMBDA_FUNCTION_NAME"], "mkt-local-TickAlerts-Processor")
        XCTAssertEqual(environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "256")
        XCTAssertTrue(environment["AWS_LAMBDA_RUNTIME_API"]?.hasPrefix("127.0.0.1:") == true)
        XCTAssertEqual(environment["AWS_ENDPOINT_URL"], "http://127.0.0.1:5000")
        // The caller's credentials, and nothing else of the caller's environment.
        XCTAssertEqual(environment["AWS_ACCESS_KEY_ID"], "AKIDCALLER")
        XCTAssertEqual(environment["AWS_SECRET_ACCESS_KEY"], "caller-secret")
        XCTAssertEqual(environment["AWS_SESSION_TOKEN"], "caller-token")
        XCTAssertNil(environment["CALLER_ONLY"])
        // Logs and the summary on stderr; no secret printed there.
        XCTAssertTrue(run.stderr.contains("invoking TickAlerts/Processor (tick-processor, local, timeout 30 s)"), run.stderr)
        XCTAssertTrue(run.stderr.contains(#"got event: {"#), run.stderr)
        XCTAssertTrue(run.stderr.contains("TickAlerts/Processor: succeeded in "), run.stderr)
        XCTAssertFalse(run.stderr.contains("caller-secret"), run.stderr)
    }

    func testEndpointFromTheCallerWinsAndSetOverridesAVariable() throws {
        var environment = caller
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566"
        let run = try invoke(scriptPrelude + """
            printf '%s|%s|%s' "$AWS_ENDPOINT_URL" "$ALERT_THRESHOLD" "$EXTRA" > "$LAMBDA_TASK_ROOT/out"
            curl -sS -X POST --data-binary @"$LAMBDA_TASK_ROOT/out" "$api/invocation/$id/response" >/dev/null
            """, ["--set", "ALERT_THRESHOLD=5", "--set", "EXTRA=a=b"], environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "http://127.0.0.1:4566|5|a=b")
    }

    func testAFunctionErrorIsPrintedAndExitsFour() throws {
        let run = try invoke(scriptPrelude + """
            curl -sS -X POST -H 'Lambda-Runtime-Function-Error-Type: Handler.Boom' \
              --data '{"errorType":"Handler.Boom","errorMessage":"the tick was bad"}' "$api/invocation/$id/error" >/dev/null
            sleep 30
            """)
        XCTAssertEqual(run.status, 4, run.stderr)
        XCTAssertEqual(run.stdout, #"{"errorType":"Handler.Boom","errorMessage":"the tick was bad"}"#)
        XCTAssertTrue(run.stderr.contains("error: TickAlerts/Processor failed in "), run.stderr)
        XCTAssertTrue(run.stderr.contains("Handler.Boom: the tick was bad"), run.stderr)
    }

    func testAnInitErrorAndAnExitWithoutAnswerExitFour() throws {
        let initError = try invoke("""
            #!/bin/sh
            curl -sS -X POST --data '{"errorType":"Runtime.ConfigInvalid","errorMessage":"environment variables not set: BUCKET"}' \
              "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/init/error" >/dev/null
            exit 1
            """)
        XCTAssertEqual(initError.status, 4, initError.stderr)
        XCTAssertTrue(initError.stderr.contains("failed to start (init error): Runtime.ConfigInvalid: environment variables not set: BUCKET"),
                      initError.stderr)

        let crash = try invoke("#!/bin/sh\necho 'about to crash' >&2\nexit 3\n")
        XCTAssertEqual(crash.status, 4, crash.stderr)
        XCTAssertEqual(crash.stdout, "")
        XCTAssertTrue(crash.stderr.contains("about to crash"), crash.stderr)
        XCTAssertTrue(crash.stderr.contains("exited with status 3 before answering"), crash.stderr)
    }

    func testTimeoutStopsTheFunction() throws {
        let folder = try temporaryFolder(self)
        let script = folder.appendingPathComponent("bootstrap")
        try Data("#!/bin/sh\nsleep 30\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let start = Date()
        let result = try LocalInvoker(executable: script, environment: ["PATH": "/usr/bin:/bin"], timeoutSeconds: 1, log: { _ in })
            .invoke(event: Data("{}".utf8), functionARN: "arn:aws:lambda:us-east-1:123456789012:function:f")
        XCTAssertEqual(result.outcome, .timedOut(seconds: 1))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "the process was killed at the deadline")
    }

    // MARK: samples

    func testSamplesAreValidEventsOfEachKind() throws {
        for sample in EventSample.allCases {
            let run = runCLI(["invoke", "--sample", sample.rawValue])
            XCTAssertEqual(run.status, 0, run.stderr)
            let data = Data(run.stdout.utf8)
            switch sample {
            case .kinesis:
                let event = try JSONDecoder().decode(KinesisEvent.self, from: data)
                XCTAssertTrue(String(decoding: try XCTUnwrap(event.records.first).kinesis.data, as: UTF8.self).contains(#""symbol":"AAPL""#))
            case .dynamodb: XCTAssertEqual(try JSONDecoder().decode(DynamoDBStreamEvent.self, from: data).records.count, 1)
            case .sqs: XCTAssertTrue(try JSONDecoder().decode(SQSEvent.self, from: data).records.first?.body.contains("AAPL") == true)
            case .s3: XCTAssertEqual(try JSONDecoder().decode(S3Event.self, from: data).records.count, 1)
            case .schedule:
                XCTAssertEqual(try JSONDecoder().decode(EventBridgeEvent<ScheduledEventDetail>.self, from: data).detailType, "Scheduled Event")
            }
        }
        let unknown = runCLI(["invoke", "--sample", "kafka"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no sample 'kafka'") && unknown.stderr.contains("kinesis, dynamodb, sqs, s3, schedule"),
                      unknown.stderr)
    }

    // MARK: bad input

    func testBadInputIsAClearErrorWithAHint() throws {
        let good = try event()
        let missing = runCLI(["invoke", "TickAlerts/Processor", "--event", "/nonexistent/event.json", "--env", "local"])
        XCTAssertEqual(missing.status, 3, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("cannot read the event /nonexistent/event.json: no such file"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("hint: stackctl invoke --sample"), missing.stderr)

        let invalid = runCLI(["invoke", "TickAlerts/Processor", "--event", try event("{\n  \"Records\": [\n    x\n  ]\n}").path])
        XCTAssertEqual(invalid.status, 2, invalid.stderr)
        XCTAssertTrue(invalid.stderr.contains("is not valid JSON: line 3, column 5"), invalid.stderr)

        let unknown = runCLI(["invoke", "TickAlerts/Nothing", "--event", good.path, "--env", "local"])
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("no function 'TickAlerts/Nothing' in the local environment"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("MarketStream/Analysis, MarketStream/Processing, TickAlerts/Processor"), unknown.stderr)

        let empty = try temporaryFolder(self)
        let notBuilt = runCLI(["invoke", "tick-processor", "--event", good.path, "--env", "local", "--assets", empty.path],
                              assets: pinnedAssets)
        XCTAssertEqual(notBuilt.status, 1, notBuilt.stderr)
        XCTAssertTrue(notBuilt.stderr.contains("TickAlerts/Processor (tick-processor) is not built for its current sources"), notBuilt.stderr)
        XCTAssertTrue(notBuilt.stderr.contains("hint: run `stackctl build TickAlerts/Processor --out \(empty.path)` first"), notBuilt.stderr)

        let noEvent = runCLI(["invoke", "TickAlerts/Processor"])
        XCTAssertEqual(noEvent.status, 2)
        XCTAssertTrue(noEvent.stderr.contains("--event FILE is required"), noEvent.stderr)
        let noFunction = runCLI(["invoke", "--event", good.path])
        XCTAssertEqual(noFunction.status, 2)
        let badSet = runCLI(["invoke", "TickAlerts/Processor", "--event", good.path, "--set", "NOEQUALS"])
        XCTAssertEqual(badSet.status, 2)
        XCTAssertTrue(badSet.stderr.contains("expected NAME=VALUE"), badSet.stderr)

        // dev has no endpoint: without credentials anywhere, that is said before anything runs.
        let assets = try temporaryFolder(self)
        try writeScriptFunction("#!/bin/sh\nexit 0\n", product: "tick-processor", into: assets)
        let noCredentials = runCLI(["invoke", "TickAlerts/Processor", "--event", good.path, "--env", "dev", "--assets", assets.path],
                                   environment: ["PATH": "/usr/bin:/bin"], assets: pinnedAssets)
        XCTAssertEqual(noCredentials.status, 6, noCredentials.stderr)
        XCTAssertTrue(noCredentials.stderr.contains("no AWS credentials for the dev environment"), noCredentials.stderr)
    }

    /// `--event -` reads stdin: the built stackctl as a user runs it, with a typo on stdin.
    func testEventFromStdinIsCheckedToo() throws {
        let process = Process()
        process.executableURL = try builtExecutable("stackctl")
        process.arguments = ["invoke", "TickAlerts/Processor", "--env", "local", "--event", "-"]
        process.currentDirectoryURL = repositoryRoot
        let input = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data("{\"Records\": [}".utf8))
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2, stderr)
        XCTAssertTrue(stderr.contains("the event on stdin is not valid JSON: line 1, column 14: Invalid value"), stderr)
    }

    func testHelpDocumentsTheExitCodes() {
        let run = runCLI(["invoke", "--help"])
        XCTAssertEqual(run.status, 0)
        for text in ["--event", "--sample", "--assets", "--set", "--env", "4 the function reported an error"] {
            XCTAssertTrue(run.stdout.contains(text), "\(text): \(run.stdout)")
        }
    }
}
