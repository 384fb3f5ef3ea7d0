import StackAWS
import StackCore
import StackTemplate
import XCTest

final class TableTests: XCTestCase {
    func testDefaultTable() throws {
        let template = try XCTUnwrap(synthesize { Table("Quotes", partitionKey: .string("symbol")) })
        let table = try XCTUnwrap(template.resource("Quotes"))
        XCTAssertEqual(table.type, "AWS::DynamoDB::Table")
        XCTAssertEqual(table.properties, [
            "TableName": "test-test-quotes",
            "AttributeDefinitions": [["AttributeName": "symbol", "AttributeType": "S"]],
            "KeySchema": [["AttributeName": "symbol", "KeyType": "HASH"]],
            "BillingMode": "PAY_PER_REQUEST",
            "SSESpecification": ["SSEEnabled": true],
        ])
        XCTAssertEqual(table.deletionPolicy, .delete)
        XCTAssertEqual(table.updateReplacePolicy, .delete)
    }

    func testAllOptions() throws {
        let template = try XCTUnwrap(synthesize {
            Table("Quotes", name: "quotes.v2", partitionKey: .string("symbol"), sortKey: .number("timestamp"),
                  billing: .provisioned(read: 5, write: 2), stream: .newAndOldImages, timeToLive: "expiresAt",
                  pointInTimeRecovery: true)
        })
        let table = try XCTUnwrap(template.resource("Quotes"))
        XCTAssertEqual(table.properties, [
            "TableName": "quotes.v2",
            "AttributeDefinitions": [["AttributeName": "symbol", "AttributeType": "S"],
                                     ["AttributeName": "timestamp", "AttributeType": "N"]],
            "KeySchema": [["AttributeName": "symbol", "KeyType": "HASH"], ["AttributeName": "timestamp", "KeyType": "RANGE"]],
            "BillingMode": "PROVISIONED",
            "ProvisionedThroughput": ["ReadCapacityUnits": 5, "WriteCapacityUnits": 2],
            "StreamSpecification": ["StreamViewType": "NEW_AND_OLD_IMAGES"],
            "TimeToLiveSpecification": ["AttributeName": "expiresAt", "Enabled": true],
            "PointInTimeRecoverySpecification": ["PointInTimeRecoveryEnabled": true],
            "SSESpecification": ["SSEEnabled": true],
        ])
    }

    func testRetainedEnvironmentProtectsTableAndEnablesRecovery() throws {
        let template = try XCTUnwrap(synthesize(.testingRetained) {
            Table("Quotes", partitionKey: .binary("id"))
            Table("Scratch", partitionKey: .string("id"), pointInTimeRecovery: false)
        })
        let quotes = try XCTUnwrap(template.resource("Quotes"))
        XCTAssertEqual(quotes.deletionPolicy, .retain)
        XCTAssertEqual(quotes.updateReplacePolicy, .retain)
        XCTAssertEqual(quotes.properties["DeletionProtectionEnabled"], true)
        XCTAssertEqual(quotes.properties["PointInTimeRecoverySpecification"], ["PointInTimeRecoveryEnabled": true])
        XCTAssertEqual(quotes.properties["AttributeDefinitions"], [["AttributeName": "id", "AttributeType": "B"]])
        XCTAssertNil(template.resources["Scratch"]?.properties["PointInTimeRecoverySpecification"])
    }

    func testReferencesAndStream() {
        let table = Table("Quotes", partitionKey: .string("symbol"), stream: .newImage)
        XCTAssertEqual(table.stream, .newImage)
        XCTAssertNil(Table("Plain", partitionKey: .string("id")).stream)
        XCTAssertEqual(table.arn, getAtt("Quotes", "Arn"))
        XCTAssertEqual(table.name, ref("Quotes"))
        XCTAssertEqual(table.streamArn, getAtt("Quotes", "StreamArn"))
    }

    func testReadDataGrant() {
        let grant = Table("Quotes", partitionKey: .string("symbol")).readData
        XCTAssertEqual(grant.intent, "readData Quotes")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [readStatement])
    }

    func testWriteDataGrant() {
        XCTAssertEqual(Table("Quotes", partitionKey: .string("symbol")).writeData.statements(customerKey: false).map(\.value), [writeStatement])
    }

    func testUpdateDataGrantIsExactlyUpdateItem() {
        let grant = Table("Quotes", partitionKey: .string("symbol")).updateData
        XCTAssertEqual(grant.intent, "updateData Quotes")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [[
            "Effect": "Allow",
            "Action": "dynamodb:UpdateItem",
            "Resource": getAtt("Quotes", "Arn"),
        ]])
    }

    func testReadWriteDataGrant() {
        XCTAssertEqual(Table("Quotes", partitionKey: .string("symbol")).readWriteData.statements(customerKey: false).map(\.value),
                       [readStatement, writeStatement])
    }

    func testStreamReadGrant() {
        let grant = Table("Quotes", partitionKey: .string("symbol"), stream: .newImage).streamRead
        XCTAssertEqual(grant.intent, "streamRead Quotes")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [
            ["Effect": "Allow", "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
             "Resource": getAtt("Quotes", "StreamArn")],
            ["Effect": "Allow", "Action": "dynamodb:ListStreams", "Resource": "*"],
        ])
    }

    func testGrantResolvesInAPolicy() throws {
        let table = Table("Quotes", partitionKey: .string("symbol"))
        XCTAssertEqual(grantPolicyStatements(table, [table.readData]), [
            ["Effect": "Allow",
             "Action": ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
                        "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
             "Resource": [.getAtt("Quotes", "Arn"), .join("", [.getAtt("Quotes", "Arn"), "/index/*"])]],
        ])
    }

    private let readStatement: TemplateValue = [
        "Effect": "Allow",
        "Action": ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
                   "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
        "Resource": [getAtt("Quotes", "Arn"), .join("", [getAtt("Quotes", "Arn"), "/index/*"])],
    ]

    private let writeStatement: TemplateValue = [
        "Effect": "Allow",
        "Action": ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable",
                   "dynamodb:PutItem", "dynamodb:UpdateItem"],
        "Resource": getAtt("Quotes", "Arn"),
    ]

    // MARK: Diagnostics

    func testInvalidTableName() {
        assertDiagnostic(failures { Table("Quotes", name: "qs", partitionKey: .string("symbol")) },
                         code: "invalid-table-name", path: "Test/Quotes", property: "name",
                         message: "table name 'qs' must be 3 to 255 characters long (it has 2)")
        XCTAssertNotNil(NameRules.tableNameProblem("quotes/v2"))
        XCTAssertNil(NameRules.tableNameProblem("Quotes_v2.table-a"))
    }

    func testProvisionedCapacityOutOfRange() {
        assertDiagnostic(failures { Table("Quotes", partitionKey: .string("symbol"), billing: .provisioned(read: 0, write: 1)) },
                         code: "out-of-range", path: "Test/Quotes", property: "billing.read",
                         message: "billing.read 0 is out of range")
    }

    func testSameAttributeForBothKeys() {
        assertDiagnostic(failures { Table("Quotes", partitionKey: .string("symbol"), sortKey: .number("symbol")) },
                         code: "duplicate-key", path: "Test/Quotes", property: "sortKey",
                         message: "the partition key and the sort key are both 'symbol'")
    }

    func testEmptyTimeToLiveAttribute() {
        assertDiagnostic(failures { Table("Quotes", partitionKey: .string("symbol"), timeToLive: "") },
                         code: "invalid-attribute-name", path: "Test/Quotes", property: "timeToLive",
                         message: "time-to-live attribute name '' must be 1 to 255 bytes long")
    }
}
