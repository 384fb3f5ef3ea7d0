import StackAWS
import StackCore
import StackTemplate
import TestSupport
import XCTest

final class GlueCrawlerTests: XCTestCase {
    let raw = Bucket("Raw")
    let catalog = GlueDatabase("Catalog", name: "market_data")

    /// `arn:${AWS::Partition}:SERVICE:${AWS::Region}:${AWS::AccountId}:RESOURCE` as `Arn.build` renders it.
    private func arn(_ service: String, _ resource: String) -> TemplateValue {
        .join("", ["arn:", .partition, ":\(service):", .region, ":", .accountId, ":\(resource)"])
    }

    private func rawObjects(_ keys: String) -> TemplateValue { .join("", ["arn:", .partition, ":s3:::test-test-raw-123456789012/\(keys)"]) }
    private var rawBucketArn: TemplateValue { .join("", ["arn:", .partition, ":s3:::test-test-raw-123456789012"]) }

    private func catalogStatement(_ actions: [String]) -> TemplateValue {
        ["Effect": "Allow", "Action": .list(actions.map(TemplateValue.string)),
         "Resource": [arn("glue", "catalog"), arn("glue", "database/market_data"), arn("glue", "table/market_data/*")]]
    }

    private let crawlActions = [
        "glue:BatchCreatePartition", "glue:BatchGetPartition", "glue:BatchUpdatePartition", "glue:CreatePartition",
        "glue:CreateTable", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions", "glue:GetTable", "glue:GetTables",
        "glue:UpdatePartition", "glue:UpdateTable",
    ]

    private func logStatements(_ crawlerName: String) -> [TemplateValue] {
        [["Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": arn("logs", "log-group:/aws-glue/crawlers:*")],
         ["Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
          "Resource": arn("logs", "log-group:/aws-glue/crawlers:log-stream:\(crawlerName)")]]
    }

    func testCrawlerWithScheduleExclusionsAndInheritedPartitionSchemas() throws {
        let template = try template {
            raw; catalog
            GlueCrawler("Quotes", database: catalog,
                        targets: [.s3(raw, prefix: "quotes/", exclusions: ["**/_SUCCESS", "tmp/**"]), .s3(raw, prefix: "trades/")],
                        tablePrefix: "raw_", schedule: .cron("0 3 * * ? *"),
                        configuration: CrawlerConfiguration.inheritFromTable, description: "raw market data")
        }
        let crawler = try XCTUnwrap(template.resources["Quotes"])
        XCTAssertEqual(crawler.type, "AWS::Glue::Crawler")
        XCTAssertEqual(crawler.dependsOn, ["QuotesPolicy"])
        XCTAssertEqual(crawler.properties, [
            "Name": "test-test-quotes",
            "DatabaseName": .ref("Catalog"),
            "Role": .getAtt("QuotesRole", "Arn"),
            "Description": "raw market data",
            "TablePrefix": "raw_",
            "Schedule": ["ScheduleExpression": "cron(0 3 * * ? *)"],
            "SchemaChangePolicy": ["UpdateBehavior": "UPDATE_IN_DATABASE", "DeleteBehavior": "DEPRECATE_IN_DATABASE"],
            "RecrawlPolicy": ["RecrawlBehavior": "CRAWL_EVERYTHING"],
            "Configuration": #"{"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}},"Version":1.0}"#,
            "Targets": ["S3Targets": [
                ["Path": "s3://test-test-raw-123456789012/quotes/", "Exclusions": ["**/_SUCCESS", "tmp/**"]],
                ["Path": "s3://test-test-raw-123456789012/trades/"],
            ]],
        ])
        XCTAssertEqual(template.resources["QuotesRole"]?.properties["AssumeRolePolicyDocument"], [
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Principal": ["Service": "glue.amazonaws.com"], "Action": "sts:AssumeRole"]],
        ])
        // Exactly the crawled prefixes, the one database, the crawler's own log stream: no AWSGlueServiceRole.
        XCTAssertNil(template.resources["QuotesRole"]?.properties["ManagedPolicyArns"])
        XCTAssertEqual(template.resources["QuotesPolicy"]?.properties["PolicyDocument"], [
            "Version": "2012-10-17",
            "Statement": .list([
                ["Effect": "Allow", "Action": "s3:GetObject", "Resource": rawObjects("quotes/*")],
                ["Effect": "Allow", "Action": "s3:ListBucket", "Resource": rawBucketArn,
                 "Condition": ["StringLike": ["s3:prefix": ["quotes/*"]]]],
                ["Effect": "Allow", "Action": "s3:GetObject", "Resource": rawObjects("trades/*")],
                ["Effect": "Allow", "Action": "s3:ListBucket", "Resource": rawBucketArn,
                 "Condition": ["StringLike": ["s3:prefix": ["trades/*"]]]],
                catalogStatement(crawlActions),
            ] + logStatements("test-test-quotes")),
        ])
    }

