import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `moto_server` of this test's own on 127.0.0.1 and a free port, stopped by its PID.
/// A missing `moto_server` is an error (the test fails), not a skip: these tests are the proof
/// that the functions work against the AWS APIs.
public final class MotoServer: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    let process: Process
    public let port: Int
    let logURL: URL
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, port: Int, logURL: URL) {
        self.process = process
        self.port = port
        self.logURL = logURL
    }

    public static func start() async throws -> MotoServer {
        guard let executable = findExecutable("moto_server") else {
            throw Failure(description: "moto_server is not on PATH: install it with `pip install 'moto[server]'`")
        }
        let port = try freePort()
        let logURL = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(port)-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let server = MotoServer(process: process, port: port, logURL: logURL)
        let ready = URL(string: "\(server.endpoint)/moto-api/")!
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard process.isRunning else {
                throw Failure(description: "moto_server exited (status \(process.terminationStatus)):\n\(server.log)")
            }
            if let (_, response) = try? await URLSession.shared.data(from: ready),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return server
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        server.stop()
        throw Failure(description: "moto_server did not answer GET /moto-api/ within 30 s:\n\(server.log)")
    }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// SIGTERM to our PID only; SIGKILL if it is still there after 1 s. Under XCTest on Linux the
    /// child inherits a signal mask with SIGTERM blocked (seen in /proc/<pid>/status SigBlk), so
    /// moto ignores the SIGTERM and the SIGKILL is what ends it.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(1)
            while process.isRunning, Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: logURL)
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A port the kernel just gave out (bind to 0, read it back, close).
    public static func freePort() throws -> Int {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure(description: "bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
