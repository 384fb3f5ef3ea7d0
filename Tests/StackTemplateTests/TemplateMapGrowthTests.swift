import XCTest
@testable import StackTemplate

/// A small map grows by one entry at a time (no doubling slack kept for the whole synthesis); a large
/// one still doubles, so building it key by key stays linear.
final class TemplateMapGrowthTests: XCTestCase {
    func testAKeyAddedToASmallLiteralKeepsTheMapAtItsSize() {
        var map: TemplateMap = ["A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8]
        map["Environment"] = ["Variables": ["X": "y"]]
        map["Ab"] = 0
        XCTAssertEqual(Array(map.keys), ["A", "Ab", "B", "C", "D", "E", "Environment", "F", "G", "H"])
        XCTAssertEqual(map["Environment"]?["Variables"]?["X"], "y")
        XCTAssertLessThan(map.entries.capacity, 16, "doubling from 8 entries would reserve 16")
    }

    func testALargeMapBuiltKeyByKeyStillDoubles() {
        var map = TemplateMap()
        var reallocations = 0, capacity = map.entries.capacity
        for i in 0..<1000 {
            let digits = String(999 - i)
            map["K" + String(repeating: "0", count: 4 - digits.count) + digits] = .int(i)
            if map.entries.capacity != capacity { reallocations += 1; capacity = map.entries.capacity }
        }
        XCTAssertEqual(map.count, 1000)
        XCTAssertEqual(map["K0000"], .int(999))
        XCTAssertEqual(map.keys.first, "K0000")
        XCTAssertLessThan(reallocations, TemplateMap.exactGrowthLimit + 20)
    }
}