    func testDefaultsAndWholeBucketTarget() throws {
        let template = try template {
            raw; catalog
            GlueCrawler("Everything", database: catalog, targets: [.s3(raw)], name: "market-everything")
        }
        let properties = try XCTUnwrap(template.resources["Everything"]?.properties)
        XCTAssertEqual(properties["Name"], "market-everything")
        XCTAssertEqual(properties["Targets"], ["S3Targets": [["Path": "s3://test-test-raw-123456789012/"]]])
        for absent in ["Schedule", "TablePrefix", "Configuration", "Description"] { XCTAssertNil(properties[absent], absent) }
        let statements = template.resources["EverythingPolicy"]?.properties["PolicyDocument"]?["Statement"]
        XCTAssertEqual(statements, .list([
            ["Effect": "Allow", "Action": "s3:GetObject", "Resource": rawObjects("*")],
            ["Effect": "Allow", "Action": "s3:ListBucket", "Resource": rawBucketArn],
            catalogStatement(crawlActions),
        ] + logStatements("market-everything")))
    }

    func testDeleteFromDatabaseAddsTheDeleteActionsOnly() throws {
        let template = try template {
            raw; catalog
            GlueCrawler("Quotes", database: catalog, targets: [.s3(raw, prefix: "quotes/")],
                        schemaChange: SchemaChangePolicy(update: .log, delete: .deleteFromDatabase))
        }
        XCTAssertEqual(template.resources["Quotes"]?.properties["SchemaChangePolicy"],
                       ["UpdateBehavior": "LOG", "DeleteBehavior": "DELETE_FROM_DATABASE"])
        guard case .list(let statements)? = template.resources["QuotesPolicy"]?.properties["PolicyDocument"]?["Statement"] else {
            return XCTFail("no statement list")
        }
        XCTAssertEqual(statements[2], catalogStatement((crawlActions + [
            "glue:BatchDeletePartition", "glue:BatchDeleteTable", "glue:DeletePartition", "glue:DeleteTable",
        ]).sorted()))
    }

    func testNewFoldersOnlyWithLogOnlyPolicy() throws {
        let template = try template {
            raw; catalog
            GlueCrawler("Quotes", database: catalog, targets: [.s3(raw, prefix: "quotes/")], schemaChange: .logOnly,
                        recrawl: .newFoldersOnly)
        }
        XCTAssertEqual(template.resources["Quotes"]?.properties["RecrawlPolicy"], ["RecrawlBehavior": "CRAWL_NEW_FOLDERS_ONLY"])
        XCTAssertEqual(template.resources["Quotes"]?.properties["SchemaChangePolicy"],
                       ["UpdateBehavior": "LOG", "DeleteBehavior": "LOG"])
    }

