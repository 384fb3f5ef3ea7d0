import Foundation
import XCTest
@testable import AWSClient

/// Signs the same requests with our signer and with botocore (Fixtures/botocore_sign.py) and compares
/// the headers. Needs python3 with botocore; without it the test fails, it does not skip.
final class SigV4BotocoreTests: XCTestCase {
    struct Case {
        var name: String
        var method: String
        var url: String
        var headers: [String: String] = [:]
        var body: String = ""
        var service: String
        var region: String = "us-east-1"
        var credentials = Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        var payload: SigV4Signer.Payload = .signed
    }

    static let session = Credentials(accessKeyId: "ASIAEXAMPLE", secretAccessKey: "tempSecret/+=",
                                     sessionToken: "IQoJb3JpZ2luX2VjE//////////wEaCXVzLWVhc3QtMSJGMEQCIFake+Token/==")

    let cases: [Case] = [
        Case(name: "S3 PUT with payload hash", method: "PUT",
             url: "https://market-raw.s3.eu-central-1.amazonaws.com/raw-data/2024/01/ticks.json",
             headers: ["Content-Type": "application/json"], body: #"{"symbol":"AAPL","price":189.5}"#,
             service: "s3", region: "eu-central-1"),
        Case(name: "S3 PUT unsigned payload", method: "PUT",
             url: "https://market-raw.s3.eu-central-1.amazonaws.com/big.bin", body: "0123456789",
             service: "s3", region: "eu-central-1", payload: .unsigned),
        Case(name: "S3 GET with session token", method: "GET",
             url: "https://market-raw.s3.us-east-1.amazonaws.com/raw-data/x.json",
             service: "s3", credentials: session),
        Case(name: "S3 non-ASCII object key", method: "PUT",
             url: "https://market-raw.s3.us-east-1.amazonaws.com/raw-data/%C3%84APL/%C3%BC.json",
             headers: ["Content-Type": "application/json"], body: "{}", service: "s3"),
        Case(name: "S3 path-style against a local endpoint with port", method: "HEAD",
             url: "http://127.0.0.1:5000/market-raw/a%20b%2Bc.json", service: "s3"),
        Case(name: "S3 list with reserved characters in the query", method: "GET",
             url: "https://market-raw.s3.us-east-1.amazonaws.com/?list-type=2&prefix=raw%20data%2F%C3%84&delimiter=%2F",
             service: "s3"),
        Case(name: "query string with reserved characters (a=b c&x=~/!)", method: "GET",
             url: "https://iam.amazonaws.com/?x=~%2F%21&a=b%20c&Action=ListUsers&Version=2010-05-08",
             service: "iam"),
        Case(name: "non-S3 path encoded twice (Lambda invoke by ARN)", method: "POST",
             url: "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ap/invocations",
             body: "{}", service: "lambda"),
        Case(name: "DynamoDB JSON POST with session token", method: "POST",
             url: "https://dynamodb.us-east-1.amazonaws.com/",
             headers: ["Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.PutItem"],
             body: #"{"TableName":"Quotes","Item":{"symbol":{"S":"ÄAPL"}}}"#, service: "dynamodb", credentials: session),
        Case(name: "Secrets Manager PutSecretValue (ServiceClientTests' request)", method: "POST",
             url: "https://secretsmanager.eu-central-1.amazonaws.com/",
             headers: ["Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "secretsmanager.PutSecretValue"],
             body: ServiceClientTests.putSecretValueBody, service: "secretsmanager", region: "eu-central-1", credentials: session),
        Case(name: "Secrets Manager GetSecretValue", method: "POST", url: "https://secretsmanager.us-east-1.amazonaws.com/",
             headers: ["Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "secretsmanager.GetSecretValue"],
             body: #"{"SecretId":"arn:aws:secretsmanager:us-east-1:123456789012:secret:tws-dev-tweets-x-api-AbCdEf"}"#,
             service: "secretsmanager"),
        Case(name: "SNS query POST", method: "POST", url: "https://sns.us-east-1.amazonaws.com/",
             headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
             body: "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Aalerts&Message=hello%20world",
             service: "sns"),
        Case(name: "header whitespace collapsed", method: "GET",
             url: "https://example.amazonaws.com/", headers: ["X-Custom": "  a   b\tc  ", "My-Header": "v"],
             service: "service"),
    ]

    /// 2024-03-01T09:30:15Z
    let date = Date(timeIntervalSince1970: 1_709_285_415)

    func testAuthorizationMatchesBotocore() throws {
        let reference = try runBotocore()
        XCTAssertEqual(reference.count, cases.count)
        for (index, item) in cases.enumerated() where index < reference.count {
            let request = HTTPRequest(method: item.method, url: URL(string: item.url)!,
                                      headers: HTTPHeaders(item.headers.map { HTTPHeader($0.key, $0.value) }),
                                      body: Data(item.body.utf8))
            let ours = SigV4Signer().sign(request, credentials: item.credentials, region: item.region,
                                          service: item.service, date: date, payload: item.payload)
            let theirs = reference[index]
            for name in ["Authorization", "X-Amz-Date", "X-Amz-Content-SHA256", "X-Amz-Security-Token"] {
                XCTAssertEqual(ours.headers[name], theirs.first { $0.key.lowercased() == name.lowercased() }?.value,
                               "\(item.name): \(name)")
            }
        }
    }

    private func runBotocore() throws -> [[String: String]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/botocore_sign.py")
        let input = try JSONSerialization.data(withJSONObject: cases.map { item -> [String: Any] in
            var json: [String: Any] = [
                "method": item.method, "url": item.url, "headers": item.headers,
                "body": Data(item.body.utf8).base64EncodedString(), "service": item.service, "region": item.region,
                "accessKeyId": item.credentials.accessKeyId, "secretAccessKey": item.credentials.secretAccessKey,
                "unsigned": item.payload == .unsigned,
            ]
            if let token = item.credentials.sessionToken { json["sessionToken"] = token }
            return json
        })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "20240301T093015Z"]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            XCTFail("could not start python3 for the botocore comparison: \(error)")
            throw error
        }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let hint = process.terminationStatus == 3 ? " botocore is missing: pip install botocore==1.43.11." : ""
            XCTFail("botocore reference signer failed (exit \(process.terminationStatus)).\(hint) \(errors)")
            throw CocoaError(.executableLoad)
        }
        struct Output: Decodable { var botocore: String; var results: [[String: String]] }
        return try JSONDecoder().decode(Output.self, from: output).results
    }
}
