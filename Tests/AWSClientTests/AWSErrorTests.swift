import Foundation
import XCTest
@testable import AWSClient

final class AWSErrorTests: XCTestCase {
    func testS3XMLError() {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>
            <Key>raw/x.json</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>abc=</HostId></Error>
            """
        let error = AWSError.parse(HTTPResponse(status: 404, body: Data(body.utf8)))
        XCTAssertEqual(error, AWSError(code: "NoSuchKey", message: "The specified key does not exist.", status: 404,
                                       requestId: "4442587FB7D0A2F9"))
        XCTAssertEqual("\(error)",
                       "NoSuchKey (HTTP 404): The specified key does not exist. [request id 4442587FB7D0A2F9]")
    }

    /// A crashed emulator's or a proxy's page: the start of its text, printable, instead of a bare "HTTP500".
    func testAPageThatIsNoAWSErrorKeepsAPrintableExcerpt() {
        let page = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n"
            + "<p>The server &amp; \u{1B}[1mmoto\u{00} failed.</p>" + String(repeating: "x", count: 300)
        let error = AWSError.parse(HTTPResponse(status: 500, body: Data(page.utf8) + Data([0xFF, 0xFE])))
        XCTAssertEqual(error.code, "HTTP500")
        XCTAssertTrue(error.isNotFromAWS)
        let excerpt = error.bodyExcerpt ?? ""
        XCTAssertTrue(excerpt.hasPrefix("500 Internal Server Error Internal Server Error The server & [1mmoto failed. xxx"), excerpt)
        XCTAssertTrue(excerpt.hasSuffix("…"), excerpt)
        XCTAssertEqual(excerpt.count, 161)
        XCTAssertFalse(excerpt.unicodeScalars.contains { $0.properties.generalCategory == .control }, excerpt)
        var named = error
        named.action = "CloudFormation ExecuteChangeSet"
        XCTAssertTrue("\(named)".hasPrefix("HTTP500 (HTTP 500) to CloudFormation ExecuteChangeSet; the body is not an AWS error, it starts: \"500 "),
                      "\(named)")
        // AWS's own errors, and empty bodies (S3 HEAD), carry no excerpt.
        XCTAssertNil(AWSError.parse(HTTPResponse(status: 404, body: Data())).bodyExcerpt)
        XCTAssertNil(AWSError.parse(HTTPResponse(status: 400, body: Data(#"{"__type":"ValidationException","message":"m"}"#.utf8))).bodyExcerpt)
    }

    func testQueryProtocolErrorResponse() {
        let body = """
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>
              <RequestId>9a5b2c1e-0000-5f9c-a1b2-c3d4e5f60718</RequestId>
            </ErrorResponse>
            """
        let error = AWSError.parse(HTTPResponse(status: 404, body: Data(body.utf8)))
        XCTAssertEqual(error.code, "NotFound")
        XCTAssertEqual(error.message, "Topic does not exist")
        XCTAssertEqual(error.requestId, "9a5b2c1e-0000-5f9c-a1b2-c3d4e5f60718")
    }

    func testJSONErrorWithPrefixedType() {
        let response = HTTPResponse(
            status: 400, headers: ["x-amzn-RequestId": "REQ123"],
            body: Data(#"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"#.utf8))
        XCTAssertEqual(AWSError.parse(response),
                       AWSError(code: "ConditionalCheckFailedException", message: "The conditional request failed",
                                status: 400, requestId: "REQ123"))
        let capital = HTTPResponse(status: 400, body: Data(#"{"__type":"ResourceNotFoundException","Message":"gone"}"#.utf8))
        XCTAssertEqual(AWSError.parse(capital).message, "gone")
    }

    func testErrorTypeHeaderAndBodylessResponses() {
        let header = HTTPResponse(status: 400, headers: ["X-Amzn-ErrorType": "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"],
                                  body: Data("{}".utf8))
        XCTAssertEqual(AWSError.parse(header).code, "ValidationException")
        XCTAssertEqual(AWSError.parse(HTTPResponse(status: 404)).code, "NotFound")
        XCTAssertEqual(AWSError.parse(HTTPResponse(status: 502, body: Data("<html><body>Bad gateway".utf8))).code, "HTTP502")
    }

    func testSignatureMismatchDoesNotLeakCanonicalRequest() {
        let body = """
            <Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message>
            <AWSAccessKeyId>ASIAEXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256</StringToSign>
            <CanonicalRequest>GET\n/\n\nx-amz-security-token:SECRETSESSIONTOKEN\n</CanonicalRequest></Error>
            """
        let error = AWSError.parse(HTTPResponse(status: 403, body: Data(body.utf8)))
        XCTAssertEqual(error.code, "SignatureDoesNotMatch")
        XCTAssertFalse("\(error)".contains("SECRETSESSIONTOKEN"))
        XCTAssertFalse(String(reflecting: error).contains("SECRETSESSIONTOKEN"))
    }

    func testThrottlingClassification() {
        XCTAssertTrue(AWSError(code: "SlowDown", status: 503).isThrottling)
        XCTAssertTrue(AWSError(code: "Anything", status: 429).isThrottling)
        XCTAssertFalse(AWSError(code: "AccessDenied", status: 403).isThrottling)
    }
}
