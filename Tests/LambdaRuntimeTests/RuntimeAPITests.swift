import Foundation
@testable import LambdaRuntime
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

final class HTTPRuntimeAPITests: XCTestCase {
    func testEndpointComesFromTheEnvironment() throws {
        let api = try HTTPRuntimeAPI(environment: ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001"])
        XCTAssertEqual(api.endpoint, "127.0.0.1:9001")
        XCTAssertEqual(try HTTPRuntimeAPI(endpoint: "[::1]:9001").endpoint, "::1:9001")
        for bad in [[:], ["AWS_LAMBDA_RUNTIME_API": ""], ["AWS_LAMBDA_RUNTIME_API": "localhost"],
                    ["AWS_LAMBDA_RUNTIME_API": ":9001"], ["AWS_LAMBDA_RUNTIME_API": "host:99999"]] {
            XCTAssertThrowsError(try HTTPRuntimeAPI(environment: bad), "\(bad)") {
                XCTAssertEqual($0 as? RuntimeAPIError, .missingEndpoint)
            }
        }
        XCTAssertThrowsError(try LambdaRuntime.fromEnvironment([:]))
    }

    func testNextIsAGet() {
        let request = HTTPRuntimeAPI.nextRequest()
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.path, "/2018-06-01/runtime/invocation/next")
        XCTAssertTrue(request.body.isEmpty)
    }

    func testResponsePostsTheBody() {
        let request = HTTPRuntimeAPI.responseRequest(requestID: "abc-123", body: Data("{}".utf8))
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/2018-06-01/runtime/invocation/abc-123/response")
        XCTAssertEqual(request.body, Data("{}".utf8))
        XCTAssertEqual(request.header("content-type"), "application/json")
    }

    func testErrorsCarryTheTypeHeaderAndJSONBody() throws {
        let error = FunctionError(errorType: "Runtime.UnmarshalError", errorMessage: "bad event")
        let invocationError = HTTPRuntimeAPI.errorRequest(requestID: "abc-123", error: error)
        XCTAssertEqual(invocationError.path, "/2018-06-01/runtime/invocation/abc-123/error")
        XCTAssertEqual(invocationError.header("Lambda-Runtime-Function-Error-Type"), "Runtime.UnmarshalError")
        XCTAssertEqual(String(decoding: invocationError.body, as: UTF8.self),
                       #"{"errorMessage":"bad event","errorType":"Runtime.UnmarshalError"}"#)

        let initError = HTTPRuntimeAPI.initErrorRequest(error: error)
        XCTAssertEqual(initError.method, "POST")
        XCTAssertEqual(initError.path, "/2018-06-01/runtime/init/error")
        XCTAssertEqual(initError.header("Lambda-Runtime-Function-Error-Type"), "Runtime.UnmarshalError")
    }

    func testTheWireFormatIsHTTP11WithALengthAndConnectionClose() {
        let http = LoopbackHTTP(host: "127.0.0.1", port: "9001")
        let wire = String(decoding: http.encode(HTTPRuntimeAPI.responseRequest(requestID: "r1", body: Data("{}".utf8))), as: UTF8.self)
        XCTAssertEqual(wire, "POST /2018-06-01/runtime/invocation/r1/response HTTP/1.1\r\nHost: 127.0.0.1:9001\r\n"
                       + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
    }

    func testResponsesAreParsedByLengthChunksOrTheClose() throws {
        let byLength = Data("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r1\r\nContent-Length: 5\r\n\r\nhello".utf8)
        XCTAssertNil(try LoopbackHTTP.parse(byLength.dropLast(2)))  // more to come
        let parsed = try XCTUnwrap(LoopbackHTTP.parse(byLength))
        XCTAssertEqual(parsed.status, 200)
        XCTAssertEqual(parsed.headers["lambda-runtime-aws-request-id"], "r1")
        XCTAssertEqual(parsed.body, Data("hello".utf8))

        let chunked = Data("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2;x=y\r\nlo\r\n0\r\n\r\n".utf8)
        XCTAssertNil(try LoopbackHTTP.parse(chunked.prefix(chunked.count - 9)))
        XCTAssertEqual(try LoopbackHTTP.parse(chunked)?.body, Data("hello".utf8))

        let toClose = Data("HTTP/1.0 202 Accepted\r\n\r\nbody".utf8)
        XCTAssertNil(try LoopbackHTTP.parse(toClose))
        XCTAssertEqual(try LoopbackHTTP.parse(toClose, atEnd: true)?.body, Data("body".utf8))

        XCTAssertThrowsError(try LoopbackHTTP.parse(Data("SSH-2.0-OpenSSH\r\n\r\n".utf8)))
        XCTAssertThrowsError(try LoopbackHTTP.parse(Data("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8)))
    }

    func testAnUnreachableRuntimeAPIIsATransportError() async throws {
        let api = try HTTPRuntimeAPI(endpoint: "127.0.0.1:1")
        do {
            _ = try await api.nextInvocation()
            XCTFail("nothing listens on port 1")
        } catch let error as RuntimeAPIError {
            guard case .transport(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("cannot connect to 127.0.0.1:1"), message)
        }
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
