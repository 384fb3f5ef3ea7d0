@testable import AWSClient
import Foundation
import XCTest

final class XMLReaderTests: XCTestCase {
    private func parse(_ text: String) -> XMLElementNode? { XMLElementNode.parse(Data(text.utf8)) }

    func testReadsAnAWSQueryResponseWithDeclarationNamespaceAndLayoutWhitespace() throws {
        let root = try XCTUnwrap(parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeStacksResult>
                <Stacks>
                  <member><StackName>mkt-dev-MarketStream</StackName><StackStatus>CREATE_COMPLETE</StackStatus></member>
                  <member><StackName>second</StackName></member>
                </Stacks>
              </DescribeStacksResult>
              <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
            </DescribeStacksResponse>
            """))
        XCTAssertEqual(root.name, "DescribeStacksResponse")
        XCTAssertEqual(root.text, "")
        let members = try XCTUnwrap(root.first("Stacks")).children
        XCTAssertEqual(members.map { $0.child("StackName") }, ["mkt-dev-MarketStream", "second"])
        XCTAssertEqual(members[0].child("StackStatus"), "CREATE_COMPLETE")
        XCTAssertEqual(root.first("RequestId")?.text, "b9b4b068-3a41-11e5-94eb-example")
    }

    func testDecodesEntitiesCharacterReferencesAndCDATAAndKeepsTextWhitespace() throws {
        let root = try XCTUnwrap(parse(
            "<Error><Message>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42; é <![CDATA[<raw> & ]]>end </Message><!-- note --><Self attr='1' other=\"x > y\"/></Error>"))
        XCTAssertEqual(root.child("Message"), "a <b> & \"c\" 'd' AB é <raw> & end ")
        XCTAssertEqual(root.children.map(\.name), ["Message", "Self"])
        XCTAssertEqual(root.children[1].text, "")
    }

    func testMalformedDocumentsAreNil() {
        for text in ["", "not xml", "<a><b></a></b>", "<a>", "<a></a><b></b>", "<a>&unknown;</a>", "<a>&amp</a>",
                     "text<a></a>", "<a x=1></a>", "<a/ >", "<a><![CDATA[open</a>", "</a>"] {
            XCTAssertNil(parse(text), text)
        }
    }

    func testAnHTMLErrorPageIsNotMistakenForAnAWSError() {
        // moto sometimes answers 500 with an HTML page: not well-formed XML, so the error keeps the raw body.
        XCTAssertNil(parse("<!DOCTYPE html><html><head><meta charset=utf-8></head><body><p>Internal</body></html>"))
    }
}
