import StackAWS
import StackCore
import StackTemplate
import TestSupport
import XCTest

final class DeliveryStreamTests: XCTestCase {
    let raw = Bucket("Raw")
    let prefix = "quotes/dt=!{timestamp:yyyy-MM-dd}/"
    let errorPrefix = "errors/quotes/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/"

    private func arn(_ service: String, _ resource: String) -> TemplateValue {
        .join("", ["arn:", .partition, ":\(service):", .region, ":", .accountId, ":\(resource)"])
    }
    private func rawObjects(_ keys: String) -> TemplateValue { .join("", ["arn:", .partition, ":s3:::test-test-raw-123456789012/\(keys)"]) }
    private var rawBucketArn: TemplateValue { .join("", ["arn:", .partition, ":s3:::test-test-raw-123456789012"]) }

    private func quotes(bufferSize: Int = 5, bufferInterval: Duration = .seconds(60), compression: DeliveryStream.Compression = .gzip,
                        dynamicPartitioning: DynamicPartitioning? = nil, prefix: String? = nil, errorPrefix: String? = nil,
                        name: String? = nil) -> DeliveryStream {
        DeliveryStream("Quotes", bucket: raw, prefix: prefix ?? self.prefix, errorPrefix: errorPrefix ?? self.errorPrefix,
                       bufferSize: bufferSize, bufferInterval: bufferInterval, compression: compression,
                       dynamicPartitioning: dynamicPartitioning, name: name)
    }

    func testDirectPutToHivePrefixWithSeedDefaults() throws {
        let template = try template { raw; quotes() }
        let stream = try XCTUnwrap(template.resources["Quotes"])
        XCTAssertEqual(stream.type, "AWS::KinesisFirehose::DeliveryStream")
        XCTAssertEqual(stream.dependsOn, ["QuotesPolicy"])
        XCTAssertEqual(stream.properties, [
            "DeliveryStreamName": "test-test-quotes",
            "DeliveryStreamType": "DirectPut",
            "DeliveryStreamEncryptionConfigurationInput": ["KeyType": "AWS_OWNED_CMK"],
            "ExtendedS3DestinationConfiguration": [
                "BucketARN": rawBucketArn,
                "BufferingHints": ["IntervalInSeconds": 60, "SizeInMBs": 5],
                "CloudWatchLoggingOptions": ["Enabled": true, "LogGroupName": "/stackctl/test/Test/Quotes", "LogStreamName": "S3Delivery"],
                "CompressionFormat": "GZIP",
                "ErrorOutputPrefix": .string(errorPrefix),
                "Prefix": .string(prefix),
                "RoleARN": .getAtt("QuotesRole", "Arn"),
            ],
        ])
        XCTAssertEqual(template.resources["QuotesLogStream"]?.properties,
                       ["LogGroupName": "/stackctl/test/Test/Quotes", "LogStreamName": "S3Delivery"])
        XCTAssertEqual(template.resources["QuotesLogGroup"]?.properties["LogGroupName"], "/stackctl/test/Test/Quotes")
        XCTAssertEqual(template.resources["QuotesRole"]?.properties["AssumeRolePolicyDocument"], [
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Principal": ["Service": "firehose.amazonaws.com"], "Action": "sts:AssumeRole"]],
        ])
        // Objects only under the static parts of the two prefixes; the bucket only for its location and listings.
        XCTAssertEqual(template.resources["QuotesPolicy"]?.properties["PolicyDocument"], [
            "Version": "2012-10-17",
            "Statement": [
                ["Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
                 "Resource": [rawObjects("quotes/dt=*"), rawObjects("errors/quotes/*")]],
                ["Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
                 "Resource": rawBucketArn],
                ["Effect": "Allow", "Action": "logs:PutLogEvents",
                 "Resource": arn("logs", "log-group:/stackctl/test/Test/Quotes:log-stream:S3Delivery")],
            ],
        ])
    }

    func testCustomerKeyEncryptsStreamAndObjects() throws {
        let template = try template(.hardened) { raw; quotes() }
        let properties = try XCTUnwrap(template.resources["Quotes"]?.properties)
        XCTAssertEqual(properties["DeliveryStreamEncryptionConfigurationInput"],
                       ["KeyARN": .getAtt("DataKey", "Arn"), "KeyType": "CUSTOMER_MANAGED_CMK"])
        XCTAssertEqual(properties["ExtendedS3DestinationConfiguration"]?["EncryptionConfiguration"],
                       ["KMSEncryptionConfig": ["AWSKMSKeyARN": .getAtt("DataKey", "Arn")]])
        let statements = try XCTUnwrap(template.resources["QuotesPolicy"]?.properties["PolicyDocument"]?["Statement"])
        guard case .list(let list) = statements else { return XCTFail("no statement list") }
        XCTAssertEqual(list.filter { $0["Resource"] == .getAtt("DataKey", "Arn") },
                       [["Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": .getAtt("DataKey", "Arn")]])
    }

