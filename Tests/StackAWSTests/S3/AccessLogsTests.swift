import StackAWS
import StackCore
import StackTemplate
import XCTest

/// `accessLogs: true`: every bucket logs to its stack's `AccessLogs` bucket under its own name; the log
/// bucket keeps the logs for the environment's retention and lets the logging service write only there.
final class AccessLogsTests: XCTestCase {
    static var logging: StackSettings {
        var settings = StackSettings.testing
        settings.accessLogs = true
        settings.customerManagedKey = true
        return settings
    }

    func testBucketsLogToTheStacksLogBucketUnderTheirName() throws {
        let template = try template(Self.logging) {
            Bucket("Raw")
            Bucket("Results", lifecycle: [.expire(after: .days(7))])
        }
        let raw = try XCTUnwrap(template.resources["Raw"])
        XCTAssertEqual(raw.properties["LoggingConfiguration"], [
            "DestinationBucketName": "test-test-access-logs-123456789012", "LogFilePrefix": "test-test-raw-123456789012/",
        ])
        XCTAssertEqual(raw.dependsOn, ["AccessLogs", "AccessLogsPolicy"], "the log bucket and its policy come first")

        let logs = try XCTUnwrap(template.resources["AccessLogs"])
        XCTAssertNil(logs.properties["LoggingConfiguration"], "the log bucket does not log itself")
        XCTAssertEqual(logs.properties["BucketEncryption"]?["ServerSideEncryptionConfiguration"]?[0]?["ServerSideEncryptionByDefault"],
                       ["SSEAlgorithm": "AES256"], "S3 delivers access logs only to SSE-S3 buckets")
        XCTAssertEqual(logs.properties["LifecycleConfiguration"]?["Rules"]?[0]?["ExpirationInDays"], 30, "the environment's log retention")

        guard case .list(let statements)? = template.resources["AccessLogsPolicy"]?.properties["PolicyDocument"]?["Statement"] else {
            return XCTFail("no log bucket policy")
        }
        XCTAssertEqual(statements.map { $0["Sid"] }, ["DenyInsecureTransport", "RawAccessLogs", "ResultsAccessLogs"])
        XCTAssertEqual(statements[1], [
            "Action": "s3:PutObject", "Effect": "Allow", "Principal": ["Service": "logging.s3.amazonaws.com"], "Sid": "RawAccessLogs",
            "Resource": .join("", ["arn:", .partition, ":s3:::test-test-access-logs-123456789012/test-test-raw-123456789012/*"]),
            "Condition": [
                "ArnLike": ["aws:SourceArn": .join("", ["arn:", .partition, ":s3:::test-test-raw-123456789012"])],
                "StringEquals": ["aws:SourceAccount": .accountId],
            ],
        ])
    }

    func testNoLogBucketUnlessAsked() throws {
        let template = try template { Bucket("Raw") }
        XCTAssertNil(template.resources["AccessLogs"])
        XCTAssertNil(template.resources["Raw"]?.properties["LoggingConfiguration"])
    }
}
