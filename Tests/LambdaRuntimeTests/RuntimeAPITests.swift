import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LambdaRuntime
import XCTest

final class InvocationHeaderTests: XCTestCase {
    func testReadsHeadersCaseInsensitively() throws {
        let headers = [
            "lambda-runtime-aws-request-id": "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
            "Lambda-Runtime-Deadline-Ms": "1542409706888",
            "LAMBDA-RUNTIME-INVOKED-FUNCTION-ARN": "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime",
            "Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
        ]
        let invocation = try Invocation(headers: headers, body: Data("{}".utf8))
        XCTAssertEqual(invocation.requestID, "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
        XCTAssertEqual(invocation.deadline.timeIntervalSince1970, 1542409706.888, accuracy: 0.0005)
        XCTAssertEqual(invocation.invokedFunctionARN, "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime")
        XCTAssertEqual(invocation.traceID, "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
    }

    func testMissingOrBadHeadersAreErrors() {
        let complete = ["Lambda-Runtime-Aws-Request-Id": "r", "Lambda-Runtime-Deadline-Ms": "1",
                        "Lambda-Runtime-Invoked-Function-Arn": "arn"]
        XCTAssertNoThrow(try Invocation(headers: complete, body: Data()))
        for name in complete.keys {
            var headers = complete
            headers[name] = nil
            XCTAssertThrowsError(try Invocation(headers: headers, body: Data())) {
                XCTAssertEqual($0 as? RuntimeAPIError, .missingHeader(name))
            }
        }
        var bad = complete
        bad["Lambda-Runtime-Deadline-Ms"] = "soon"
        XCTAssertThrowsError(try Invocation(headers: bad, body: Data()))
    }
}

final class URLSessionRuntimeAPITests: XCTestCase {
    let base = URL(string: "http://127.0.0.1:9001/2018-06-01/runtime/")!

    func testEndpointComesFromTheEnvironment() throws {
        let api = try URLSessionRuntimeAPI(environment: ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001"])
        XCTAssertEqual(api.baseURL, base)
        XCTAssertThrowsError(try URLSessionRuntimeAPI(environment: [:])) {
            XCTAssertEqual($0 as? RuntimeAPIError, .missingEndpoint)
        }
        XCTAssertThrowsError(try LambdaRuntime.fromEnvironment([:]))
    }

    func testNextIsAGet() {
        let request = URLSessionRuntimeAPI.nextRequest(baseURL: base)
        XCTAssertEqual(request.httpMethod, "GET")
        XCTAssertEqual(request.url?.absoluteString, "http://127.0.0.1:9001/2018-06-01/runtime/invocation/next")
    }

    func testResponsePostsTheBody() {
        let request = URLSessionRuntimeAPI.responseRequest(baseURL: base, requestID: "abc-123", body: Data("{}".utf8))
        XCTAssertEqual(request.httpMethod, "POST")
        XCTAssertEqual(request.url?.absoluteString, "http://127.0.0.1:9001/2018-06-01/runtime/invocation/abc-123/response")
        XCTAssertEqual(request.httpBody, Data("{}".utf8))
    }

    func testErrorsCarryTheTypeHeaderAndJSONBody() throws {
        let error = FunctionError(errorType: "Runtime.UnmarshalError", errorMessage: "bad event")
        let invocationError = URLSessionRuntimeAPI.errorRequest(baseURL: base, requestID: "abc-123", error: error)
        XCTAssertEqual(invocationError.url?.absoluteString, "http://127.0.0.1:9001/2018-06-01/runtime/invocation/abc-123/error")
        XCTAssertEqual(invocationError.value(forHTTPHeaderField: "Lambda-Runtime-Function-Error-Type"), "Runtime.UnmarshalError")
        XCTAssertEqual(String(decoding: try XCTUnwrap(invocationError.httpBody), as: UTF8.self),
                       #"{"errorMessage":"bad event","errorType":"Runtime.UnmarshalError"}"#)

        let initError = URLSessionRuntimeAPI.initErrorRequest(baseURL: base, error: error)
        XCTAssertEqual(initError.httpMethod, "POST")
        XCTAssertEqual(initError.url?.absoluteString, "http://127.0.0.1:9001/2018-06-01/runtime/init/error")
        XCTAssertEqual(initError.value(forHTTPHeaderField: "Lambda-Runtime-Function-Error-Type"), "Runtime.UnmarshalError")
    }
}

final class LambdaLoggerTests: XCTestCase {
    func testOneJSONObjectPerLineWithReservedFields() throws {
        let logs = LogCapture()
        let logger = LambdaLogger(requestID: "r1", sink: logs.sink, clock: { Date(timeIntervalSince1970: 1_700_000_000.25) })
        logger.info("stored", ["key": "raw-data/AAPL/x.json", "count": 3, "ratio": 0.5, "ok": true,
                               "level": "ignored", "requestId": "ignored"])
        XCTAssertEqual(logs.lines, [
            #"{"count":3,"key":"raw-data/AAPL/x.json","level":"INFO","message":"stored","ok":true,"ratio":0.5,"requestId":"r1","timestamp":"2023-11-14T22:13:20.250Z"}"#,
        ])
    }

    func testLevelFilterAndEnvironment() {
        let logs = LogCapture()
        let logger = LambdaLogger(minimumLevel: LambdaLogger.level(from: ["AWS_LAMBDA_LOG_LEVEL": "warn"]), sink: logs.sink)
        logger.debug("no")
        logger.info("no")
        logger.warn("yes")
        logger.error("yes")
        XCTAssertEqual(logs.lines.count, 2)
        XCTAssertFalse(logs.lines[0].contains("requestId"), "outside an invocation there is no request id")
        XCTAssertEqual(LambdaLogger.level(from: [:]), .info)
        XCTAssertEqual(LambdaLogger.level(from: ["AWS_LAMBDA_LOG_LEVEL": "LOUD"]), .info)
    }
}