    func testBucketWithItsOwnEncryptionGetsNoKeyStatement() throws {
        let managed = Bucket("Raw", encryption: .kmsManaged)
        let template = try template(.hardened) {
            managed
            DeliveryStream("Quotes", bucket: managed, prefix: prefix, errorPrefix: errorPrefix)
        }
        let destination = template.resources["Quotes"]?.properties["ExtendedS3DestinationConfiguration"]
        XCTAssertNil(destination?["EncryptionConfiguration"])
        let statements = template.resources["QuotesPolicy"]?.properties["PolicyDocument"]?["Statement"]
        guard case .list(let list)? = statements else { return XCTFail("no statement list") }
        XCTAssertFalse(list.contains { $0["Resource"] == .getAtt("DataKey", "Arn") }, "\(list)")
    }

    func testDynamicPartitioningByQueriedKey() throws {
        let template = try template {
            raw
            quotes(bufferSize: 64, bufferInterval: .seconds(60), compression: .uncompressed,
                   dynamicPartitioning: DynamicPartitioning(keys: ["symbol": ".symbol", "exchange": ".venue"]),
                   prefix: "quotes/exchange=!{partitionKeyFromQuery:exchange}/symbol=!{partitionKeyFromQuery:symbol}/")
        }
        let destination = try XCTUnwrap(template.resources["Quotes"]?.properties["ExtendedS3DestinationConfiguration"])
        XCTAssertEqual(destination["DynamicPartitioningConfiguration"], ["Enabled": true, "RetryOptions": ["DurationInSeconds": 300]])
        XCTAssertEqual(destination["ProcessingConfiguration"], ["Enabled": true, "Processors": [[
            "Type": "MetadataExtraction",
            "Parameters": [
                ["ParameterName": "MetadataExtractionQuery", "ParameterValue": "{exchange:.venue,symbol:.symbol}"],
                ["ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"],
            ],
        ]]])
        XCTAssertEqual(destination["CompressionFormat"], "UNCOMPRESSED")
        XCTAssertEqual(destination["BufferingHints"], ["IntervalInSeconds": 60, "SizeInMBs": 64])
    }

    func testPutGrant() throws {
        let stream = quotes()
        XCTAssertEqual(stream.put.intent, "put records into Quotes")
        let template = try template {
            raw; stream
            GrantPolicy("Grants", [stream.put])
        }
        XCTAssertEqual(template.resources["Grants"]?.properties["PolicyDocument"]?["Statement"], [
            ["Effect": "Allow", "Action": ["firehose:PutRecord", "firehose:PutRecordBatch"], "Resource": .getAtt("Quotes", "Arn")],
        ])
    }

    func testEveryVariantPassesCfnLint() throws {
        var templates: [String: Template] = [:]
        for (label, settings) in [("dev", StackSettings.testing), ("prod", StackSettings.hardened)] {
            templates[label] = try template(settings) {
                raw
                quotes()
                DeliveryStream("Partitioned", bucket: raw, prefix: "ticks/symbol=!{partitionKeyFromQuery:symbol}/",
                               errorPrefix: "errors/ticks/!{firehose:error-output-type}/", bufferSize: 128, bufferInterval: .seconds(900),
                               compression: .snappy, dynamicPartitioning: DynamicPartitioning(keys: ["symbol": ".symbol"]))
                DeliveryStream("Plain", bucket: raw, prefix: "plain/", errorPrefix: "errors/plain/", bufferSize: 1,
                               bufferInterval: .seconds(0), compression: .uncompressed)
            }
        }
        assertLintClean(templates)
    }

    // MARK: Diagnostics

    private func streamErrors(_ stream: DeliveryStream) -> [Diagnostic] { failures { raw; stream } }

    func testErrorPrefixWithoutErrorOutputType() {
        assertDiagnostic(streamErrors(quotes(errorPrefix: "errors/quotes/")), code: "invalid-error-prefix", path: "Test/Quotes",
                         property: "errorPrefix",
                         message: "the prefix uses expressions, so Firehose requires the error prefix to contain !{firehose:error-output-type}")
    }

    func testErrorPrefixUnderTheDataPrefix() {
        let errors = streamErrors(quotes(errorPrefix: "quotes/errors/!{firehose:error-output-type}/"))
        assertDiagnostic(errors, code: "invalid-error-prefix", path: "Test/Quotes", property: "errorPrefix",
                         message: "the error prefix 'quotes/errors/!{firehose:error-output-type}/' lies under the prefix '\(prefix)'")
        XCTAssertEqual(errors.first?.hint, "start the prefix with a folder (\"quotes/...\") and the error prefix with another (\"errors/...\")")
    }