    func testCustomerKeyAddsDecryptOnlyForBucketsUsingIt() throws {
        let managed = Bucket("Managed", encryption: .kmsManaged)
        let template = try template(.hardened) {
            raw; managed; catalog
            GlueCrawler("Quotes", database: catalog, targets: [.s3(raw, prefix: "quotes/"), .s3(managed, prefix: "old/")])
        }
        let statements = try XCTUnwrap(template.resources["QuotesPolicy"]?.properties["PolicyDocument"]?["Statement"])
        guard case .list(let list) = statements else { return XCTFail("no statement list") }
        let kms = list.filter { $0["Action"] == "kms:Decrypt" }
        XCTAssertEqual(kms, [["Effect": "Allow", "Action": "kms:Decrypt", "Resource": .getAtt("DataKey", "Arn")]])
        XCTAssertEqual(list.count, 8, "two prefixes (get, list), the key, the catalog, two log statements")
    }

    func testStartGrant() throws {
        let crawler = GlueCrawler("Quotes", database: catalog, targets: [.s3(raw, prefix: "quotes/")])
        XCTAssertEqual(crawler.start.intent, "start Glue crawler Quotes")
        let template = try template {
            raw; catalog; crawler
            GrantPolicy("Grants", [crawler.start])
        }
        // The crawler's name is known at synthesis: the grant names it literally, without a dependency.
        XCTAssertEqual(template.resources["Grants"]?.properties["PolicyDocument"]?["Statement"], [
            ["Effect": "Allow", "Action": ["glue:GetCrawler", "glue:StartCrawler"], "Resource": arn("glue", "crawler/test-test-quotes")],
        ])
    }

    func testEveryVariantPassesCfnLint() throws {
        let managed = Bucket("Managed", encryption: .kmsManaged)
        let deleting = GlueCrawler("Deleting", database: catalog, targets: [.s3(raw, prefix: "a/"), .s3(managed, prefix: "b/")],
                                   schemaChange: SchemaChangePolicy(update: .updateInDatabase, delete: .deleteFromDatabase))
        var templates: [String: Template] = [:]
        for (label, settings) in [("dev", StackSettings.testing), ("prod", StackSettings.hardened)] {
            templates[label] = try template(settings) {
                raw; managed; catalog; deleting
                GlueCrawler("Full", database: catalog, targets: [.s3(raw, prefix: "quotes/", exclusions: ["**/_SUCCESS"])],
                            tablePrefix: "raw_", schedule: .cron("0 3 * * ? *"), configuration: CrawlerConfiguration.inheritFromTable,
                            description: "raw quotes")
                GlueCrawler("NewFolders", database: catalog, targets: [.s3(raw)], schemaChange: .logOnly, recrawl: .newFoldersOnly)
                GrantPolicy("Grants", [deleting.start])
            }
        }
        assertLintClean(templates)
    }

    // MARK: Diagnostics

    private func crawlerErrors(_ crawler: GlueCrawler) -> [Diagnostic] {
        failures { raw; catalog; crawler }
    }

    func testNoTargets() {
        assertDiagnostic(crawlerErrors(GlueCrawler("C", database: catalog, targets: [])),
                         code: "invalid-glue-crawler", path: "Test/C", property: "targets", message: "the crawler has no targets")
    }

