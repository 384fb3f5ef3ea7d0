import Foundation
import LambdaRuntime
import XCTest

/// The real HTTP client against a loopback server scripted like the Runtime API.
final class HTTPLoopbackTests: XCTestCase {
    func testOneInvocationOverHTTP() async throws {
        let event = Data(#"{"name":"ada"}"#.utf8)
        let server = try LoopbackServer(script: [
            .init(status: 200, headers: [
                "Lambda-Runtime-Aws-Request-Id": "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
                "Lambda-Runtime-Deadline-Ms": "1542409706888",
                "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime",
            ], body: event),
            .init(status: 202),
            .init(status: 202),
            .init(status: 500, body: Data("container error".utf8)),
        ])
        defer { server.stop() }
        let api = try HTTPRuntimeAPI(endpoint: "127.0.0.1:\(server.port)")

        let invocation = try await api.nextInvocation()
        XCTAssertEqual(invocation.requestID, "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
        XCTAssertEqual(invocation.body, event)
        XCTAssertNil(invocation.traceID)
        try await api.sendResponse(requestID: invocation.requestID, body: Data(#"{"ok":true}"#.utf8))
        try await api.sendError(requestID: invocation.requestID,
                                error: FunctionError(errorType: "Refused", errorMessage: "no"))
        do {
            try await api.sendInitError(FunctionError(errorType: "Runtime.ConfigInvalid", errorMessage: "x"))
            XCTFail("a 500 must throw")
        } catch let error as RuntimeAPIError {
            XCTAssertEqual(error, .unexpectedStatus(path: "/2018-06-01/runtime/init/error", status: 500, body: "container error"))
        }

        let requests = server.requests
        XCTAssertEqual(requests.map { "\($0.method) \($0.path)" }, [
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response",
            "POST /2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/error",
            "POST /2018-06-01/runtime/init/error",
        ])
        XCTAssertEqual(requests[1].body, Data(#"{"ok":true}"#.utf8))
        XCTAssertEqual(requests[2].headers["lambda-runtime-function-error-type"], "Refused")
        XCTAssertEqual(String(decoding: requests[2].body, as: UTF8.self), #"{"errorMessage":"no","errorType":"Refused"}"#)
    }

    func testRuntimeLoopOverHTTPUntilTheAPIFails() async throws {
        let server = try LoopbackServer(script: [
            .init(status: 200, headers: [
                "Lambda-Runtime-Aws-Request-Id": "r1", "Lambda-Runtime-Deadline-Ms": "4102444800000",
                "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:echo",
                "Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1",
            ], body: Data(#"{"name":"ada"}"#.utf8)),
            .init(status: 202),
            .init(status: 500, body: Data("shutting down".utf8)),
        ])
        defer { server.stop() }
        let logs = LogCapture()
        let runtime = try LambdaRuntime(api: HTTPRuntimeAPI(environment: ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(server.port)"]),
                                        logger: LambdaLogger(sink: logs.sink))
        let outcome = await runtime.run { GreetingHandler() }
        guard case .runtimeAPIFailed = outcome else { return XCTFail("\(outcome)") }
        let response = try XCTUnwrap(server.requests.dropFirst().first)
        XCTAssertEqual(response.path, "/2018-06-01/runtime/invocation/r1/response")
        let reply = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        XCTAssertEqual(reply?["text"] as? String, "hello ada")
    }

    func testUnreachableEndpointIsATransportError() async throws {
        // Bind a port, then close it, so nothing listens there.
        let server = try LoopbackServer(script: [])
        server.stop()
        let api = try HTTPRuntimeAPI(endpoint: "127.0.0.1:\(server.port)")
        do {
            _ = try await api.nextInvocation()
            XCTFail("nothing listens")
        } catch let error as RuntimeAPIError {
            guard case .transport = error else { return XCTFail("\(error)") }
        }
    }
}
