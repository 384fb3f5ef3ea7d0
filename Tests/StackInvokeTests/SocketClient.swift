import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP client on 127.0.0.1 for requests URLSession would not send (chunked bodies, bad routes).
final class SocketClient {
    struct Failure: Error { var message: String }
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(message: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(fd); throw Failure(message: "connect") }
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Reads until the headers and a Content-Length body are in.
    func receive() -> String {
        String(decoding: read { data in
            let text = String(decoding: data, as: UTF8.self)
            guard let split = text.range(of: "\r\n\r\n"),
                  let lengthLine = text[..<split.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
                  let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) else { return false }
            return text.utf8.count - text[..<split.upperBound].utf8.count >= length
        }, as: UTF8.self)
    }

    /// Reads until `complete` says so or the peer closes (or a receive timeout passes).
    private func read(until complete: (Data) -> Bool) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            data.append(contentsOf: chunk[0..<n])
            if complete(data) { break }
        }
        return data
    }

    /// All of `bytes`, however many `send` calls it takes; false when the peer closed first.
    @discardableResult
    func send(bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// Ends the request side (the server reads end of file), keeps reading possible.
    func finishSending() { _ = shutdown(fd, Int32(SHUT_WR)) }

    /// Everything until the server closes, or until `timeout` seconds pass without a byte.
    func receiveAll(timeout: Double) -> String {
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        return String(decoding: read { _ in false }, as: UTF8.self)
    }

    func close() { Glibc.close(fd) }
}