    func testPrefixWithoutTrailingSlash() {
        let errors = crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw, prefix: "raw/quotes")]))
        assertDiagnostic(errors, code: "invalid-glue-crawler", path: "Test/C", property: "targets[0]",
                         message: "prefix 'raw/quotes' does not end with '/', so the crawler's read grant would reach every key starting with it")
        XCTAssertEqual(errors.first?.hint, "write prefix: \"raw/quotes/\"")
    }

    func testPrefixAsURILeadingSlashOrWildcard() {
        let messages = [
            ("s3://b/raw/", "prefix 's3://b/raw/' is a URI; the bucket is given by the construct"),
            ("/raw/", "prefix '/raw/' starts with '/'; S3 keys do not"),
            ("raw/*/", "prefix 'raw/*/' contains a wildcard"),
        ]
        for (prefix, message) in messages {
            assertDiagnostic(crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw, prefix: prefix)])),
                             code: "invalid-glue-crawler", path: "Test/C", property: "targets[0]", message: message)
        }
    }

    func testPrefixCrawledTwice() {
        let errors = crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw, prefix: "q/"), .s3(raw, prefix: "q/")]))
        assertDiagnostic(errors, code: "invalid-glue-crawler", path: "Test/C", property: "targets[1]",
                         message: "Raw prefix 'q/' is crawled twice (targets[0] and targets[1])")
    }

    func testBadExclusion() {
        let errors = crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw, prefix: "q/", exclusions: ["", "/tmp/**"])]))
        XCTAssertEqual(errors.map(\.message), [
            "exclusion '' must be a non-empty glob relative to the prefix",
            "exclusion '/tmp/**' must be a non-empty glob relative to the prefix",
        ])
        XCTAssertEqual(Set(errors.map(\.property)), ["targets[0]"])
        XCTAssertEqual(errors.first?.hint, "write e.g. \"**/_SUCCESS\" or \"tmp/**\"")
    }

    func testTablePrefixAthenaCannotQuery() {
        let errors = crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw)], tablePrefix: "Raw-"))
        assertDiagnostic(errors, code: "invalid-glue-crawler", path: "Test/C", property: "tablePrefix",
                         message: "table prefix name 'Raw-' must be lowercase letters, digits and underscores (Athena cannot query other names)")
        XCTAssertEqual(errors.first?.hint, "use 'raw'")
    }

    func testRateScheduleIsRejected() {
        let errors = crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw)], schedule: .rate(1, .day)))
        assertDiagnostic(errors, code: "invalid-schedule", path: "Test/C", property: "schedule",
                         message: "rate(1 day): Glue crawler schedules are cron(...) expressions only")
    }

    func testCronIsValidatedFieldByField() {
        let errors = crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw)], schedule: .cron("0 25 * * ? *")))
        XCTAssertEqual(errors.map(\.code), ["invalid-schedule"])
        XCTAssertEqual(errors.first?.property, "schedule")
        XCTAssertTrue(errors.first?.message.contains("hours") == true, errors.first?.message ?? "")
    }

    func testNewFoldersOnlyNeedsLogOnlyPolicy() {
        let errors = crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw)], recrawl: .newFoldersOnly))
        assertDiagnostic(errors, code: "invalid-glue-crawler", path: "Test/C", property: "recrawl",
                         message: "CRAWL_NEW_FOLDERS_ONLY needs UpdateBehavior LOG and DeleteBehavior LOG; the schema-change policy is UPDATE_IN_DATABASE/DEPRECATE_IN_DATABASE")
        XCTAssertEqual(errors.first?.hint, "pass schemaChange: .logOnly, or recrawl: .everything")
    }

    func testConfigurationMustBeAnObject() {
        assertDiagnostic(crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw)], configuration: "InheritFromTable")),
                         code: "invalid-glue-crawler", path: "Test/C", property: "configuration",
                         message: "the configuration must be a JSON object")
    }

    func testNameThatCannotNameItsLogStream() {
        assertDiagnostic(crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw)], name: "market:quotes")),
                         code: "invalid-glue-crawler", path: "Test/C", property: "name",
                         message: "crawler name 'market:quotes' contains a control character, ':' or '*'")
        assertDiagnostic(crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw)], name: String(repeating: "c", count: 256))),
                         code: "invalid-glue-crawler", path: "Test/C", property: "name",
                         message: "the crawler name is 256 characters; Glue allows 255")
    }

    func testDescriptionTooLong() {
        assertDiagnostic(crawlerErrors(GlueCrawler("C", database: catalog, targets: [.s3(raw)], description: String(repeating: "d", count: 2049))),
                         code: "invalid-glue-crawler", path: "Test/C", property: "description",
                         message: "the description is 2049 characters; Glue allows 2048")
    }

    func testUndeclaredBucketAndDatabase() {
        let errors = failures { GlueCrawler("C", database: catalog, targets: [.s3(raw, prefix: "q/")]) }
        XCTAssertEqual(errors.map(\.code), ["undeclared-construct", "undeclared-construct"])
        XCTAssertEqual(Set(errors.compactMap(\.property)), ["database", "targets[0]"])
    }
}
