import AWSClient
import Foundation
import MarketLogic
import TestSupport
import TickLogic
import XCTest

/// The built producer executables against a moto_server of the test's own: send N, read back N of the
/// shape the functions accept.
final class ProducerEndToEndTests: MotoTestCase {

    /// Runs a producer built next to the test bundle with only the emulator's settings in its environment.
    private func run(_ product: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = try builtExecutable(product)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = aws.environment.merging(["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"]) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    private func kinesis(_ operation: String, _ body: JSONValue) async throws -> JSONValue {
        try await aws.context.jsonCall(aws.context.endpoint(serviceId: "Kinesis", hostPrefix: "kinesis"), signingName: "kinesis",
                                       target: "Kinesis_20131202.\(operation)", jsonVersion: "1.1", body: body)
    }

    /// Every record on the stream's one shard, oldest first.
    private func streamRecords(_ stream: String) async throws -> [Data] {
        let iterator = try await kinesis("GetShardIterator", [
            "StreamName": .string(stream), "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON",
        ])["ShardIterator"]?.stringValue
        let records = try await kinesis("GetRecords", ["ShardIterator": .string(try XCTUnwrap(iterator)), "Limit": 1000])
        return (records["Records"]?.arrayValue ?? []).compactMap { $0["Data"]?.stringValue.flatMap { Data(base64Encoded: $0) } }
    }

    func testMarketProducerSendsTheSeededWalkToTheStream() async throws {
        _ = try await kinesis("CreateStream", ["StreamName": "ticks", "ShardCount": 1])
        let result = try run("market-producer", ["--stream", "ticks", "--interval", "0.05", "--seed", "7", "--count", "5"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("random walk of AAPL from 190.0, seed 7"), result.stdout)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 6, result.stdout)

        let records = try await streamRecords("ticks")
        XCTAssertEqual(records.count, 5)
        let quotes = try records.map { try TickRecord.parse($0) }
        XCTAssertEqual(Set(quotes.map(\.symbol)), ["AAPL"])
        XCTAssertEqual(quotes.map(\.timestamp), quotes.map(\.timestamp).sorted(), "sent in order, one after the other")

        // The same seed replays the same prices.
        _ = try await kinesis("CreateStream", ["StreamName": "again", "ShardCount": 1])
        XCTAssertEqual(try run("market-producer", ["--stream", "again", "--interval", "0", "--seed", "7", "--count", "5"]).status, 0)
        let replay = try await streamRecords("again").map { try TickRecord.parse($0).price }
        XCTAssertEqual(replay, quotes.map(\.price))
    }

    func testMarketProducerReplaysACSV() async throws {
        _ = try await kinesis("CreateStream", ["StreamName": "ticks", "ShardCount": 1])
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("ticks-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        try Data("symbol,price,previous_close,volume,timestamp\nAAPL,189.5,187.2,51234,2025-01-02T14:30:05Z\nMSFT,420.1,410,300,2025-01-02T14:30:35Z\n".utf8)
            .write(to: csv)
        let result = try run("market-producer", ["--stream", "ticks", "--interval", "0", "--csv", csv.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let quotes = try await streamRecords("ticks").map { try TickRecord.parse($0) }
        XCTAssertEqual(quotes.map(\.symbol), ["AAPL", "MSFT"])
        XCTAssertEqual(quotes.map(\.timestamp), ["2025-01-02T14:30:05.000000Z", "2025-01-02T14:30:35.000000Z"])
        XCTAssertEqual(quotes.map(\.price), [Decimal(string: "189.5")!, Decimal(string: "420.1")!])

        let bad = try run("market-producer", ["--stream", "ticks", "--csv", "/nonexistent.csv"])
        XCTAssertEqual(bad.status, 3)
        XCTAssertTrue(bad.stderr.contains("/nonexistent.csv"), bad.stderr)
        let missingStream = try run("market-producer", ["--stream", "no-such-stream", "--interval", "0", "--count", "1", "--seed", "1"])
        XCTAssertEqual(missingStream.status, 1)
        XCTAssertTrue(missingStream.stderr.contains("PutRecord to no-such-stream failed"), missingStream.stderr)
    }

    func testTickProducerSendsSimulatedTicksToTheQueue() async throws {
        let created = try await aws.sqs("CreateQueue", ["QueueName": "ticks"])
        let url = try XCTUnwrap(created["QueueUrl"]?.stringValue)
        let result = try run("tick-producer", ["--queue", url, "--interval", "0.05", "--seed", "3", "--count", "6", "--symbols", "AAPL,GOOG"])
        XCTAssertEqual(result.status, 0, result.stderr)

        var bodies: [String] = []
        while true {
            let batch = try await aws.sqs("ReceiveMessage", ["QueueUrl": .string(url), "MaxNumberOfMessages": 10, "WaitTimeSeconds": 0])
            let messages = batch["Messages"]?.arrayValue ?? []
            if messages.isEmpty { break }
            for message in messages {
                bodies.append(try XCTUnwrap(message["Body"]?.stringValue))
                _ = try await aws.sqs("DeleteMessage", ["QueueUrl": .string(url), "ReceiptHandle": try XCTUnwrap(message["ReceiptHandle"])])
            }
        }
        XCTAssertEqual(bodies.count, 6)
        let ticks = try bodies.map { try TickMessage.parse($0) }
        XCTAssertTrue(Set(ticks.map(\.symbol)).isSubset(of: ["AAPL", "GOOG"]), "\(ticks)")
        XCTAssertTrue(ticks.allSatisfy { $0.price >= 100 && $0.price <= 1500 && $0.timestamp != nil })

        let usage = try run("tick-producer", ["--queue", url, "--count", "0"])
        XCTAssertEqual(usage.status, 64, "a bad command line: EX_USAGE")
    }
}
