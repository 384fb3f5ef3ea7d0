import StackAWS
import StackCore
import StackTemplate
import XCTest

final class GlueTableTests: XCTestCase {
    let catalog = GlueDatabase("Catalog", name: "market_data")
    let columns = [Column("symbol", .string), Column("price", .double), Column("volume", .bigint),
                   Column("ts", .timestamp, comment: "tick time (UTC)")]

    func testDatabase() throws {
        let template = try template { catalog }
        let database = try XCTUnwrap(template.resources["Catalog"])
        XCTAssertEqual(database.type, "AWS::Glue::Database")
        XCTAssertEqual(database.properties, [
            "CatalogId": .ref("AWS::AccountId"),
            "DatabaseInput": ["Name": "market_data"],
        ])
        XCTAssertNil(database.deletionPolicy)
    }

    func testJSONTableReferencesItsDatabaseByRef() throws {
        let template = try template {
            catalog
            GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://raw-bucket/quotes/", format: .json,
                      columns: columns, description: "one JSON quote per line")
        }
        let table = try XCTUnwrap(template.resources["Quotes"])
        XCTAssertEqual(table.type, "AWS::Glue::Table")
        XCTAssertEqual(table.dependsOn, [])
        XCTAssertEqual(table.properties, [
            "CatalogId": .ref("AWS::AccountId"),
            "DatabaseName": .ref("Catalog"),
            "TableInput": [
                "Name": "quotes",
                "Description": "one JSON quote per line",
                "TableType": "EXTERNAL_TABLE",
                "Parameters": ["classification": "json", "EXTERNAL": "TRUE"],
                "StorageDescriptor": [
                    "Columns": [
                        ["Name": "symbol", "Type": "string"],
                        ["Name": "price", "Type": "double"],
                        ["Name": "volume", "Type": "bigint"],
                        ["Name": "ts", "Type": "timestamp", "Comment": "tick time (UTC)"],
                    ],
                    "Location": "s3://raw-bucket/quotes/",
                    "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
                    "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                    "SerdeInfo": ["SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"],
                ],
            ],
        ])
    }

    func testParquetTableWithInterpolatedLocation() throws {
        let bucket = BareFunction("Raw")  // any construct: only its Ref is used
        let template = try template {
            bucket
            catalog
            GlueTable("Trades", database: catalog, name: "trades", location: "s3://\(bucket.ref())/trades/", format: .parquet,
                      columns: [Column("id", .string)])
        }
        let input = try XCTUnwrap(template.resources["Trades"]?.properties["TableInput"])
        XCTAssertEqual(input["Parameters"], ["classification": "parquet", "EXTERNAL": "TRUE"])
        XCTAssertEqual(input["StorageDescriptor"]?["Location"], .join("", ["s3://", .ref("Raw"), "/trades/"]))
        XCTAssertEqual(input["StorageDescriptor"]?["InputFormat"], "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
        XCTAssertEqual(input["StorageDescriptor"]?["OutputFormat"], "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
        XCTAssertEqual(input["StorageDescriptor"]?["SerdeInfo"], [
            "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
            "Parameters": ["serialization.format": "1"],
        ])
    }

    func testCSVTableSkipsHeader() throws {
        let template = try template {
            catalog
            GlueTable("Prices", database: catalog, name: "prices", location: "s3://b/prices/", format: .csv(header: true),
                      columns: [Column("day", .date), Column("close", .decimal(12, 4))])
            GlueTable("NoHeader", database: catalog, name: "no_header", location: "s3://b/nh/", format: .csv(header: false),
                      columns: [Column("n", .int)])
        }
        let input = try XCTUnwrap(template.resources["Prices"]?.properties["TableInput"])
        XCTAssertEqual(input["Parameters"], ["classification": "csv", "EXTERNAL": "TRUE", "skip.header.line.count": "1"])
        XCTAssertEqual(input["StorageDescriptor"]?["SerdeInfo"], [
            "SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
            "Parameters": ["field.delim": ",", "serialization.format": ","],
        ])
        XCTAssertEqual(input["StorageDescriptor"]?["Columns"], [["Name": "day", "Type": "date"], ["Name": "close", "Type": "decimal(12,4)"]])
        XCTAssertEqual(template.resources["NoHeader"]?.properties["TableInput"]?["Parameters"], ["classification": "csv", "EXTERNAL": "TRUE"])
    }

    func testPartitionProjection() throws {
        let template = try template {
            catalog
            GlueTable("Ticks", database: catalog, name: "ticks", location: "s3://b/ticks/", format: .json,
                      columns: [Column("symbol", .string)],
                      partitionKeys: [Column("dt", .string), Column("hour", .int), Column("region", .string), Column("source", .string)],
                      projection: PartitionProjection([
                          "dt": .date(format: "yyyy-MM-dd", range: "2024-01-01,NOW"),
                          "hour": .integer(0...23, digits: 2),
                          "region": .enumeration(["eu", "us"]),
                          "source": .injected,
                      ], locationTemplate: "s3://b/ticks/${dt}/${hour}/${region}/${source}/"))
        }
        let input = try XCTUnwrap(template.resources["Ticks"]?.properties["TableInput"])
        XCTAssertEqual(input["PartitionKeys"], [
            ["Name": "dt", "Type": "string"], ["Name": "hour", "Type": "int"],
            ["Name": "region", "Type": "string"], ["Name": "source", "Type": "string"],
        ])
        XCTAssertEqual(input["Parameters"], [
            "classification": "json", "EXTERNAL": "TRUE",
            "projection.enabled": "true",
            "projection.dt.type": "date", "projection.dt.format": "yyyy-MM-dd", "projection.dt.range": "2024-01-01,NOW",
            "projection.dt.interval": "1", "projection.dt.interval.unit": "DAYS",
            "projection.hour.type": "integer", "projection.hour.range": "0,23", "projection.hour.digits": "2",
            "projection.region.type": "enum", "projection.region.values": "eu,us",
            "projection.source.type": "injected",
            "storage.location.template": "s3://b/ticks/${dt}/${hour}/${region}/${source}/",
        ])
    }

    func testColumnTypeNames() {
        XCTAssertEqual(ColumnType.decimal(10, 2).hiveName, "decimal(10,2)")
        XCTAssertEqual(ColumnType.array(.string).hiveName, "array<string>")
        XCTAssertEqual(ColumnType.map(.string, .double).hiveName, "map<string,double>")
        XCTAssertEqual(ColumnType.struct([Column("a", .int), Column("b", .array(.boolean))]).hiveName, "struct<a:int,b:array<boolean>>")
        XCTAssertEqual(ColumnType.varchar(64).hiveName, "varchar(64)")
        XCTAssertEqual(ColumnType.raw("array<struct<x:int>>").hiveName, "array<struct<x:int>>")
        XCTAssertEqual([ColumnType.string, .double, .float, .bigint, .int, .smallint, .tinyint, .boolean, .timestamp, .date, .binary].map(\.hiveName),
                       ["string", "double", "float", "bigint", "int", "smallint", "tinyint", "boolean", "timestamp", "date", "binary"])
    }

    // MARK: Grants

    func testDatabaseQueryGrant() {
        XCTAssertEqual(catalog.query.statements, [PolicyStatement(
            actions: ["glue:BatchGetPartition", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions",
                      "glue:GetTable", "glue:GetTables"],
            resources: [
                .join("", ["arn:", .partition, ":glue:", .region, ":", .accountId, ":catalog"]),
                .join("", ["arn:", .partition, ":glue:", .region, ":", .accountId, ":database/market_data"]),
                .join("", ["arn:", .partition, ":glue:", .region, ":", .accountId, ":table/market_data/*"]),
            ])])
        XCTAssertEqual(catalog.query.intent, "query Glue database market_data")
    }

    func testTableQueryGrant() {
        let table = GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://b/q/", format: .json, columns: columns)
        XCTAssertEqual(table.query.statements, [PolicyStatement(
            actions: ["glue:BatchGetPartition", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions",
                      "glue:GetTable", "glue:GetTables"],
            resources: [
                .join("", ["arn:", .partition, ":glue:", .region, ":", .accountId, ":catalog"]),
                .join("", ["arn:", .partition, ":glue:", .region, ":", .accountId, ":database/market_data"]),
                .join("", ["arn:", .partition, ":glue:", .region, ":", .accountId, ":table/market_data/quotes"]),
            ])])
        XCTAssertEqual(table.query.intent, "query Glue table market_data.quotes")
    }

    // MARK: Diagnostics

    func testInvalidDatabaseName() {
        let errors = synthesisErrors { GlueDatabase("Catalog", name: "Market-Data") }
        XCTAssertEqual(errors, [Diagnostic(
            .error, path: "Test/Catalog", property: "name", code: "invalid-glue-database",
            message: "database name 'Market-Data' must be lowercase letters, digits and underscores (Athena cannot query other names)",
            hint: "use 'market_data'")])
        XCTAssertEqual(synthesisErrors { GlueDatabase("Catalog", name: "") }.first?.message, "the database name is empty")
        XCTAssertEqual(synthesisErrors { GlueDatabase("Catalog", name: String(repeating: "a", count: 256)) }.first?.message,
                       "the database name is 256 characters; Glue allows 255")
    }

    func testInvalidTableName() {
        let errors = synthesisErrors {
            catalog
            GlueTable("Quotes", database: catalog, name: "Quotes", location: "s3://b/q/", format: .json, columns: columns)
        }
        XCTAssertEqual(errors.map(\.code), ["invalid-glue-table"])
        XCTAssertEqual(errors.first?.property, "name")
        XCTAssertEqual(errors.first?.message,
                       "table name 'Quotes' must be lowercase letters, digits and underscores (Athena cannot query other names)")
    }

    func testUppercaseColumnName() {
        let errors = synthesisErrors {
            catalog
            GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://b/q/", format: .json,
                      columns: [Column("symbol", .string), Column("lastPrice", .double)])
        }
        XCTAssertEqual(errors, [Diagnostic(
            .error, path: "Test/Quotes", property: "columns[1]", code: "invalid-glue-table",
            message: "column name 'lastPrice' must be lowercase letters, digits and underscores", hint: "use 'last_price'")])
    }

    func testDuplicateColumnAcrossPartitionKeys() {
        let errors = synthesisErrors {
            catalog
            GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://b/q/", format: .json,
                      columns: [Column("symbol", .string), Column("dt", .string)], partitionKeys: [Column("dt", .string)])
        }
        XCTAssertEqual(errors, [Diagnostic(
            .error, path: "Test/Quotes", property: "partitionKeys[0]", code: "invalid-glue-table",
            message: "column 'dt' is defined twice (columns[1] and partitionKeys[0])",
            hint: "give each column and partition key a unique name")])
    }

    func testInvalidColumnTypes() {
        let errors = synthesisErrors {
            catalog
            GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://b/q/", format: .json, columns: [
                Column("a", .decimal(40, 2)), Column("b", .decimal(10, 11)), Column("c", .array(.struct([]))),
                Column("d", .struct([Column("X", .int)])),
            ])
        }
        XCTAssertEqual(errors.map(\.message), [
            "column 'a': decimal precision 40 is out of range 1-38",
            "column 'b': decimal scale 11 is out of range 0-10",
            "column 'c': a struct needs at least one field",
            "column 'd': struct field name 'X' must be lowercase letters, digits and underscores",
        ])
        XCTAssertEqual(Set(errors.map(\.code)), ["invalid-glue-table"])
    }

    func testNoColumns() {
        let errors = synthesisErrors {
            catalog
            GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://b/q/", format: .json, columns: [])
        }
        XCTAssertEqual(errors.map(\.message), ["the table has no columns"])
    }

    func testLocationMustBeS3() {
        let errors = synthesisErrors {
            catalog
            GlueTable("Quotes", database: catalog, name: "quotes", location: "raw-bucket/quotes/", format: .json, columns: columns)
        }
        XCTAssertEqual(errors.map(\.code), ["invalid-glue-table"])
        XCTAssertEqual(errors.first?.property, "location")
        XCTAssertEqual(errors.first?.message, "location must be an S3 URI like s3://bucket/prefix/")
    }

    func testProjectionMustCoverExactlyThePartitionKeys() {
        let errors = synthesisErrors {
            catalog
            GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://b/q/", format: .json, columns: columns,
                      partitionKeys: [Column("dt", .string), Column("hour", .int)],
                      projection: PartitionProjection(["dt": .date(format: "yyyy-MM-dd", range: "2024-01-01"), "day": .injected]))
        }
        XCTAssertEqual(errors.map(\.message), [
            "partition projection names 'day', which is not a partition key",
            "partition key 'hour' has no projection; Athena needs one for every partition key when projection is on",
            "partition projection 'dt': the date range '2024-01-01' needs START,END",
        ])
        XCTAssertEqual(Set(errors.map(\.property)), ["projection"])
        XCTAssertEqual(Set(errors.map(\.path)), ["Test/Quotes"])
    }

    func testTableInAnotherStackImportsTheDatabaseName() throws {
        let result = try synthesizer().synthesize([
            AdHocStack("Catalog") { catalog },
            AdHocStack("Tables") {
                GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://b/q/", format: .json, columns: columns)
            },
        ])
        XCTAssertEqual(result.stacks.last?.template.resources["Quotes"]?.properties["DatabaseName"],
                       .importValue("test-Catalog:Catalog:Ref"))
    }
}