    func testDynamicPartitioningBelowItsMinimumBuffering() {
        let errors = streamErrors(quotes(bufferSize: 5, bufferInterval: .seconds(30),
                                         dynamicPartitioning: DynamicPartitioning(keys: ["symbol": ".symbol"]),
                                         prefix: "quotes/symbol=!{partitionKeyFromQuery:symbol}/"))
        assertDiagnostic(errors, code: "dynamic-partitioning-buffering", path: "Test/Quotes", property: "dynamicPartitioning",
                         message: "dynamic partitioning needs buffering of at least 64 MiB and 60 s; this stream buffers 5 MiB and 30 s")
        XCTAssertEqual(errors.first?.hint,
                       "pass bufferSize: 64, bufferInterval: .seconds(60); or drop dynamicPartitioning (a !{timestamp:...} prefix needs none)")
    }

    func testPartitionKeyWithoutDynamicPartitioning() {
        let errors = streamErrors(quotes(prefix: "quotes/symbol=!{partitionKeyFromQuery:symbol}/"))
        assertDiagnostic(errors, code: "invalid-delivery-stream", path: "Test/Quotes", property: "prefix",
                         message: "the prefix uses '!{partitionKeyFromQuery:symbol}', which Firehose does not accept there")
        XCTAssertEqual(errors.first?.hint, "partition keys need dynamicPartitioning: DynamicPartitioning(keys: [...])")
    }

    func testDynamicPartitioningUnusedByThePrefix() {
        let errors = streamErrors(quotes(bufferSize: 64, dynamicPartitioning: DynamicPartitioning(keys: ["symbol": ".symbol"])))
        assertDiagnostic(errors, code: "invalid-delivery-stream", path: "Test/Quotes", property: "prefix",
                         message: "dynamic partitioning is enabled but the prefix uses no !{partitionKeyFromQuery:...}")
    }

    func testDynamicPartitioningWithoutKeys() {
        let errors = streamErrors(quotes(bufferSize: 64, dynamicPartitioning: DynamicPartitioning(keys: [:])))
        XCTAssertEqual(errors.map(\.message), [
            "dynamic partitioning has no keys",
            "dynamic partitioning is enabled but the prefix uses no !{partitionKeyFromQuery:...}",
        ])
        XCTAssertEqual(errors.map(\.property), ["dynamicPartitioning", "prefix"])
        XCTAssertEqual(errors.first?.hint, "extract a key: DynamicPartitioning(keys: [\"symbol\": \".symbol\"])")
    }

    func testPartitionKeyNoQueryExtracts() {
        let errors = streamErrors(quotes(bufferSize: 64, dynamicPartitioning: DynamicPartitioning(keys: ["symbol": ".symbol"]),
                                         prefix: "quotes/venue=!{partitionKeyFromQuery:venue}/"))
        assertDiagnostic(errors, code: "invalid-delivery-stream", path: "Test/Quotes", property: "prefix",
                         message: "the prefix uses partition key 'venue', which no query extracts")
    }

    func testPrefixShapes() {
        assertDiagnostic(streamErrors(quotes(prefix: "/quotes/")), code: "invalid-delivery-stream", path: "Test/Quotes",
                         property: "prefix", message: "the prefix '/quotes/' must be a key prefix, without '/' or s3:// in front")
        assertDiagnostic(streamErrors(quotes(prefix: "quotes/dt=!{timestamp:yyyy/")), code: "invalid-delivery-stream", path: "Test/Quotes",
                         property: "prefix", message: "the prefix 'quotes/dt=!{timestamp:yyyy/' has an unterminated '!{' expression")
        assertDiagnostic(streamErrors(quotes(prefix: "quotes/!{firehose:error-output-type}/")), code: "invalid-delivery-stream",
                         path: "Test/Quotes", property: "prefix",
                         message: "the prefix uses '!{firehose:error-output-type}', which Firehose does not accept there")
        assertDiagnostic(streamErrors(quotes(errorPrefix: "")), code: "invalid-delivery-stream", path: "Test/Quotes",
                         property: "errorPrefix", message: "the error prefix is empty")
    }

    func testBufferingOutOfRange() {
        let errors = streamErrors(quotes(bufferSize: 129, bufferInterval: .seconds(901)))
        XCTAssertEqual(errors.map(\.code), ["out-of-range", "out-of-range"])
        XCTAssertEqual(Set(errors.compactMap(\.property)), ["bufferSize", "bufferInterval"])
        assertDiagnostic(streamErrors(quotes(bufferSize: 0)), code: "out-of-range", path: "Test/Quotes", property: "bufferSize",
                         message: "bufferSize 0 MiB is out of range")
    }

    func testNameTooLong() {
        assertDiagnostic(streamErrors(quotes(name: String(repeating: "q", count: 65))), code: "invalid-delivery-stream",
                         path: "Test/Quotes", property: "name",
                         message: "delivery stream name '\(String(repeating: "q", count: 65))' must be 1 to 64 characters long (it has 65)")
    }

    func testUndeclaredBucket() {
        let errors = failures { quotes() }
        XCTAssertEqual(errors.map(\.code), ["undeclared-construct"])
        XCTAssertEqual(errors.first?.property, "bucket")
    }
}
