import StackTemplate
import XCTest

/// The writer of JSON that refers to other resources: as text (a rule target's `Input`) and as a value
/// with `${name}` placeholders and their substitutions (a state machine's `Definition`).
final class JSONWithReferencesTests: XCTestCase {
    func testTextIsSortedEscapedJSON() {
        XCTAssertEqual(JSONWithReferences.text(["b": [1, 2.5, .null, true], "a": "x\"y\n\u{1}"]),
                       "{\"a\":\"x\\\"y\\n\\u0001\",\"b\":[1,2.5,null,true]}")
        XCTAssertEqual(JSONWithReferences.text("plain"), "\"plain\"")
    }

    func testReferencesInTextBecomeJoinedStrings() {
        XCTAssertEqual(JSONWithReferences.text(["arn": .getAtt("Q", "Arn")]), .join("", ["{\"arn\":\"", .getAtt("Q", "Arn"), "\"}"]))
        let token = TemplateValue.token(Token(target: "Jobs", attribute: .ref))
        XCTAssertEqual(JSONWithReferences.text([.ref("A"), "x", token]),
                       .join("", ["[\"", .ref("A"), "\",\"x\",\"", token, "\"]"]))
    }

    func testSubstitutedReplacesReferencesByNumberedPlaceholders() {
        let function = TemplateValue.token(Token(target: "Score", attribute: .getAtt("Arn")))
        let definition: TemplateValue = [
            "StartAt": "Score",
            "States": [
                "Score": ["Type": "Task", "Resource": function, "Next": "Store"],
                "Store": ["Type": "Task", "Resource": .getAtt("Table", "Arn"), "Parameters": ["Again": function], "End": true],
            ],
        ]
        let (value, substitutions) = JSONWithReferences.substituted(definition, prefix: "Ref")
        XCTAssertEqual(value["States"]?["Score"]?["Resource"], "${Ref0}")
        XCTAssertEqual(value["States"]?["Store"]?["Resource"], "${Ref1}")
        XCTAssertEqual(value["States"]?["Store"]?["Parameters"]?["Again"], "${Ref0}", "the same reference shares its name")
        XCTAssertEqual(substitutions, ["Ref0": function, "Ref1": .getAtt("Table", "Arn")])
        XCTAssertEqual(value["StartAt"], "Score", "literals stay")
        let (plain, none) = JSONWithReferences.substituted(["a": [1, true]], prefix: "R")
        XCTAssertEqual(plain, ["a": [1, true]])
        XCTAssertEqual(none, [:])
    }
}
