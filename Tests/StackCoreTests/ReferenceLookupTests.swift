import XCTest
@testable import StackCore

/// The byte-level helpers of reference lookup (the order in which enclosing constructs are searched).
final class ReferenceLookupTests: XCTestCase {
    func testCandidatesGoFromTheInnermostHolderOutwards() {
        XCTAssertEqual(ReferenceResolver.candidates(for: "Bucket", from: "Unit0/Fn"), ["Unit0/Fn/Bucket", "Unit0/Bucket", "Bucket"])
        XCTAssertEqual(ReferenceResolver.candidates(for: "Bucket", from: ""), ["Bucket"])
        XCTAssertEqual(ReferenceResolver.candidates(for: "Räw/Data", from: "Ünit/Fn"), ["Ünit/Fn/Räw/Data", "Ünit/Räw/Data", "Räw/Data"])
    }

    func testPathJoinMatchesStringConcatenation() {
        for (parent, child) in [("Unit0", "Fn"), ("Ünit/Fn", "Räw"), ("A", ""), ("", "B"), ("Scale12/Unit1234/Fn", "LogGroup")] {
            XCTAssertEqual(PathJoin.join(parent, child), parent + "/" + child)
        }
        XCTAssertEqual(PathJoin.child("", "Bucket"), "Bucket")
        XCTAssertEqual(PathJoin.child("Unit0", "Bucket"), "Unit0/Bucket")
    }

    func testRelativeToStackStripsOnlyAWholeStackName() {
        XCTAssertEqual(ReferenceResolver.relativeToStack("Market/Processing/Role", "Market"), "Processing/Role")
        XCTAssertEqual(ReferenceResolver.relativeToStack("MarketStream/Processing", "Market"), "")
        XCTAssertEqual(ReferenceResolver.relativeToStack("Market", "Market"), "")
        XCTAssertEqual(ReferenceResolver.relativeToStack("Market/", "Market"), "")
        XCTAssertEqual(ReferenceResolver.relativeToStack("Other/X", "Market"), "")
        XCTAssertEqual(ReferenceResolver.relativeToStack("Märket/X", "Märket"), "X")
    }
}
