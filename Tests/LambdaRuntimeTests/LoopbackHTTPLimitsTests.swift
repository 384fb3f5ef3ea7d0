import Foundation
@testable import LambdaRuntime
import TestSupport
import XCTest

/// The runtime client reading `invocation/next` from a broken or hostile server: every answer ends in a
/// response, "more bytes needed" or a `RuntimeAPIError`, and nothing grows past Lambda's payload limit.
final class LoopbackHTTPLimitsTests: XCTestCase {
    static let event = #"{"Records":[{"kinesis":{"data":"eyJzeW1ib2wiOiJBQVBMIn0=","partitionKey":"AAPL"}}]}"#
    static let plain = Array(("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: req-1\r\nLambda-Runtime-Deadline-Ms: 1542409706888\r\n"
                              + "Content-Type: application/json\r\nContent-Length: \(event.utf8.count)\r\n\r\n" + event).utf8)
    static let chunked = Array(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "10\r\n" + event.prefix(16) + "\r\n\(String(event.utf8.count - 16, radix: 16))\r\n" + event.dropFirst(16)
                                + "\r\n0\r\n\r\n").utf8)

    func testTheRealAnswersParse() throws {
        for answer in [Self.plain, Self.chunked] {
            let response = try XCTUnwrap(try LoopbackHTTP.parse(Data(answer)))
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), Self.event)
        }
    }

    func testEveryMutationEndsInAResponseMoreNeededOrAnError() {
        let started = Date()
        for (seed, answer) in [(UInt64(0x4854_5031), Self.plain), (0x4854_5032, Self.chunked)] {
            var outcomes: Set<String> = []
            for mutation in InputMutation.cases(of: answer, count: 1_500, seed: seed) {
                let input = Data(mutation.apply(to: answer))
                for atEnd in [false, true] {
                    do {
                        let response = try LoopbackHTTP.parse(input, atEnd: atEnd)
                        XCTAssertLessThanOrEqual(response?.body.count ?? 0, LoopbackHTTP.Limits.maxBodyBytes, "\(mutation)")
                        outcomes.insert(response == nil ? "more" : "response")
                    } catch {
                        XCTAssertTrue(error is RuntimeAPIError, "\(mutation): \(error)")
                        outcomes.insert("error")
                    }
                }
            }
            XCTAssertEqual(outcomes, ["more", "response", "error"])
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the whole run takes seconds")
    }

    func testHostileFramingIsAnErrorNamingTheLimit() {
        let limit = LoopbackHTTP.Limits.maxBodyBytes
        let cases: [(String, [UInt8], String)] = [
            ("a declared body past the limit", Array("HTTP/1.1 200 OK\r\nContent-Length: \(limit + 1)\r\n\r\n{}".utf8), "limit maxBodyBytes"),
            ("a declared body of 2^62", Array("HTTP/1.1 200 OK\r\nContent-Length: \(1 << 62)\r\n\r\n".utf8), "limit maxBodyBytes"),
            ("a negative length", Array("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}".utf8), "bad Content-Length"),
            ("a negative chunk", Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc".utf8), "bad chunk size"),
            ("a chunk past the limit", Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\(String(limit + 1, radix: 16))\r\n".utf8),
             "limit maxBodyBytes"),
            ("a head that never ends", Array(("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: LoopbackHTTP.Limits.maxHeadBytes)).utf8),
             "limit maxHeadBytes"),
            ("a chunk-size line that never ends", Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                + [UInt8](repeating: 0x30, count: 2 * limit + 1), "limit maxBodyBytes"),
        ]
        for (name, bytes, expected) in cases {
            XCTAssertThrowsError(try LoopbackHTTP.parse(Data(bytes)), name) {
                XCTAssertTrue("\($0)".contains(expected), "\(name): \($0)")
            }
        }
    }

    /// An event within 6 MB but nested a million deep (Lambda accepts it): an UnmarshalError, not a stack overflow.
    func testADeeplyNestedEventIsAnUnmarshalError() async {
        let api = ScriptedRuntimeAPI([invocation("r1", String(repeating: "[", count: 1_000_000)),
                                      invocation("r2", String(repeating: #"{"name":"#, count: 500_000))])
        let runtime = LambdaRuntime(api: api, logger: LambdaLogger(sink: LogCapture().sink, clock: { fixedNow }), clock: { fixedNow })
        _ = await runtime.run(maxInvocations: 2) { GreetingHandler() }
        let calls = await api.calls
        XCTAssertEqual(calls.count, 2)
        for call in calls {
            guard case .error(_, let error) = call else { return XCTFail("\(call)") }
            XCTAssertEqual(error.errorType, "Runtime.UnmarshalError")
        }
    }

    /// Over a socket: an event past 6 MB fails the `next` call instead of being buffered without end.
    func testAnEventPastTheLimitFailsNext() async throws {
        let server = try LoopbackServer(script: [
            .init(status: 200, headers: ["Lambda-Runtime-Aws-Request-Id": "r", "Lambda-Runtime-Deadline-Ms": "1",
                                         "Lambda-Runtime-Invoked-Function-Arn": "arn"],
                  body: Data(repeating: 0x41, count: LoopbackHTTP.Limits.maxBodyBytes + 1)),
        ])
        defer { server.stop() }
        let api = try HTTPRuntimeAPI(endpoint: "127.0.0.1:\(server.port)")
        do {
            _ = try await api.nextInvocation()
            XCTFail("no error")
        } catch let error as RuntimeAPIError {
            XCTAssertTrue("\(error)".contains("exceed 6291456 bytes (limit maxBodyBytes)"), "\(error)")
        }
    }
}
