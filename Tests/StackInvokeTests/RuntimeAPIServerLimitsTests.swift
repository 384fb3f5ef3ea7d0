import Foundation
import StackInvoke
import TestSupport
import XCTest

/// The runtime API emulator reading requests from a broken or hostile function: heads and bodies past
/// their limits are refused without being held in memory, and every request ends in an answer or a close.
final class RuntimeAPIServerLimitsTests: XCTestCase {
    private func server() throws -> RuntimeAPIServer {
        let server = try RuntimeAPIServer(event: .init(requestID: "req-1", deadline: Date().addingTimeInterval(30),
                                                       functionARN: "arn:aws:lambda:us-east-1:123456789012:function:f",
                                                       body: Data(#"{"hello":"world"}"#.utf8)))
        addTeardownBlock { server.stop() }
        return server
    }

    static let response = Array(("POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 + "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}").utf8)

    func testAHeadPastTheLimitIsRefused() throws {
        let client = try SocketClient(port: try server().port)
        defer { client.close() }
        client.send(bytes: Array("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nX: ".utf8) + [UInt8](repeating: 0x61, count: 70_000))
        let answer = client.receiveAll(timeout: 5)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 400 Bad Request"), answer)
        XCTAssertTrue(answer.contains("exceed 65536 bytes (limit maxHeadBytes)"), answer)
    }

    /// A response past 6 MB is drained, answered 413, and the connection still carries the error report.
    func testAResponsePastSixMegabytesIsRefusedAndTheConnectionStaysUsable() throws {
        let server = try server()
        let client = try SocketClient(port: server.port)
        defer { client.close() }
        let size = RuntimeAPIServer.maxResponseBytes + 1
        XCTAssertTrue(client.send(bytes: Array("POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\nContent-Length: \(size)\r\n\r\n".utf8)
                                  + [UInt8](repeating: 0x41, count: size)))
        let refused = client.receive()
        XCTAssertTrue(refused.hasPrefix("HTTP/1.1 413"), refused)
        XCTAssertTrue(refused.contains("the body exceeds 6291456 bytes"), refused)
        XCTAssertNil(server.waitForOutcome(until: Date()), "a refused response settles nothing")
        client.send(bytes: Array("POST /2018-06-01/runtime/invocation/req-1/error HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}".utf8))
        XCTAssertTrue(client.receive().hasPrefix("HTTP/1.1 202"))
        XCTAssertEqual(server.waitForOutcome(until: Date().addingTimeInterval(5)), .error(type: "Unhandled", message: "{}", body: Data("{}".utf8)))
    }

    /// A huge declared length and then a close: the server gives up on that connection and serves the next.
    func testAHugeDeclaredLengthThenACloseLeavesTheServerServing() throws {
        let server = try server()
        let liar = try SocketClient(port: server.port)
        liar.send(bytes: Array("POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\nContent-Length: \(Int.max)\r\n\r\nabc".utf8))
        liar.close()
        let client = try SocketClient(port: server.port)
        defer { client.close() }
        client.send(bytes: Self.response)
        XCTAssertTrue(client.receive().hasPrefix("HTTP/1.1 202"))
        XCTAssertEqual(server.waitForOutcome(until: Date().addingTimeInterval(5)), .response(Data(#"{"ok":true}"#.utf8)))
    }

    func testEveryMutatedRequestEndsInAnAnswerOrAClose() throws {
        let started = Date()
        var answered = 0
        for mutation in InputMutation.cases(of: Self.response, count: 150, seed: 0x5250_4931) {
            let server = try server()
            let client = try SocketClient(port: server.port)
            client.send(bytes: mutation.apply(to: Self.response))
            client.finishSending()
            let answer = client.receiveAll(timeout: 2)
            client.close()
            server.stop()
            XCTAssertTrue(answer.isEmpty || answer.hasPrefix("HTTP/1.1 "), "\(mutation): \(answer.prefix(200))")
            if !answer.isEmpty { answered += 1 }
        }
        XCTAssertGreaterThan(answered, 0)
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "the whole run takes seconds")
    }
}
