import Foundation
import LambdaEvents
import XCTest

final class SQSEventTests: XCTestCase {
    func testDecodesAWSSample() throws {
        let event = try Fixture.decode(SQSEvent.self, "sqs")
        XCTAssertEqual(event.records.map(\.messageId),
                       ["059f36b4-87a3-44ab-83d2-661975830a7d", "2e1424d4-f796-459a-8184-9c92662be6da"])
        let first = event.records[0]
        XCTAssertEqual(first.body, "Test message.")
        XCTAssertEqual(first.receiptHandle, "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...")
        XCTAssertEqual(first.eventSourceARN, "arn:aws:sqs:us-east-2:123456789012:my-queue")
        XCTAssertEqual(first.approximateReceiveCount, 1)
        XCTAssertEqual(first.sentTimestamp.map(Fixture.epoch) ?? 0, 1545082649.183, accuracy: 0.0005)
        XCTAssertTrue(first.messageAttributes.isEmpty)
    }

    func testMessageAttributesStringAndBinary() throws {
        let second = try Fixture.decode(SQSEvent.self, "sqs").records[1]
        XCTAssertEqual(second.approximateReceiveCount, 3)
        XCTAssertEqual(second.messageAttributes["myAttribute"]?.stringValue, "myValue")
        XCTAssertNil(second.messageAttributes["myAttribute"]?.binaryValue, "binaryValue: null")
        XCTAssertEqual(second.messageAttributes["checksum"]?.binaryValue, Data([0, 1, 2, 255]))
        XCTAssertEqual(second.messageAttributes["checksum"]?.dataType, "Binary")
    }
}

final class SNSEventTests: XCTestCase {
    func testDecodesAWSSample() throws {
        let event = try Fixture.decode(SNSEvent.self, "sns")
        let sns = try XCTUnwrap(event.records.first?.sns)
        XCTAssertEqual(event.records[0].eventSubscriptionArn,
                       "arn:aws:sns:us-east-1:123456789012:sns-lambda:21be56ed-a058-49f5-8c98-aedd2564c486")
        XCTAssertEqual(sns.message, "Hello from SNS!")
        XCTAssertEqual(sns.subject, "TestInvoke")
        XCTAssertEqual(sns.topicArn, "arn:aws:sns:us-east-1:123456789012:sns-lambda")
        XCTAssertEqual(sns.type, "Notification")
        XCTAssertEqual(Fixture.epoch(sns.timestamp), 1546433107) // 2019-01-02T12:45:07.000Z
        XCTAssertEqual(sns.messageAttributes["Test"]?.value, "TestString")
        XCTAssertEqual(sns.messageAttributes["TestBinary"]?.type, "Binary")
    }

    func testNullSubject() throws {
        let json = try String(decoding: Fixture.data("sns"), as: UTF8.self)
            .replacingOccurrences(of: #""Subject": "TestInvoke""#, with: #""Subject": null"#)
        let event = try JSONDecoder().decode(SNSEvent.self, from: Data(json.utf8))
        XCTAssertNil(event.records[0].sns.subject)
    }
}

final class S3EventTests: XCTestCase {
    func testDecodesAWSSampleAndURLDecodesKeys() throws {
        let event = try Fixture.decode(S3Event.self, "s3")
        XCTAssertEqual(event.records.count, 3)
        let put = event.records[0]
        XCTAssertEqual(put.bucketName, "example-bucket")
        XCTAssertEqual(put.s3.object.urlEncodedKey, "test%2Fkey")
        XCTAssertEqual(put.objectKey, "test/key")
        XCTAssertEqual(put.s3.object.size, 1024)
        XCTAssertEqual(put.s3.object.eTag, "0123456789abcdef0123456789abcdef")
        XCTAssertEqual(put.eventName, "ObjectCreated:Put")
        XCTAssertEqual(Fixture.epoch(put.eventTime), 0)

        // `+` is a space; a literal plus arrives as %2B and must survive.
        XCTAssertEqual(event.records[1].objectKey, "raw-data/AAPL/my report (1) a+b.json")
        XCTAssertEqual(event.records[1].s3.object.versionId, "096fKKXTRTtl3on89fVO.nfljtsv6qko")
        XCTAssertEqual(Fixture.epoch(event.records[1].eventTime), 1714979289.123, accuracy: 0.0005)
    }

    func testDeleteEventsHaveNoSizeOrETag() throws {
        let delete = try Fixture.decode(S3Event.self, "s3").records[2]
        XCTAssertEqual(delete.eventName, "ObjectRemoved:Delete")
        XCTAssertNil(delete.s3.object.size)
        XCTAssertNil(delete.s3.object.eTag)
        XCTAssertEqual(delete.objectKey, "raw-data/AAPL/old.json")
    }
}

final class EventBridgeEventTests: XCTestCase {
    func testScheduledEvent() throws {
        let event = try Fixture.decode(ScheduledEvent.self, "eventbridge-scheduled")
        XCTAssertEqual(event.detailType, "Scheduled Event")
        XCTAssertEqual(event.source, "aws.events")
        XCTAssertEqual(event.resources, ["arn:aws:events:us-east-2:123456789012:rule/my-schedule"])
        XCTAssertEqual(Fixture.epoch(event.time), 1551403425) // 2019-03-01T01:23:45Z
        XCTAssertEqual(event.detail, ScheduledEventDetail())
    }

    func testTypedDetail() throws {
        struct StateChange: Decodable {
            let instanceID: String
            let state: String
            enum CodingKeys: String, CodingKey { case instanceID = "instance-id", state }
        }
        let event = try Fixture.decode(EventBridgeEvent<StateChange>.self, "eventbridge-ec2-state-change")
        XCTAssertEqual(event.detail.instanceID, "i-abcd1111")
        XCTAssertEqual(event.detail.state, "pending")
        XCTAssertEqual(event.account, "123456789012")
    }

    func testWrongDetailShapeFails() {
        struct Needs: Decodable { let missing: String }
        XCTAssertThrowsError(try Fixture.decode(EventBridgeEvent<Needs>.self, "eventbridge-scheduled"))
    }
}

final class BatchItemFailuresTests: XCTestCase {
    func testWireShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(BatchItemFailures()), as: UTF8.self),
                       #"{"batchItemFailures":[]}"#)
        var failures = BatchItemFailures(["111"])
        failures.append("059f36b4-87a3-44ab-83d2-661975830a7d")
        XCTAssertEqual(String(decoding: try encoder.encode(failures), as: UTF8.self),
                       #"{"batchItemFailures":[{"itemIdentifier":"111"},{"itemIdentifier":"059f36b4-87a3-44ab-83d2-661975830a7d"}]}"#)
        XCTAssertEqual(try JSONDecoder().decode(BatchItemFailures.self, from: encoder.encode(failures)), failures)
        XCTAssertEqual(failures.identifiers, ["111", "059f36b4-87a3-44ab-83d2-661975830a7d"])
    }
}
