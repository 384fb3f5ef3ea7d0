import Foundation
import LambdaEvents
import XCTest

final class KinesisEventTests: XCTestCase {
    func testDecodesAWSSampleWithBase64DataAndArrivalTime() throws {
        let event = try Fixture.decode(KinesisEvent.self, "kinesis")
        XCTAssertEqual(event.records.count, 2)
        let first = event.records[0]
        XCTAssertEqual(String(decoding: first.data, as: UTF8.self), "Hello, this is a test.")
        XCTAssertEqual(first.partitionKey, "1")
        XCTAssertEqual(first.sequenceNumber, "49590338271490256608559692538361571095921575989136588898")
        XCTAssertEqual(Fixture.epoch(first.approximateArrivalTimestamp), 1545084650.987, accuracy: 0.0005)
        XCTAssertEqual(first.eventSourceARN, "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream")
        XCTAssertEqual(first.eventID, "shardId-000000000006:49590338271490256608559692538361571095921575989136588898")
        XCTAssertEqual(String(decoding: event.records[1].data, as: UTF8.self), "This is only a test.")
    }

    func testDecodeHelperReadsJSONPayload() throws {
        struct Tick: Decodable { let symbol: String; let price: Double }
        let payload = Data(#"{"symbol":"AAPL","price":189.5}"#.utf8).base64EncodedString()
        let json = try String(decoding: Fixture.data("kinesis"), as: UTF8.self)
            .replacingOccurrences(of: "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==", with: payload)
        let event = try JSONDecoder().decode(KinesisEvent.self, from: Data(json.utf8))
        let tick = try event.records[0].decode(Tick.self)
        XCTAssertEqual(tick.symbol, "AAPL")
        XCTAssertEqual(tick.price, 189.5)
        XCTAssertThrowsError(try event.records[1].decode(Tick.self), "plain text is not JSON")
    }

    func testInvalidBase64IsADecodingError() throws {
        let json = try String(decoding: Fixture.data("kinesis"), as: UTF8.self)
            .replacingOccurrences(of: "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==", with: "not base64!")
        XCTAssertThrowsError(try JSONDecoder().decode(KinesisEvent.self, from: Data(json.utf8))) { error in
            guard case DecodingError.dataCorrupted = error else { return XCTFail("\(error)") }
        }
    }
}

final class DynamoDBStreamEventTests: XCTestCase {
    func testDecodesInsertModifyRemoveWithImages() throws {
        let event = try Fixture.decode(DynamoDBStreamEvent.self, "dynamodb-stream")
        XCTAssertEqual(event.records.map(\.eventName), [.insert, .modify, .remove])
        XCTAssertEqual(event.records.map(\.sequenceNumber), ["111", "222", "333"])

        let insert = event.records[0]
        XCTAssertEqual(insert.keys, ["Id": .n("101")])
        XCTAssertEqual(insert.newImage?["Message"], .s("New item!"))
        XCTAssertNil(insert.oldImage)
        XCTAssertEqual(insert.dynamodb.sizeBytes, 26)
        XCTAssertEqual(insert.dynamodb.streamViewType, "NEW_AND_OLD_IMAGES")
        XCTAssertEqual(insert.dynamodb.approximateCreationDateTime.map(Fixture.epoch), 1479499740)
        XCTAssertNil(insert.userIdentity)

        XCTAssertEqual(event.records[1].oldImage?["Message"]?.stringValue, "New item!")
        XCTAssertEqual(event.records[1].newImage?["Message"]?.stringValue, "This item has changed")
        XCTAssertNil(event.records[2].newImage)
        XCTAssertEqual(event.records[2].userIdentity?.principalId, "dynamodb.amazonaws.com")
    }

    func testUnknownEventNameFailsDecoding() throws {
        let json = try String(decoding: Fixture.data("dynamodb-stream"), as: UTF8.self)
            .replacingOccurrences(of: "\"INSERT\"", with: "\"UPSERT\"")
        XCTAssertThrowsError(try JSONDecoder().decode(DynamoDBStreamEvent.self, from: Data(json.utf8)))
    }
}
