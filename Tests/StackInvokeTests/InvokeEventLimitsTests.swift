import AWSClient
import Foundation
@testable import StackctlCLI
import TestSupport
import XCTest

/// `stackctl invoke --event FILE` with hostile files: too large or too deep for Lambda is a usage error
/// (exit 2) naming the file and the limit, before anything is synthesized, built or started.
final class InvokeEventLimitsTests: XCTestCase {
    private var folder: URL?

    private func write(_ bytes: [UInt8], _ name: String = "event.json") throws -> URL {
        if folder == nil { folder = try temporaryFolder(self) }
        let url = folder!.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func testAnEventLargerThanLambdasPayloadLimitIsRefused() throws {
        let limit = JSONLimits.lambdaEvent.maxBytes
        let big = try write(Array("[\"".utf8) + [UInt8](repeating: 0x41, count: limit) + Array("\"]".utf8), "big.json")
        let run = runCLI(["invoke", "TickAlerts/Processor", "--event", big.path, "--env", "local"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("the event \(big.path) is too large for Lambda: the document is \(limit + 4) bytes, "
                                          + "more than 6291456 (limit maxBytes)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("hint: Lambda's synchronous invocation payload limit is 6 MB"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }

    func testAnEventNestedTooDeepIsRefusedWithItsLineAndColumn() throws {
        let deep = try write(Array(("{\"Records\": [\n" + String(repeating: "[", count: 100_000)).utf8), "deep.json")
        let run = runCLI(["invoke", "TickAlerts/Processor", "--event", deep.path, "--env", "local"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("the event \(deep.path) cannot be sent to a Lambda function: line 2, column 63 (byte 76): "
                                          + "arrays and objects nest deeper than 64 (limit maxDepth)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("hint: Lambda takes events of at most 6291456 bytes nested at most 64 deep"), run.stderr)
    }

    /// Mutations of a real sample event: each is read back or refused with a CLIError of a documented status.
    func testEveryMutationOfASampleIsReadOrRefusedCleanly() throws {
        let started = Date()
        let sample = runCLI(["invoke", "--sample", "kinesis"])
        XCTAssertEqual(sample.status, 0, sample.stderr)
        let event = Array(sample.stdout.utf8)
        let hostile: [InputMutation] = [
            .custom(name: "nested 1,000,000 deep", bytes: Array(String(repeating: #"{"a":["#, count: 1_000_000).utf8)),
            .custom(name: "a huge number", bytes: Array("[1\(String(repeating: "9", count: 400))e999999]".utf8)),
            .custom(name: "invalid UTF-8 and NUL", bytes: Array("{\"a\":\"".utf8) + [0xFF, 0xFE, 0x00, 0xC3] + Array("\"}".utf8)),
            .custom(name: "empty", bytes: []),
        ]
        var read = 0, statuses: Set<Int32> = []
        for mutation in InputMutation.cases(of: event, count: 400, seed: 0x4556_4E54) + hostile {
            let url = try write(mutation.apply(to: event))
            do {
                let data = try InvokeEvent.read(url.path, cwd: URL(fileURLWithPath: "/"))
                XCTAssertEqual([UInt8](data), mutation.apply(to: event), "\(mutation): what is sent is the file")
                read += 1
            } catch let error as CLIError {
                statuses.insert(error.status.rawValue)
                XCTAssertTrue(error.message.contains(url.path), "\(mutation): \(error.message)")
            }
        }
        XCTAssertGreaterThan(read, 0)
        XCTAssertEqual(statuses, [2])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the whole run takes seconds")
    }
}
