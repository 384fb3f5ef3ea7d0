import StackAWS
import StackCore
import StackTemplate
import XCTest

final class KinesisStreamTests: XCTestCase {
    func testDefaultStream() throws {
        let template = try XCTUnwrap(synthesize { KinesisStream("Ticks") })
        let stream = try XCTUnwrap(template.resource("Ticks"))
        XCTAssertEqual(stream.type, "AWS::Kinesis::Stream")
        XCTAssertEqual(stream.properties, [
            "Name": "test-test-ticks",
            "ShardCount": 1,
            "StreamModeDetails": ["StreamMode": "PROVISIONED"],
            "RetentionPeriodHours": 24,
            "StreamEncryption": ["EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"],
        ])
        XCTAssertEqual(stream.deletionPolicy, .delete)
        XCTAssertEqual(stream.updateReplacePolicy, .delete)
        XCTAssertEqual(template.resources.count, 1)
    }

    func testRetainedOnDemandStreamWithName() throws {
        let template = try XCTUnwrap(synthesize(.testingRetained) {
            KinesisStream("Clicks", name: "clicks.v2", capacity: .onDemand, retention: .days(7))
        })
        let stream = try XCTUnwrap(template.resource("Clicks"))
        XCTAssertEqual(stream.properties["Name"], "clicks.v2")
        XCTAssertNil(stream.properties["ShardCount"])
        XCTAssertEqual(stream.properties["StreamModeDetails"], ["StreamMode": "ON_DEMAND"])
        XCTAssertEqual(stream.properties["RetentionPeriodHours"], 168)
        XCTAssertEqual(stream.deletionPolicy, .retain)
        XCTAssertEqual(stream.updateReplacePolicy, .retain)
    }

    func testReferences() {
        let stream = KinesisStream("Ticks", shards: 3)
        XCTAssertEqual(stream.arn, getAtt("Ticks", "Arn"))
        XCTAssertEqual(stream.name, ref("Ticks"))
        XCTAssertEqual(stream.capacity, .provisioned(shards: 3))
    }

    func testReadGrant() {
        let grant = KinesisStream("Ticks").read
        XCTAssertEqual(grant.intent, "read Ticks")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [
            ["Effect": "Allow",
             "Action": ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
                        "kinesis:GetShardIterator", "kinesis:ListShards"],
             "Resource": getAtt("Ticks", "Arn")],
            ["Effect": "Allow", "Action": "kinesis:SubscribeToShard",
             "Resource": .join("", [getAtt("Ticks", "Arn"), "/consumer/*"])],
        ])
    }

    func testWriteGrant() {
        let grant = KinesisStream("Ticks").write
        XCTAssertEqual(grant.intent, "write Ticks")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [
            ["Effect": "Allow", "Action": ["kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"],
             "Resource": getAtt("Ticks", "Arn")],
        ])
    }

    func testGrantResolvesInAPolicy() throws {
        let stream = KinesisStream("Ticks")
        XCTAssertEqual(grantPolicyStatements(stream, [stream.write]), [
            ["Effect": "Allow", "Action": ["kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"],
             "Resource": .getAtt("Ticks", "Arn")],
        ])
    }

    func testShardsOutOfRange() {
        assertDiagnostic(failures { KinesisStream("Ticks", shards: 0) },
                         code: "out-of-range", path: "Test/Ticks", property: "shards",
                         message: "shards 0 is out of range")
    }

    func testRetentionOutOfRange() {
        assertDiagnostic(failures { KinesisStream("Ticks", retention: .hours(12)) },
                         code: "out-of-range", path: "Test/Ticks", property: "retention",
                         message: "retention 12 hours is out of range")
    }

    func testInvalidStreamName() {
        assertDiagnostic(failures { KinesisStream("Ticks", name: "market ticks") },
                         code: "invalid-stream-name", path: "Test/Ticks", property: "name",
                         message: "stream name 'market ticks' contains ' '; only letters, digits, '_', '.' and '-' are allowed")
        XCTAssertNotNil(NameRules.streamNameProblem(String(repeating: "s", count: 129)))
        XCTAssertNotNil(NameRules.streamNameProblem(""))
        XCTAssertNil(NameRules.streamNameProblem("Market_ticks.v1-a"))
    }
}
