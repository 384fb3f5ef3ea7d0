import Foundation
import LambdaRuntime
import StackInvoke
import XCTest

/// The emulator against the runtime's own client (`HTTPRuntimeAPI`, what the functions use) and raw
/// requests for what the client never sends.
final class RuntimeAPIServerTests: XCTestCase {
    private func server(_ body: String = #"{"hello":"world"}"#, deadline: Date = Date().addingTimeInterval(30)) throws -> RuntimeAPIServer {
        let server = try RuntimeAPIServer(event: .init(requestID: "req-1", deadline: deadline,
                                                       functionARN: "arn:aws:lambda:us-east-1:123456789012:function:f",
                                                       body: Data(body.utf8)))
        addTeardownBlock { server.stop() }
        return server
    }

    func testNextHandsOutTheEventWithTheLambdaHeadersThenTheResponseSettlesIt() async throws {
        let deadline = Date(timeIntervalSince1970: 1_900_000_000.25)
        let server = try server(deadline: deadline)
        XCTAssertNotEqual(server.port, 0)
        let client = try HTTPRuntimeAPI(endpoint: server.endpoint)

        let invocation = try await client.nextInvocation()
        XCTAssertEqual(invocation.requestID, "req-1")
        XCTAssertEqual(invocation.deadline, deadline)
        XCTAssertEqual(invocation.invokedFunctionARN, "arn:aws:lambda:us-east-1:123456789012:function:f")
        XCTAssertTrue(invocation.traceID?.hasPrefix("Root=1-") == true, String(describing: invocation.traceID))
        XCTAssertEqual(String(decoding: invocation.body, as: UTF8.self), #"{"hello":"world"}"#)

        try await client.sendResponse(requestID: "req-1", body: Data(#"{"ok":true}"#.utf8))
        XCTAssertEqual(server.waitForOutcome(until: Date().addingTimeInterval(5)), .response(Data(#"{"ok":true}"#.utf8)))

        // A second outcome is refused: the invocation already has one.
        do {
            try await client.sendError(requestID: "req-1", error: FunctionError(errorType: "X", errorMessage: "late"))
            XCTFail("a second outcome was accepted")
        } catch RuntimeAPIError.unexpectedStatus(_, let status, _) {
            XCTAssertEqual(status, 403)
        }
    }

    func testErrorAndInitErrorCarryTheErrorDocument() async throws {
        let failing = try server()
        let client = try HTTPRuntimeAPI(endpoint: failing.endpoint)
        _ = try await client.nextInvocation()
        // An unknown request id is refused and settles nothing.
        do {
            try await client.sendResponse(requestID: "other", body: Data())
            XCTFail("an unknown request id was accepted")
        } catch RuntimeAPIError.unexpectedStatus(_, let status, let body) {
            XCTAssertEqual(status, 400)
            XCTAssertTrue(body.contains("InvalidRequestID"), body)
        }
        try await client.sendError(requestID: "req-1", error: FunctionError(errorType: "Handler.Failed", errorMessage: "boom"))
        guard case .error(let type, let message, let body)? = failing.waitForOutcome(until: Date().addingTimeInterval(5)) else {
            return XCTFail("no error outcome")
        }
        XCTAssertEqual(type, "Handler.Failed")
        XCTAssertEqual(message, "boom")
        XCTAssertEqual(String(decoding: body, as: UTF8.self), #"{"errorMessage":"boom","errorType":"Handler.Failed"}"#)

        let starting = try server()
        try await HTTPRuntimeAPI(endpoint: starting.endpoint)
            .sendInitError(FunctionError(errorType: "Runtime.ConfigInvalid", errorMessage: "environment variables not set: BUCKET"))
        XCTAssertEqual(starting.waitForOutcome(until: Date().addingTimeInterval(5)),
                       .initError(type: "Runtime.ConfigInvalid", message: "environment variables not set: BUCKET",
                                  body: Data(#"{"errorMessage":"environment variables not set: BUCKET","errorType":"Runtime.ConfigInvalid"}"#.utf8)))
    }

    /// After the event, `next` is held (Lambda freezes the environment there) until the server stops.
    func testASecondNextIsHeldUntilStop() async throws {
        let server = try server()
        let client = try HTTPRuntimeAPI(endpoint: server.endpoint)
        _ = try await client.nextInvocation()
        let held = Task { try await client.nextInvocation() }
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertNil(server.waitForOutcome(until: Date()), "nothing settled yet")
        server.stop()
        do {
            _ = try await held.value
            XCTFail("the held next returned an event")
        } catch {
            XCTAssertTrue(error is RuntimeAPIError, "\(error)")
        }
    }

    func testNoOutcomeBeforeTheDeadlineAndUnknownRoutes() throws {
        let server = try server()
        let start = Date()
        XCTAssertNil(server.waitForOutcome(until: start.addingTimeInterval(0.3)))
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.29)

        let (status, body) = try rawRequest(server.port, "GET /2018-06-01/runtime/nothing HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(status, 404)
        XCTAssertTrue(body.contains("NotFound"), body)
        let (chunked, _) = try rawRequest(server.port,
            "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        XCTAssertEqual(chunked, 400)
        server.settle(.exited(status: 3))
        XCTAssertEqual(server.waitForOutcome(until: Date()), .exited(status: 3))
    }

    /// One request over a plain socket; the status code and the body text.
    private func rawRequest(_ port: Int, _ text: String) throws -> (Int, String) {
        let handle = try SocketClient(port: port)
        defer { handle.close() }
        handle.send(text)
        let response = handle.receive()
        let status = Int(response.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = response.components(separatedBy: "\r\n\r\n").dropFirst().joined()
        return (status, body)
    }
}
