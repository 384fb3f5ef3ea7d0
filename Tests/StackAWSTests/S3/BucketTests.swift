import StackAWS
import StackCore
import StackTemplate
import XCTest

final class BucketTests: XCTestCase {
    // MARK: Template

    func testDefaultBucketIsNamedEncryptedPrivateAndDeletedWithTestStacks() throws {
        let template = try XCTUnwrap(synthesize { Bucket("RawData") })
        let bucket = try XCTUnwrap(template.resource("RawData"))
        XCTAssertEqual(bucket.type, "AWS::S3::Bucket")
        XCTAssertEqual(bucket.properties["BucketName"], "test-test-raw-data-123456789012")
        XCTAssertEqual(bucket.properties["BucketEncryption"],
                       ["ServerSideEncryptionConfiguration": [["ServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]]])
        XCTAssertEqual(bucket.properties["PublicAccessBlockConfiguration"], [
            "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
        ])
        XCTAssertEqual(bucket.properties["OwnershipControls"], ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]])
        XCTAssertNil(bucket.properties["VersioningConfiguration"])
        XCTAssertNil(bucket.properties["LifecycleConfiguration"])
        XCTAssertNil(bucket.properties["NotificationConfiguration"])
        XCTAssertEqual(bucket.deletionPolicy, .delete)
        XCTAssertEqual(bucket.updateReplacePolicy, .delete)
        XCTAssertEqual(bucket.constructPath, "Test/RawData")
        XCTAssertEqual(Set(template.resources.keys), ["RawData", "RawDataPolicy"])
    }

    func testBucketPolicyDeniesEverythingNotOverTLS() throws {
        let template = try XCTUnwrap(synthesize { Bucket("Raw") })
        let policy = try XCTUnwrap(template.resource("RawPolicy"))
        XCTAssertEqual(policy.type, "AWS::S3::BucketPolicy")
        XCTAssertEqual(policy.constructPath, "Test/Raw/Policy")
        XCTAssertNil(policy.deletionPolicy)
        XCTAssertEqual(policy.properties, [
            "Bucket": .ref("Raw"),
            "PolicyDocument": [
                "Version": "2012-10-17",
                "Statement": [[
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [.join("", ["arn:", .partition, ":s3:::test-test-raw-123456789012"]),
                                 .join("", ["arn:", .partition, ":s3:::test-test-raw-123456789012/*"])],
                    "Condition": ["Bool": ["aws:SecureTransport": "false"]],
                ]],
            ],
        ])
    }

    func testRetainedEnvironmentKeepsBucket() throws {
        let template = try XCTUnwrap(synthesize(.testingRetained) { Bucket("Raw") })
        let bucket = try XCTUnwrap(template.resource("Raw"))
        XCTAssertEqual(bucket.deletionPolicy, .retain)
        XCTAssertEqual(bucket.updateReplacePolicy, .retain)
    }

    func testOptions() throws {
        let template = try XCTUnwrap(synthesize {
            Bucket("Raw", name: "market-raw.example", versioned: true, lifecycle: [
                .expire(after: .days(30), prefix: "tmp/"),
                .expireNoncurrentVersions(after: .days(7)),
                .abortIncompleteUploads(after: .hours(24)),
                .transition(to: .glacierInstantRetrieval, after: .days(90), prefix: "raw/"),
                LifecycleRule(id: "archive", prefix: "old/", expireAfter: .days(365),
                              transitions: [.init(to: .standardInfrequentAccess, after: .days(30)), .init(to: .deepArchive, after: .days(180))]),
            ], eventBridge: true, encryption: .kmsManaged)
        })
        let bucket = try XCTUnwrap(template.resource("Raw"))
        XCTAssertEqual(bucket.properties["BucketName"], "market-raw.example")
        XCTAssertEqual(bucket.properties["VersioningConfiguration"], ["Status": "Enabled"])
        XCTAssertEqual(bucket.properties["NotificationConfiguration"], ["EventBridgeConfiguration": ["EventBridgeEnabled": true]])
        XCTAssertEqual(bucket.properties["BucketEncryption"], ["ServerSideEncryptionConfiguration": [
            ["ServerSideEncryptionByDefault": ["SSEAlgorithm": "aws:kms"], "BucketKeyEnabled": true],
        ]])
        XCTAssertEqual(bucket.properties["LifecycleConfiguration"], ["Rules": [
            ["Id": "Rule0", "Status": "Enabled", "Prefix": "tmp/", "ExpirationInDays": 30],
            ["Id": "Rule1", "Status": "Enabled", "NoncurrentVersionExpiration": ["NoncurrentDays": 7]],
            ["Id": "Rule2", "Status": "Enabled", "AbortIncompleteMultipartUpload": ["DaysAfterInitiation": 1]],
            ["Id": "Rule3", "Status": "Enabled", "Prefix": "raw/",
             "Transitions": [["StorageClass": "GLACIER_IR", "TransitionInDays": 90]]],
            ["Id": "archive", "Status": "Enabled", "Prefix": "old/", "ExpirationInDays": 365,
             "Transitions": [["StorageClass": "STANDARD_IA", "TransitionInDays": 30],
                             ["StorageClass": "DEEP_ARCHIVE", "TransitionInDays": 180]]],
        ]])
    }

    func testAmendedNotificationIsKept() throws {
        let bucket = Bucket("Raw", eventBridge: true)
        let function = TestFunction("Ingest")
        let template = try XCTUnwrap(synthesize {
            bucket
            function
            TestS3Notification(id: "Trigger", bucket: bucket, function: function)
        })
        XCTAssertEqual(template.resources["Raw"]?.properties["NotificationConfiguration"], [
            "EventBridgeConfiguration": ["EventBridgeEnabled": true],
            "LambdaConfigurations": [["Event": "s3:ObjectCreated:*", "Function": .getAtt("Ingest", "Arn")]],
        ])
    }

    func testPhysicalNameComesFromStackAndPathAndReferencesResolveToIt() {
        let raw = Bucket("RawData")
        guard let template = synthesize(.testing, {
            raw
            Bucket("Named", name: "explicit-name")
            GrantPolicy("User", [raw.read()])
        }) else { return }
        XCTAssertEqual(template.resources["RawData"]?.properties["BucketName"], "test-test-raw-data-123456789012")
        XCTAssertEqual(template.resources["Named"]?.properties["BucketName"], "explicit-name")
        // References to a bucket are literals: no Ref/GetAtt, so no dependency on the bucket.
        let document = template.resources["User"]?.properties["PolicyDocument"]
        guard case .list(let statements)? = document?["Statement"] else { return XCTFail("no statements") }
        XCTAssertEqual(statements[0]["Resource"],
                       TemplateValue.join("", ["arn:", TemplateValue.partition, ":s3:::test-test-raw-data-123456789012/*"]))
        XCTAssertEqual(template.resources["RawDataPolicy"]?.properties["Bucket"], TemplateValue.ref("RawData"))
    }

    func testReferences() {
        let bucket = Bucket("Raw")
        XCTAssertEqual(bucket.arn, getAtt("Raw", "Arn"))
        XCTAssertEqual(bucket.name, ref("Raw"))
    }

    // MARK: Grants

    func testReadGrantOnPrefix() {
        let grant = Bucket("Raw").read(keys: "raw/*")
        XCTAssertEqual(grant.intent, "read Raw (raw/*)")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [
            ["Effect": "Allow", "Action": "s3:GetObject", "Resource": .join("", [getAtt("Raw", "Arn"), "/raw/*"])],
            ["Effect": "Allow", "Action": "s3:ListBucket", "Resource": getAtt("Raw", "Arn"),
             "Condition": ["StringLike": ["s3:prefix": ["raw/*"]]]],
        ])
    }

    func testReadGrantOnWholeBucketHasNoPrefixCondition() {
        XCTAssertEqual(Bucket("Raw").read().statements(customerKey: false).map(\.value), [
            ["Effect": "Allow", "Action": "s3:GetObject", "Resource": .join("", [getAtt("Raw", "Arn"), "/*"])],
            ["Effect": "Allow", "Action": "s3:ListBucket", "Resource": getAtt("Raw", "Arn")],
        ])
    }

    func testWriteGrant() {
        let grant = Bucket("Raw").write(keys: "raw/*")
        XCTAssertEqual(grant.intent, "write Raw (raw/*)")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [
            ["Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:PutObject"],
             "Resource": .join("", [getAtt("Raw", "Arn"), "/raw/*"])],
        ])
    }

    func testReadWriteGrant() {
        XCTAssertEqual(Bucket("Raw").readWrite(keys: "enriched/*").statements(customerKey: false).map(\.value), [
            ["Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
             "Resource": .join("", [getAtt("Raw", "Arn"), "/enriched/*"])],
            ["Effect": "Allow", "Action": "s3:ListBucket", "Resource": getAtt("Raw", "Arn"),
             "Condition": ["StringLike": ["s3:prefix": ["enriched/*"]]]],
        ])
    }

    func testGrantResolvesInAPolicy() throws {
        let bucket = Bucket("Raw")
        let template = try XCTUnwrap(synthesize {
            bucket
            GrantPolicy("Grants", [bucket.write(keys: "raw/*")])
        })
        XCTAssertEqual(template.resources["Grants"]?.properties["PolicyDocument"], [
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:PutObject"],
                           // Bucket references resolve to the literal ARN from its physical name.
                           "Resource": .join("", ["arn:", .partition, ":s3:::test-test-raw-123456789012/raw/*"])]],
        ])
    }

    func testGrantsNeverUseWildcardActions() {
        let bucket = Bucket("Raw")
        for grant in [bucket.read(), bucket.write(), bucket.readWrite()] {
            XCTAssertEqual(grant.statements.flatMap(\.wildcardActions), [], grant.intent)
        }
    }

    // MARK: Diagnostics

    func testInvalidExplicitBucketName() {
        assertDiagnostic(failures { Bucket("Raw", name: "Raw_Data") },
                         code: "invalid-bucket-name", path: "Test/Raw", property: "name",
                         message: "bucket name 'Raw_Data' contains 'R'; only lowercase letters, digits, hyphens and dots are allowed")
    }

    func testDefaultBucketNameTooLong() {
        var settings = StackSettings.testing
        settings.namePrefix = "a-very-long-environment-prefix-for-names"
        assertDiagnostic(failures(settings) { Bucket("RawMarketData") },
                         code: "invalid-bucket-name", path: "Test/RawMarketData", property: "name",
                         message: "bucket name 'a-very-long-environment-prefix-for-names-test-raw-market-data-123456789012' must be 3 to 63 characters long (it has 74)")
    }

    func testBucketNameRules() {
        let invalid = [
            "ab", String(repeating: "a", count: 64), "raw_data", "Raw", "-raw", "raw.", "raw..data", "raw.-data",
            "192.168.1.10", "xn--raw", "raw-s3alias", "sthree-raw", "raw--ol-s3",
        ]
        for name in invalid { XCTAssertNotNil(NameRules.bucketNameProblem(name), name) }
        for name in ["abc", "raw-data", "raw.data.example", "1raw9", "192.168.1.x", String(repeating: "a", count: 63)] {
            XCTAssertNil(NameRules.bucketNameProblem(name), name)
        }
    }

    func testTransitionToInfrequentAccessTooEarly() {
        assertDiagnostic(failures { Bucket("Raw", lifecycle: [.transition(to: .standardInfrequentAccess, after: .days(10))]) },
                         code: "out-of-range", path: "Test/Raw", property: "lifecycle[0].transitions[0].after",
                         message: "lifecycle[0].transitions[0].after 10 days is out of range")
    }

    func testExpirationDaysOutOfRange() {
        assertDiagnostic(failures { Bucket("Raw", lifecycle: [.expire(after: .zero, prefix: "tmp/")]) },
                         code: "out-of-range", path: "Test/Raw", property: "lifecycle[0].expireAfter",
                         message: "lifecycle[0].expireAfter 0 days is out of range")
    }

    func testEmptyLifecycleRule() {
        assertDiagnostic(failures { Bucket("Raw", lifecycle: [LifecycleRule(prefix: "tmp/")]) },
                         code: "empty-lifecycle-rule", path: "Test/Raw", property: "lifecycle[0]",
                         message: "lifecycle rule 0 has no action")
    }

    func testDuplicateLifecycleRuleIds() {
        assertDiagnostic(failures {
            Bucket("Raw", lifecycle: [LifecycleRule(id: "a", expireAfter: .days(1)), LifecycleRule(id: "a", expireAfter: .days(2))])
        }, code: "duplicate-lifecycle-rule-id", path: "Test/Raw", property: "lifecycle",
           message: "two lifecycle rules of test-test-raw-123456789012 have the same id")
    }

    func testNoncurrentExpirationWithoutVersioningWarns() {
        assertDiagnostic(warnings { Bucket("Raw", lifecycle: [.expireNoncurrentVersions(after: .days(7))]) }, .warning,
                         code: "noncurrent-without-versioning", path: "Test/Raw", property: "lifecycle[0]",
                         message: "lifecycle rule 0 expires noncurrent versions, but the bucket is not versioned")
    }

    // MARK: Versioning follows retention

    func testBucketsAreVersionedWhereTheEnvironmentRetainsData() throws {
        let dev = try template { Bucket("Raw"); Bucket("Results", lifecycle: [.expire(after: .days(30))]) }
        XCTAssertNil(dev.resources["Raw"]?.properties["VersioningConfiguration"])
        XCTAssertNil(dev.resources["Results"]?.properties["LifecycleConfiguration"]?["Rules"]?[0]?["NoncurrentVersionExpiration"])

        let prod = try template(.retainingData) {
            Bucket("Raw"); Bucket("Results", lifecycle: [.expire(after: .days(30))]); Bucket("Scratch", versioned: false)
        }
        XCTAssertEqual(prod.resources["Raw"]?.properties["VersioningConfiguration"], ["Status": "Enabled"])
        XCTAssertNil(prod.resources["Scratch"]?.properties["VersioningConfiguration"], "an explicit choice stays")
        // An expiration would otherwise leave every expired object behind as an old version, forever.
        XCTAssertEqual(prod.resources["Results"]?.properties["LifecycleConfiguration"]?["Rules"]?[0]?["NoncurrentVersionExpiration"],
                       ["NoncurrentDays": 30])
    }

}
