import Foundation
import XCTest
@testable import AWSClient

/// Records the delays a policy asked for, instead of sleeping.
final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    var delays: [Double] { lock.withLock { values } }
    func record(_ delay: Double) { lock.withLock { values.append(delay) } }
}

final class RetryPolicyTests: XCTestCase {
    let url = URL(string: "https://dynamodb.us-east-1.amazonaws.com/")!

    /// Jitter fixed at the top of the range, so the delays show the exponential bound.
    func policy(_ log: SleepLog, maxRetries: Int = 3) -> RetryPolicy {
        RetryPolicy(maxRetries: maxRetries, baseDelay: 0.1, maxDelay: 0.3,
                    random: { $0.upperBound }, sleep: { log.record($0) })
    }

    func json(_ status: Int, _ type: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Data(#"{"__type":"com.amazonaws.dynamodb.v20120810#\#(type)","message":"m"}"#.utf8))
    }

    func send(_ transport: ScriptedTransport, _ policy: RetryPolicy) async throws -> HTTPResponse {
        try await policy.run { try await transport.send(HTTPRequest(method: "POST", url: self.url)) }
    }

    func testRetriesThrottlingAndServerErrorsWithCappedBackoff() async throws {
        let transport = ScriptedTransport()
        await transport.respond(json(400, "ProvisionedThroughputExceededException"))
        await transport.respond(HTTPResponse(status: 503))
        await transport.respond(HTTPResponse(status: 429))
        await transport.respond(HTTPResponse(status: 200, body: Data("{}".utf8)))
        let log = SleepLog()
        let response = try await send(transport, policy(log))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(log.delays.map { ($0 * 1000).rounded() }, [100, 200, 300])
        let count = await transport.requests.count
        XCTAssertEqual(count, 4)
    }

    func testGivesUpAfterMaxRetriesAndReturnsLastResponse() async throws {
        let transport = ScriptedTransport()
        for _ in 0..<3 { await transport.respond(HTTPResponse(status: 500)) }
        let log = SleepLog()
        let response = try await send(transport, policy(log, maxRetries: 2))
        XCTAssertEqual(response.status, 500)
        XCTAssertEqual(log.delays.count, 2)
        let unused = await transport.unusedSteps
        XCTAssertEqual(unused, 0)
    }

    func testClientErrorsAreNotRetried() async throws {
        let transport = ScriptedTransport()
        await transport.respond(json(400, "ValidationException"))
        let log = SleepLog()
        let response = try await send(transport, policy(log))
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(log.delays, [])
    }

    func testThrottlingCodesInXMLBodies() {
        let policy = RetryPolicy.none
        for code in ["Throttling", "ThrottlingException", "RequestLimitExceeded", "SlowDown"] {
            let body = "<ErrorResponse><Error><Code>\(code)</Code><Message>x</Message></Error></ErrorResponse>"
            XCTAssertTrue(policy.shouldRetry(HTTPResponse(status: 400, body: Data(body.utf8))), code)
        }
        XCTAssertFalse(policy.shouldRetry(HTTPResponse(status: 404)))
        XCTAssertFalse(policy.shouldRetry(HTTPResponse(status: 200)))
    }

    func testDroppedConnectionsAreRetriedOtherErrorsAreNot() async throws {
        let transport = ScriptedTransport()
        await transport.fail(with: TransportError(.connectionLost, "Recv failure", endpoint: "http://127.0.0.1:1"))
        await transport.fail(with: TransportError(.timedOut, "Operation timed out", endpoint: "http://127.0.0.1:1"))
        await transport.respond(HTTPResponse(status: 200))
        let log = SleepLog()
        let response = try await send(transport, policy(log))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(log.delays.count, 2)

        let failing = ScriptedTransport()
        await failing.fail(with: TransportError(.tls, "certificate verify failed", endpoint: "https://example.com"))
        do {
            _ = try await send(failing, policy(log))
            XCTFail("a TLS failure is not retryable")
        } catch let error as TransportError {
            XCTAssertEqual(error.kind, .tls)
        }
    }

    func testFullJitterDrawsFromZeroToTheBound() {
        let ranges = SleepLog()
        let policy = RetryPolicy(baseDelay: 1, maxDelay: 5, random: { ranges.record($0.upperBound); return $0.lowerBound })
        XCTAssertEqual(policy.delay(retry: 0), 0)
        _ = policy.delay(retry: 1)
        _ = policy.delay(retry: 5)
        XCTAssertEqual(ranges.delays, [1, 2, 5])
    }

    func testScriptedTransportRejectsUnscriptedAndMismatchedRequests() async {
        let transport = ScriptedTransport()
        await transport.respond(HTTPResponse(status: 200), method: "GET", path: "/a")
        do {
            _ = try await transport.send(HTTPRequest(method: "PUT", url: URL(string: "http://h/a")!))
            XCTFail("method mismatch must throw")
        } catch { XCTAssertTrue("\(error)".contains("expected method GET"), "\(error)") }
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: URL(string: "http://h/b")!))
            XCTFail("unscripted request must throw")
        } catch {
            XCTAssertTrue(error is ScriptedTransport.Unscripted)
            XCTAssertFalse(RetryPolicy().shouldRetry(error))
        }
    }
}
