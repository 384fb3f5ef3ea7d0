import Foundation
import XCTest
@testable import AWSClient

/// Fixed vectors published in the AWS documentation.
final class SigV4SignerTests: XCTestCase {
    let docCredentials = Credentials(accessKeyId: "AKIDEXAMPLE",
                                     secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    let s3DocCredentials = Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE",
                                       secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    /// 2015-08-30T12:36:00Z
    let docDate = Date(timeIntervalSince1970: 1_440_938_160)
    /// 2013-05-24T00:00:00Z
    let s3DocDate = Date(timeIntervalSince1970: 1_369_353_600)

    func signature(_ request: HTTPRequest) -> String? {
        request.headers["Authorization"]?.components(separatedBy: "Signature=").last
    }

    // SigV4 guide, "Examples of the complete Signature Version 4 signing process" (IAM ListUsers).
    func testIAMListUsersExample() {
        let request = HTTPRequest(
            method: "GET", url: URL(string: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08")!,
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"])
        let signed = SigV4Signer().sign(request, credentials: docCredentials, region: "us-east-1",
                                        service: "iam", date: docDate)
        XCTAssertEqual(signed.headers["X-Amz-Date"], "20150830T123600Z")
        XCTAssertEqual(signed.headers["Host"], "iam.amazonaws.com")
        XCTAssertNil(signed.headers["X-Amz-Content-Sha256"], "non-S3 signed payloads carry no hash header")
        XCTAssertEqual(signed.headers["Authorization"],
                       "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                       + "SignedHeaders=content-type;host;x-amz-date, "
                       + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    // SigV4 test suite: get-vanilla and get-vanilla-query-order-key-case.
    func testTestSuiteVanillaGets() {
        let signer = SigV4Signer()
        let vanilla = signer.sign(HTTPRequest(method: "GET", url: URL(string: "https://example.amazonaws.com/")!),
                                  credentials: docCredentials, region: "us-east-1", service: "service", date: docDate)
        XCTAssertEqual(signature(vanilla), "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        let ordered = signer.sign(
            HTTPRequest(method: "GET", url: URL(string: "https://example.amazonaws.com/?Param2=value2&Param1=value1")!),
            credentials: docCredentials, region: "us-east-1", service: "service", date: docDate)
        XCTAssertEqual(signature(ordered), "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    // S3 "Signature Calculations for the Authorization Header": GET Object example.
    func testS3GetObjectExample() {
        let request = HTTPRequest(method: "GET", url: URL(string: "https://examplebucket.s3.amazonaws.com/test.txt")!,
                                  headers: ["Range": "bytes=0-9"])
        let signed = SigV4Signer().sign(request, credentials: s3DocCredentials, region: "us-east-1",
                                        service: "s3", date: s3DocDate)
        XCTAssertEqual(signed.headers["X-Amz-Content-Sha256"],
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(signed.headers["Authorization"],
                       "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                       + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                       + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    // Same page: PUT Object example (a `$` in the key, a Date header, a storage class).
    func testS3PutObjectExample() {
        let request = HTTPRequest(
            method: "PUT", url: URL(string: "https://examplebucket.s3.amazonaws.com/test%24file.text")!,
            headers: ["Date": "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY"],
            body: Data("Welcome to Amazon S3.".utf8))
        let signed = SigV4Signer().sign(request, credentials: s3DocCredentials, region: "us-east-1",
                                        service: "s3", date: s3DocDate)
        XCTAssertEqual(signed.headers["X-Amz-Content-Sha256"],
                       "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        XCTAssertEqual(signature(signed), "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    func testSessionTokenAndUnsignedPayload() {
        let credentials = Credentials(accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token==")
        let signed = SigV4Signer().sign(
            HTTPRequest(method: "PUT", url: URL(string: "https://b.s3.us-east-1.amazonaws.com/k")!, body: Data("x".utf8)),
            credentials: credentials, region: "us-east-1", service: "s3", date: docDate, payload: .unsigned)
        XCTAssertEqual(signed.headers["X-Amz-Security-Token"], "token==")
        XCTAssertEqual(signed.headers["X-Amz-Content-Sha256"], "UNSIGNED-PAYLOAD")
        XCTAssertTrue(signed.headers["Authorization"]!.contains(
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
    }

    func testCanonicalPieces() {
        XCTAssertEqual(SigV4Signer.canonicalPath("/raw-data/%C3%84APL/%C3%BC.json", service: "s3"),
                       "/raw-data/%C3%84APL/%C3%BC.json")
        XCTAssertEqual(SigV4Signer.canonicalPath("/a/b%3Ac", service: "lambda"), "/a/b%253Ac")
        XCTAssertEqual(SigV4Signer.canonicalPath("/a/./b/../c//d", service: "iam"), "/a/c/d")
        XCTAssertEqual(SigV4Signer.canonicalPath("/a/../b", service: "s3"), "/a/../b")
        XCTAssertEqual(SigV4Signer.canonicalPath("", service: "sns"), "/")
        XCTAssertEqual(SigV4Signer.canonicalQuery("x=~%2F%21&a=b%20c&a=a&flag"), "a=a&a=b%20c&flag=&x=~%2F%21")
        XCTAssertEqual(SigV4Signer.canonicalQuery("k=a+b"), "k=a%2Bb")
        let (block, names) = SigV4Signer.canonicalHeaders(
            ["X-B": "  one   two  ", "x-a": "1", "X-A": "2", "User-Agent": "ignored"])
        XCTAssertEqual(block, "x-a:1,2\nx-b:one two\n")
        XCTAssertEqual(names, "x-a;x-b")
        XCTAssertEqual(SigV4Signer.host(of: URL(string: "http://127.0.0.1:5000/x")!), "127.0.0.1:5000")
        XCTAssertEqual(SigV4Signer.host(of: URL(string: "https://h.example:443/")!), "h.example")
    }

    func testCredentialsDescriptionHidesSecrets() {
        let credentials = Credentials(accessKeyId: "AKID", secretAccessKey: "SECRETKEY", sessionToken: "TOKEN")
        XCTAssertFalse("\(credentials)".contains("SECRETKEY"))
        XCTAssertFalse(String(reflecting: credentials).contains("TOKEN"))
    }
}
