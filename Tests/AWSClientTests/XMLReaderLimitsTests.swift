@testable import AWSClient
import Foundation
import TestSupport
import XCTest

/// Hostile and damaged XML answers: every one ends in a tree or an `XMLReadError` with its offset,
/// quickly; crossing a limit is an `AWSError` of the call, never a crash.
final class XMLReaderLimitsTests: XCTestCase {
    /// An answer shaped like CloudFormation's DescribeStacks (API reference example), entities and CDATA included.
    static let answer = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
          <DescribeStacksResult>
            <Stacks>
              <member>
                <StackName>mkt-dev-MarketStream</StackName>
                <StackStatus>UPDATE_ROLLBACK_COMPLETE</StackStatus>
                <StackStatusReason>Resource &quot;Quotes&quot; failed &amp; rolled back &#x2014; see <![CDATA[<events>]]></StackStatusReason>
                <Outputs><member><OutputKey>TopicArn</OutputKey><OutputValue>arn:aws:sns:us-east-2:111111111111:alerts</OutputValue></member></Outputs>
                <Tags><member><Key>project</Key><Value>market</Value></member></Tags>
              </member>
            </Stacks>
          </DescribeStacksResult>
          <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
        </DescribeStacksResponse>
        """.utf8)

    static func hostileCases() -> [InputMutation] {
        let limits = XMLReader.Limits.self
        func text(_ s: String) -> [UInt8] { Array(s.utf8) }
        return [
            .custom(name: "nested past maxDepth", bytes: text(String(repeating: "<a>", count: limits.maxDepth + 1))),
            .custom(name: "nested 200,000 deep", bytes: text(String(repeating: "<a>", count: 200_000) + String(repeating: "</a>", count: 200_000))),
            .custom(name: "more than maxElements", bytes: text("<r>" + String(repeating: "<a/>", count: limits.maxElements + 1) + "</r>")),
            .custom(name: "a name past maxNameBytes", bytes: text("<" + String(repeating: "n", count: limits.maxNameBytes + 1) + "/>")),
            .custom(name: "text past maxTextBytes", bytes: text("<a>") + [UInt8](repeating: 0x41, count: limits.maxTextBytes + 1) + text("</a>")),
            .custom(name: "CDATA past maxTextBytes", bytes: text("<a><![CDATA[") + [UInt8](repeating: 0x41, count: limits.maxTextBytes + 1) + text("]]></a>")),
            .custom(name: "a document past maxDocumentBytes", bytes: [UInt8](repeating: 0x20, count: limits.maxDocumentBytes + 1)),
            .custom(name: "unterminated processing instructions (quadratic if rescanned)", bytes: text("<a>" + String(repeating: "<? />", count: 200_000))),
            .custom(name: "unterminated comments", bytes: text("<a>" + String(repeating: "<!-- ", count: 200_000))),
            .custom(name: "entity expansion DOCTYPE", bytes: text(#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;&b;</x>"#)),
            .custom(name: "character references out of range", bytes: text("<a>&#xFFFFFFFF;&#99999999999999999999;&#xD800;&#;&#x;</a>")),
            .custom(name: "an unterminated entity", bytes: text("<a>&" + String(repeating: "x", count: 100_000) + "</a>")),
            .custom(name: "invalid UTF-8 and NUL", bytes: text("<a>") + [0xFF, 0xFE, 0x00, 0xC3, 0xED, 0xA0, 0x80] + text("</a>")),
            .custom(name: "an unterminated attribute", bytes: text("<a x=\"") + [UInt8](repeating: 0x41, count: 100_000)),
            .custom(name: "many attributes", bytes: text("<a " + String(repeating: "x='1' ", count: 100_000) + "/>")),
        ]
    }

    func testEveryMutationEndsInATreeOrAnErrorWithItsOffset() {
        let started = Date()
        let cases = InputMutation.cases(of: Self.answer, count: 3_000, seed: 0x584D_4C31) + Self.hostileCases()
        var parsed = 0, limits: Set<String> = []
        for mutation in cases {
            let input = mutation.apply(to: Self.answer)
            do {
                _ = try XMLElementNode.read(Data(input))
                parsed += 1
            } catch {
                XCTAssertTrue((0...input.count).contains(error.offset), "\(mutation): offset \(error.offset) of \(input.count)")
                XCTAssertFalse(error.problem.isEmpty, "\(mutation)")
                if let limit = error.limit { limits.insert(limit) }
            }
        }
        XCTAssertGreaterThan(parsed, 0, "some mutations (inside text) still parse")
        XCTAssertEqual(limits, ["maxDepth", "maxElements", "maxNameBytes", "maxTextBytes", "maxDocumentBytes"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the whole run takes seconds")
    }

    func testALimitErrorNamesTheLimitAndThePath() throws {
        let deep = "<ErrorResponse><Error>" + String(repeating: "<a>", count: XMLReader.Limits.maxDepth) + "</a>"
        XCTAssertThrowsError(try XMLElementNode.read(Data(deep.utf8))) { error in
            let error = error as! XMLReadError
            XCTAssertEqual(error.limit, "maxDepth")
            XCTAssertEqual(error.offset, 22 + 3 * 62)
            XCTAssertTrue(error.description.hasPrefix("elements nest deeper than 64 (limit maxDepth) at byte 208 (in ErrorResponse/Error/a/"),
                          error.description)
        }
        XCTAssertThrowsError(try XMLElementNode.read(Data("<a><b></a>".utf8))) { error in
            XCTAssertEqual("\(error)", "not well-formed XML: the end tag </a> does not match the open element at byte 6 (in a/b)")
        }
        XCTAssertThrowsError(try XMLElementNode.read(Data("<a><?pi".utf8))) { error in
            XCTAssertEqual("\(error)", "not well-formed XML: <? without its ?> at byte 3 (in a)")
        }
    }

    /// Through the client: a 200 answer too deep to read is a failed call (`AWSError`), a broken one `MalformedResponse`.
    func testAnAnswerPastALimitIsAnAWSErrorOfTheCall() async throws {
        let transport = ScriptedTransport()
        let context = AWSContext(credentials: Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"),
                                 region: "us-east-2", transport: transport, retryPolicy: .none)
        await transport.respond(HTTPResponse(status: 200, headers: ["x-amzn-RequestId": "req-1"],
                                             body: Data(String(repeating: "<a>", count: 100_000).utf8)))
        await transport.respond(HTTPResponse(status: 200, body: Data("<a><b></a>".utf8)))
        let parameters = QueryParameters(action: "DescribeStacks", version: "2010-05-15")
        do {
            _ = try await context.queryCall(serviceId: "CloudFormation", hostPrefix: "cloudformation", signingName: "cloudformation", parameters)
            XCTFail("no error")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, "ResponseLimitExceeded")
            XCTAssertEqual(error.requestId, "req-1")
            XCTAssertTrue(error.description.contains("DescribeStacks: elements nest deeper than 64 (limit maxDepth) at byte 192"), error.description)
        }
        do {
            _ = try await context.queryCall(serviceId: "CloudFormation", hostPrefix: "cloudformation", signingName: "cloudformation", parameters)
            XCTFail("no error")
        } catch let error as MalformedResponse {
            XCTAssertTrue(error.detail.hasPrefix("DescribeStacks: the body is not XML: not well-formed XML"), error.detail)
        }
    }

    /// An error answer (non-2xx) past a limit still becomes an AWSError, from its status.
    func testAnErrorAnswerPastALimitKeepsItsStatus() {
        let error = AWSError.parse(HTTPResponse(status: 400, body: Data(String(repeating: "<Error>", count: 100_000).utf8)))
        XCTAssertEqual(error, AWSError(code: "BadRequest", status: 400))
    }
}
