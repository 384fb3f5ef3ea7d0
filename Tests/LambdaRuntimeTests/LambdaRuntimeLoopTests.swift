import Foundation
import LambdaRuntime
import XCTest

struct Greeting: Decodable, Sendable { let name: String }
struct Reply: Encodable, Sendable { let text: String; let remaining: Double; let arn: String }

struct GreetingHandler: LambdaHandler {
    struct Refused: Error, CustomStringConvertible { var description: String { "nobody to greet" } }
    struct Throttled: LambdaReportableError { var errorType: String { "Greeting.Throttled" } }

    func handle(_ event: Greeting, context: LambdaContext) async throws -> Reply {
        if event.name.isEmpty { throw Refused() }
        if event.name == "flood" { throw Throttled() }
        context.logger.info("greeting", ["name": .string(event.name)])
        return Reply(text: "hello \(event.name)", remaining: context.remainingTime, arn: context.invokedFunctionARN)
    }
}

final class LambdaRuntimeLoopTests: XCTestCase {
    func runtime(_ api: ScriptedRuntimeAPI, _ logs: LogCapture = LogCapture()) -> LambdaRuntime {
        LambdaRuntime(api: api, logger: LambdaLogger(sink: logs.sink, clock: { fixedNow }), clock: { fixedNow })
    }

    func testRespondsWithEncodedOutputAndContext() async throws {
        let api = ScriptedRuntimeAPI([invocation("r1", #"{"name":"ada"}"#, deadlineIn: 2.5)])
        let logs = LogCapture()
        let outcome = await runtime(api, logs).run(maxInvocations: 1) { GreetingHandler() }
        XCTAssertEqual(outcome, .finished(invocations: 1))
        let calls = await api.calls
        guard case .response("r1", let body) = calls.first else { return XCTFail("\(calls)") }
        let reply = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        XCTAssertEqual(reply["text"] as? String, "hello ada")
        XCTAssertEqual(reply["remaining"] as? Double, 2.5)
        XCTAssertEqual(reply["arn"] as? String, "arn:aws:lambda:us-east-1:123456789012:function:echo")
        let line = try XCTUnwrap(logs.objects().first)
        XCTAssertEqual(line["requestId"] as? String, "r1")
        XCTAssertEqual(line["name"] as? String, "ada")
    }

    func testFailingInvocationIsReportedAndTheLoopGoesOn() async throws {
        let api = ScriptedRuntimeAPI([
            invocation("r1", #"{"name":""}"#),
            invocation("r2", #"{"name":"flood"}"#),
            invocation("r3", #"{"name":"bob"}"#),
        ])
        let logs = LogCapture()
        let outcome = await runtime(api, logs).run(maxInvocations: 3) { GreetingHandler() }
        XCTAssertEqual(outcome, .finished(invocations: 3))
        let calls = await api.calls
        XCTAssertEqual(calls.count, 3)
        XCTAssertEqual(calls[0], .error("r1", FunctionError(errorType: "Refused", errorMessage: "nobody to greet")))
        guard case .error("r2", let throttled) = calls[1] else { return XCTFail("\(calls[1])") }
        XCTAssertEqual(throttled.errorType, "Greeting.Throttled")
        guard case .response("r3", _) = calls[2] else { return XCTFail("\(calls[2])") }
        let errors = try logs.objects().filter { $0["level"] as? String == "ERROR" }
        XCTAssertEqual(errors.compactMap { $0["requestId"] as? String }, ["r1", "r2"])
    }

    func testUndecodableEventIsAnUnmarshalErrorNamingThePath() async {
        let api = ScriptedRuntimeAPI([invocation("r1", #"{"nom":"ada"}"#), invocation("r2", "not json"),
                                      invocation("r3", #"{"name":"ok"}"#)])
        _ = await runtime(api).run(maxInvocations: 3) { GreetingHandler() }
        let calls = await api.calls
        guard case .error("r1", let missingKey) = calls[0] else { return XCTFail("\(calls)") }
        XCTAssertEqual(missingKey.errorType, "Runtime.UnmarshalError")
        XCTAssertTrue(missingKey.errorMessage.contains(".name"), missingKey.errorMessage)
        guard case .error("r2", let notJSON) = calls[1] else { return XCTFail("\(calls)") }
        XCTAssertEqual(notJSON.errorType, "Runtime.UnmarshalError")
        guard case .response("r3", _) = calls[2] else { return XCTFail("\(calls)") }
    }

    func testInitFailureIsReportedAndNoInvocationIsFetched() async throws {
        struct MissingConfig: LambdaReportableError, CustomStringConvertible {
            var errorType: String { "Runtime.ConfigInvalid" }
            var description: String { "BUCKET is not set" }
        }
        let api = ScriptedRuntimeAPI([invocation("r1", #"{"name":"ada"}"#)])
        let logs = LogCapture()
        let outcome = await runtime(api, logs).run(maxInvocations: 1) { () throws -> GreetingHandler in throw MissingConfig() }
        let expected = FunctionError(errorType: "Runtime.ConfigInvalid", errorMessage: "BUCKET is not set")
        XCTAssertEqual(outcome, .initFailed(expected))
        XCTAssertEqual(outcome.exitCode, 1)
        let calls = await api.calls
        XCTAssertEqual(calls, [.initError(expected)])
        let nextCount = await api.nextCount
        XCTAssertEqual(nextCount, 0)
        XCTAssertEqual(try logs.objects().first?["level"] as? String, "FATAL")
    }

    func testRuntimeAPIFailureEndsTheLoopWithNonZeroExit() async {
        let api = ScriptedRuntimeAPI([invocation("r1", #"{"name":"ada"}"#)])
        let outcome = await runtime(api).run { GreetingHandler() }  // unbounded: ends when `next` fails
        guard case .runtimeAPIFailed(let message) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(message.contains("connection refused"))
        XCTAssertEqual(outcome.exitCode, 1)
        let calls = await api.calls
        XCTAssertEqual(calls.count, 1)
    }

    func testBoundedRunLeavesLaterInvocationsAlone() async {
        let api = ScriptedRuntimeAPI((1...3).map { invocation("r\($0)", #"{"name":"n"}"#) })
        let outcome = await runtime(api).run(maxInvocations: 2) { GreetingHandler() }
        XCTAssertEqual(outcome, .finished(invocations: 2))
        let nextCount = await api.nextCount
        XCTAssertEqual(nextCount, 2)
    }

    func testRejectedResponseBecomesAnInvocationError() async {
        let api = ScriptedRuntimeAPI([invocation("r1", #"{"name":"ada"}"#)], rejectResponsesWith: 413)
        let outcome = await runtime(api).run(maxInvocations: 1) { GreetingHandler() }
        XCTAssertEqual(outcome, .finished(invocations: 1))
        let calls = await api.calls
        guard case .error("r1", let error) = calls.first else { return XCTFail("\(calls)") }
        XCTAssertEqual(error.errorType, "Runtime.ResponseRejected")
    }

    func testTraceHeaderIsPropagatedToTheEnvironment() async {
        let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        let api = ScriptedRuntimeAPI([invocation("r1", #"{"name":"ada"}"#, trace: trace)])
        _ = await runtime(api).run(maxInvocations: 1) { GreetingHandler() }
        XCTAssertEqual(ProcessInfo.processInfo.environment["_X_AMZN_TRACE_ID"], trace)
    }
}
