@testable import AWSClient
import Foundation
import TestSupport
import XCTest

/// Hostile and damaged JSON answers: every one ends in a value or a clean failure, quickly; crossing
/// a limit is an `AWSError` of the call that says which limit and where.
final class JSONLimitsTests: XCTestCase {
    /// Shaped like Kinesis GetRecords and DynamoDB answers (API reference examples).
    static let answer = Array(#"""
        {"MillisBehindLatest":2100,"NextShardIterator":"AAAAAAAAAAHsW8zCWf9164uy8Epue6WS3w6wmj4a4USt+CNvMd6uXQ+HL5vAJMznqqC0DLKsIjuoiTi1BpT6nW0LN2M2D56zM5H8anHm30Gbri9ua+qaGgj+3XTyvbhpERfrezgLHbPB/rIcVpykJbaSj5tmcXYRmFnqZBEyHwtZYFmh6hvWVFkIwLuMZLMrpWhG5r5hzkE=",
         "Records":[{"Data":"eyJzeW1ib2wiOiJBQVBMIiwicHJpY2UiOjE4OS4yNX0=","PartitionKey":"AAPL","ApproximateArrivalTimestamp":1.441215410867E9,
                     "SequenceNumber":"21269319989652663814458848515492872193","EncryptionType":null}],
         "Item":{"symbol":{"S":"AAPL"},"price":{"N":"189.25"},"tags":{"L":[{"S":"a\u00e9\"\\"},{"BOOL":true},{"NULL":true}]}},
         "ConsumedCapacity":{"CapacityUnits":0.5,"TableName":"mkt-dev-quotes"}}
        """#.utf8)

    static func hostileCases() -> [InputMutation] {
        let limits = JSONLimits.awsAnswer
        func text(_ s: String) -> [UInt8] { Array(s.utf8) }
        return [
            .custom(name: "arrays past maxDepth", bytes: text(String(repeating: "[", count: limits.maxDepth + 1) + String(repeating: "]", count: limits.maxDepth + 1))),
            .custom(name: "objects 1,000,000 deep", bytes: text(String(repeating: #"{"a":"#, count: 1_000_000))),
            .custom(name: "a string past maxStringBytes", bytes: text("[\"") + [UInt8](repeating: 0x41, count: limits.maxStringBytes + 1) + text("\"]")),
            .custom(name: "an unterminated string with escapes", bytes: text("[\"" + String(repeating: "\\\"", count: 100_000))),
            .custom(name: "a number past maxNumberBytes", bytes: text("[1" + String(repeating: "9", count: 400) + "e999999]")),
            .custom(name: "a huge exponent", bytes: text("[1e999999, -1e-999999, 1.7976931348623157e309]")),
            .custom(name: "a document past maxBytes", bytes: [UInt8](repeating: 0x20, count: limits.maxBytes + 1)),
            .custom(name: "lone surrogates", bytes: text(#"{"a":"\ud800","b":"\udfff\ud800x"}"#)),
            .custom(name: "invalid UTF-8 and NUL", bytes: text("{\"a\":\"") + [0xFF, 0xFE, 0x00, 0xC3, 0xED, 0xA0, 0x80] + text("\"}")),
            .custom(name: "duplicate keys", bytes: text(#"{"a":1,"a":2,"a":{"a":[]}}"#)),
            .custom(name: "a byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + text("{}")),
        ]
    }

    func testEveryMutationEndsInAValueOrACleanFailure() {
        let started = Date()
        let cases = InputMutation.cases(of: Self.answer, count: 3_000, seed: 0x4A53_4F4E) + Self.hostileCases()
        var decoded = 0, crossed: Set<String> = []
        for mutation in cases {
            let input = mutation.apply(to: Self.answer)
            do {
                try JSONLimits.awsAnswer.check(input)
            } catch {
                XCTAssertTrue((0...input.count).contains(error.offset), "\(mutation): offset \(error.offset)")
                crossed.insert(error.limit)
                XCTAssertNil(JSONValue.decode(Data(input)), "\(mutation): a document past a limit is not decoded")
                continue
            }
            if JSONValue.decode(Data(input)) != nil { decoded += 1 }
        }
        XCTAssertGreaterThan(decoded, 0)
        XCTAssertEqual(crossed, ["maxDepth", "maxStringBytes", "maxNumberBytes", "maxBytes"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the whole run takes seconds")
    }

    func testTheErrorSaysWhichLimitAndWhere() {
        XCTAssertThrowsError(try JSONLimits.awsAnswer.check(Array("{\"a\":\n  [1, \"\\\"]\", \(String(repeating: "[", count: 64))]".utf8))) {
            XCTAssertEqual("\($0)", "line 2, column 76 (byte 81): arrays and objects nest deeper than 64 (limit maxDepth)")
        }
        XCTAssertThrowsError(try JSONLimits.lambdaEvent.checkSize(7_000_000)) {
            XCTAssertEqual("\($0)", "the document is 7000000 bytes, more than 6291456 (limit maxBytes)")
        }
        // Strings are skipped whole: brackets and digits inside them count for nothing.
        XCTAssertNoThrow(try JSONLimits.awsAnswer.check(Array(("[\"" + String(repeating: "[1111", count: 1_000) + "\"]").utf8)))
    }

    func testAnAnswerPastALimitIsAnAWSErrorOfTheCall() async throws {
        let transport = ScriptedTransport()
        let context = AWSContext(credentials: Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"),
                                 region: "us-east-2", transport: transport, retryPolicy: .none)
        await transport.respond(HTTPResponse(status: 200, headers: ["x-amzn-RequestId": "req-2"],
                                             body: Data(String(repeating: "[", count: 100_000).utf8)))
        let endpoint = context.endpoint(serviceId: "Kinesis", hostPrefix: "kinesis")
        do {
            _ = try await context.jsonCall(endpoint, signingName: "kinesis", target: "Kinesis_20131202.GetRecords", jsonVersion: "1.1", body: [:])
            XCTFail("no error")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, "ResponseLimitExceeded")
            XCTAssertEqual(error.requestId, "req-2")
            XCTAssertTrue(error.description.contains(
                "Kinesis_20131202.GetRecords: line 1, column 65 (byte 64): arrays and objects nest deeper than 64 (limit maxDepth)"),
                          error.description)
        }
    }
}
