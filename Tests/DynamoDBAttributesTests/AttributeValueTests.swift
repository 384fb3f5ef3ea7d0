import Foundation
import DynamoDBAttributes
import XCTest

final class AttributeValueTests: XCTestCase {
    /// Every type in DynamoDB JSON, as the DynamoDB API reference spells it.
    let allTypes = #"""
    {"s":{"S":"Hello"},"n":{"N":"123.45"},"b":{"B":"dGhpcyB0ZXh0IGlzIGJhc2U2NC1lbmNvZGVk"},"bool":{"BOOL":true},
     "null":{"NULL":true},"m":{"M":{"Name":{"S":"Joe"},"Age":{"N":"35"}}},
     "l":{"L":[{"S":"Cookies"},{"S":"Coffee"},{"N":"3.14159"}]},
     "ss":{"SS":["Giraffe","Hippo","Zebra"]},"ns":{"NS":["42.2","-19","7.5","3.14"]},
     "bs":{"BS":["U3Vubnk=","UmFpbnk=","U25vd3k="]}}
    """#

    func testDecodesEveryType() throws {
        let item = try JSONDecoder().decode(DynamoDBItem.self, from: Data(allTypes.utf8))
        XCTAssertEqual(item["s"], .s("Hello"))
        XCTAssertEqual(item["n"], .n("123.45"))
        XCTAssertEqual(item["n"]?.decimalValue, Decimal(string: "123.45"))
        XCTAssertEqual(item["b"], .b(Data("this text is base64-encoded".utf8)))
        XCTAssertEqual(item["bool"], .bool(true))
        XCTAssertEqual(item["null"], .null)
        XCTAssertEqual(item["m"], .m(["Name": .s("Joe"), "Age": .n("35")]))
        XCTAssertEqual(item["m"]?.mapValue?["Age"]?.intValue, 35)
        XCTAssertEqual(item["l"], .l([.s("Cookies"), .s("Coffee"), .n("3.14159")]))
        XCTAssertEqual(item["ss"], .ss(["Giraffe", "Hippo", "Zebra"]))
        XCTAssertEqual(item["ns"], .ns(["42.2", "-19", "7.5", "3.14"]))
        XCTAssertEqual(item["bs"], .bs([Data("Sunny".utf8), Data("Rainy".utf8), Data("Snowy".utf8)]))
    }

    func testRoundTripsThroughDynamoDBJSON() throws {
        let item = try JSONDecoder().decode(DynamoDBItem.self, from: Data(allTypes.utf8))
        let again = try JSONDecoder().decode(DynamoDBItem.self, from: JSONEncoder().encode(item))
        XCTAssertEqual(again, item)
    }

    func testEncodesAsDynamoDBJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let item: DynamoDBItem = ["symbol": .s("AAPL"), "price": .number(Decimal(string: "189.57")!),
                                  "volume": .number(1200), "flag": .null, "tags": .ss(["a"])]
        XCTAssertEqual(String(decoding: try encoder.encode(item), as: UTF8.self),
                       #"{"flag":{"NULL":true},"price":{"N":"189.57"},"symbol":{"S":"AAPL"},"tags":{"SS":["a"]},"volume":{"N":"1200"}}"#)
    }

    func testRejectsZeroOrSeveralTypeKeys() {
        for bad in [#"{}"#, #"{"S":"a","N":"1"}"#, #"{"X":"a"}"#] {
            XCTAssertThrowsError(try JSONDecoder().decode(AttributeValue.self, from: Data(bad.utf8)), bad)
        }
    }

    func testEncoderMapsJSONTypesAndKeepsDecimalDigits() throws {
        struct Row: Codable, Equatable {
            let symbol: String
            let price: Decimal
            let volume: Int
            let halted: Bool
            let note: String?
            let tags: [String]
        }
        let row = Row(symbol: "AAPL", price: Decimal(string: "189.10")!, volume: 12, halted: false, note: nil, tags: ["x"])
        let item = try AttributeValueEncoder().encodeItem(row)
        XCTAssertEqual(item["symbol"], .s("AAPL"))
        XCTAssertEqual(item["price"], .n("189.1"))
        XCTAssertEqual(item["volume"], .n("12"))
        XCTAssertEqual(item["halted"], .bool(false))
        XCTAssertNil(item["note"], "JSONEncoder omits nil optionals, so the item has no attribute")
        XCTAssertEqual(item["tags"], .l([.s("x")]))
        XCTAssertEqual(try AttributeValueDecoder().decode(Row.self, from: item), row)
    }

    func testEncoderKeepsLargeNumbersExact() throws {
        let item = try AttributeValueEncoder().encodeItem(["big": Decimal(string: "12345678901234567890.123456789")!])
        XCTAssertEqual(item["big"], .n("12345678901234567890.123456789"))
    }

    func testEncodeItemRejectsNonObjects() {
        XCTAssertThrowsError(try AttributeValueEncoder().encodeItem([1, 2]))
    }
}
