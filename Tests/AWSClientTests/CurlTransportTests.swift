#if canImport(Glibc)  // the libcurl transport is glibc Linux's (see DefaultTransport)
import Foundation
import Glibc
import TestSupport
import XCTest
@testable import AWSClient

/// The libcurl transport over real sockets: what arrives, what comes back, and how each way of
/// getting no response is classified for the retry policy.
final class CurlTransportTests: XCTestCase {
    func testARefusedConnectionIsCannotConnectAndRetryable() async throws {
        let port = try closedPort()
        let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(port)/secret/path?token=x")!)
        do {
            _ = try await CurlTransport().send(request)
            XCTFail("nothing listens there")
        } catch let error as TransportError {
            XCTAssertEqual(error.kind, .cannotConnect)
            XCTAssertTrue(error.isRetryable)
            XCTAssertTrue(RetryPolicy().shouldRetry(error))
            // The path and query may carry names: only the endpoint is reported.
            XCTAssertEqual(error.endpoint, "http://127.0.0.1:\(port)")
            XCTAssertFalse(error.description.contains("secret"), error.description)
        }
    }

    func testAServerThatHangsUpWithoutAnsweringIsConnectionLost() async throws {
        let server = try HangUpServer()
        defer { server.stop() }
        let request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:\(server.port)/")!,
                                  headers: ["Content-Type": "application/x-amz-json-1.0"], body: Data("{}".utf8))
        do {
            _ = try await CurlTransport().send(request)
            XCTFail("the server closes every connection")
        } catch let error as TransportError {
            XCTAssertEqual(error.kind, .connectionLost, error.description)
            XCTAssertTrue(error.isRetryable)
        }
    }

    func testHeadersBodiesAndHEADAgainstMoto() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let transport = CurlTransport()
        let base = moto.endpoint
        let create = try await transport.send(HTTPRequest(method: "PUT", url: URL(string: "\(base)/curl-bucket")!,
                                                          headers: ["Authorization": Self.s3Authorization]))
        XCTAssertEqual(create.status, 200)

        // 2 MB with every byte value, no Content-Type given: curl must not invent a form type, nor
        // wait for `100 Continue`.
        let body = Data((0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let put = try await transport.send(HTTPRequest(method: "PUT", url: URL(string: "\(base)/curl-bucket/k%20ey.bin")!,
                                                       headers: ["Authorization": Self.s3Authorization], body: body))
        XCTAssertEqual(put.status, 200)
        XCTAssertNotNil(put.headers["etag"])

        let get = try await transport.send(HTTPRequest(method: "GET", url: URL(string: "\(base)/curl-bucket/k%20ey.bin")!,
                                                       headers: ["Authorization": Self.s3Authorization]))
        XCTAssertEqual(get.status, 200)
        XCTAssertEqual(get.body, body)
        XCTAssertNotEqual(get.headers["Content-Type"], "application/x-www-form-urlencoded")

        let head = try await transport.send(HTTPRequest(method: "HEAD", url: URL(string: "\(base)/curl-bucket/k%20ey.bin")!,
                                                        headers: ["Authorization": Self.s3Authorization]))
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["Content-Length"], String(body.count))
        XCTAssertTrue(head.body.isEmpty)

        let missing = try await transport.send(HTTPRequest(method: "GET", url: URL(string: "\(base)/curl-bucket/nope")!,
                                                           headers: ["Authorization": Self.s3Authorization]))
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(XMLElementNode.parse(missing.body)?.child("Code"), "NoSuchKey")
    }

    func testHeaderBlockParsingKeepsTheFinalResponseFieldsAndRepeatedNames() {
        let block = "HTTP/1.1 200 OK\r\nx-amz-request-id: abc\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length:  5 \r\n\r\n"
        let headers = CurlTransport.parseHeaders(Data(block.utf8))
        XCTAssertEqual(headers["X-Amz-Request-Id"], "abc")
        XCTAssertEqual(headers.fields.filter { $0.name == "Set-Cookie" }.map(\.value), ["a=1", "b=2"])
        XCTAssertEqual(headers["content-length"], "5")
        XCTAssertEqual(headers.fields.count, 4)
    }

    /// moto routes S3 on the credential scope of an Authorization header; it does not check signatures.
    static let s3Authorization =
        "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261123/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00"

    /// A port that was free a moment ago: bound, never listened on, closed.
    private func closedPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// Accepts connections on 127.0.0.1 and closes each one without a byte of answer.
private final class HangUpServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let stopped = ManagedFlag()

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw POSIXError(.EADDRINUSE) }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let flag = stopped
        Thread {
            while !flag.isSet {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                let connection = accept(fd, nil, nil)
                if connection >= 0 { close(connection) }
            }
            close(fd)
        }.start()
    }

    func stop() { stopped.set() }
}

private final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
#endif
