import StackAWS
import StackCore
import StackTemplate
import XCTest

/// `customerManagedKey: true`: one key per stack encrypts every data store, its policy lets the account
/// administer it and the services that deliver into encrypted stores use it, and grants gain exactly
/// the key actions they need — in that environment only.
final class CustomerKeyTests: XCTestCase {
    static var keyed: StackSettings {
        var settings = StackSettings.testing
        settings.customerManagedKey = true
        return settings
    }
    let key: TemplateValue = .getAtt("DataKey", "Arn")

    private func estate(_ settings: StackSettings) throws -> Template {
        try XCTUnwrap(synthesizeLambda(settings) {
            let raw = Bucket("Raw")
            let quotes = Table("Quotes", partitionKey: .string("symbol"), stream: .newImage)
            let jobs = Queue("Jobs", visibilityTimeout: .minutes(3), deadLetter: .init(maxReceiveCount: 3))
            let ticks = KinesisStream("Ticks")
            let alerts = Topic("Alerts", subscriptions: [.sqs(jobs)])
            raw; quotes; jobs; ticks; alerts
            Function("Fn", product: "fn") {
                Trigger.sqs(jobs)
                Env(TestEnv.self) { $0[.bucket] = raw.name; $0[.topic] = alerts.arn }
                Allow(raw.write(keys: "out/*"), quotes.readData, alerts.publish, ticks.write)
            }
            Rule("Nightly", schedule: .rate(1, .day), targets: [.sqs(jobs)])
        })
    }

    func testEveryDataStoreUsesTheStacksKey() throws {
        let template = try estate(Self.keyed)
        XCTAssertEqual(template.resources["Raw"]?.properties["BucketEncryption"], ["ServerSideEncryptionConfiguration": [
            ["BucketKeyEnabled": true, "ServerSideEncryptionByDefault": ["KMSMasterKeyID": key, "SSEAlgorithm": "aws:kms"]],
        ]])
        XCTAssertEqual(template.resources["Quotes"]?.properties["SSESpecification"], ["KMSMasterKeyId": key, "SSEEnabled": true, "SSEType": "KMS"])
        for queue in ["Jobs", "JobsDLQ"] {
            XCTAssertEqual(template.resources[queue]?.properties["KmsMasterKeyId"], key, queue)
            XCTAssertNil(template.resources[queue]?.properties["SqsManagedSseEnabled"], queue)
        }
        XCTAssertEqual(template.resources["Ticks"]?.properties["StreamEncryption"], ["EncryptionType": "KMS", "KeyId": key])
        XCTAssertEqual(template.resources["Alerts"]?.properties["KmsMasterKeyId"], key)
        XCTAssertEqual(template.resources["FnLogGroup"]?.properties["KmsKeyId"], key)
        XCTAssertEqual(template.resources["Fn"]?.properties["KmsKeyArn"], key)
        XCTAssertEqual(template.resources.values.filter { $0.type == "AWS::KMS::Key" }.count, 1, "one key per stack")
    }

    func testTheKeyPolicyAdministersDelegatesAndLetsOnlyTheDeliveringServicesIn() throws {
        let template = try estate(Self.keyed)
        let key = try XCTUnwrap(template.resources["DataKey"])
        XCTAssertEqual(key.properties["EnableKeyRotation"], true)
        XCTAssertEqual(key.constructPath, "Test/DataKey")
        guard case .list(let statements)? = key.properties["KeyPolicy"]?["Statement"] else { return XCTFail("no key policy") }
        let root: TemplateValue = ["AWS": .join("", ["arn:", .partition, ":iam::", .accountId, ":root"])]
        XCTAssertEqual(statements.map { $0["Sid"] }, ["AdministerTheKey", "UseThroughIAM", "GrantsForAWSServices", "AlertsDelivers", "FnLogs", "NightlyTarget0"])
        XCTAssertEqual(statements[0]["Principal"], root)
        XCTAssertFalse(statements.contains { $0["Action"] == "kms:*" }, "named actions only")
        XCTAssertEqual(statements[2]["Condition"], ["Bool": ["kms:GrantIsForAWSResource": "true"]])
        XCTAssertEqual(statements[3], [
            "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Effect": "Allow", "Principal": ["Service": "sns.amazonaws.com"],
            "Resource": "*", "Sid": "AlertsDelivers",
            "Condition": ["ArnEquals": ["aws:SourceArn": .join("", ["arn:", .partition, ":sns:", .region, ":", .accountId, ":test-test-alerts"])]],
        ])
        XCTAssertEqual(statements[4]["Principal"], ["Service": .sub("logs.${AWS::Region}.amazonaws.com", [:])])
        XCTAssertEqual(statements[4]["Action"], .list(CustomerKey.logs.map(TemplateValue.string)))
        XCTAssertEqual(statements[4]["Condition"], ["ArnEquals": ["kms:EncryptionContext:aws:logs:arn":
            .join("", ["arn:", .partition, ":logs:", .region, ":", .accountId, ":log-group:/stackctl/test/Test/Fn"])]])
        XCTAssertEqual(statements[5]["Principal"], ["Service": "events.amazonaws.com"])
    }

    func testGrantsGainExactlyTheKeyActionsTheyNeed() throws {
        let template = try estate(Self.keyed)
        let keyStatements = policyStatements(template, "Fn").filter { $0["Resource"] == key }
        // consume (SQS trigger), readData: decrypt; write, publish, Kinesis write, dead letters: encrypt.
        XCTAssertEqual(keyStatements, [statement(["kms:Decrypt", "kms:GenerateDataKey"], key)], "one merged statement")
    }

    func testWithoutACustomerKeyNothingChanges() throws {
        let template = try estate(.testing)
        XCTAssertNil(template.resources["DataKey"])
        XCTAssertFalse(policyStatements(template, "Fn").contains { "\($0)".contains("kms:") })
        XCTAssertEqual(template.resources["Jobs"]?.properties["SqsManagedSseEnabled"], true)
        XCTAssertEqual(template.resources["Alerts"]?.properties["KmsMasterKeyId"], "alias/aws/sns")
        XCTAssertNil(template.resources["Fn"]?.properties["KmsKeyArn"])
    }

    func testTheKeyHoldsDataAndIsRetainedWithIt() throws {
        var settings = Self.keyed
        settings.retainData = true
        let key = try XCTUnwrap(try estate(settings).resources["DataKey"])
        XCTAssertEqual(key.deletionPolicy, .retain, "deleting a key makes what it encrypted unreadable")
        XCTAssertEqual(key.properties["PendingWindowInDays"], 30)
    }
}
