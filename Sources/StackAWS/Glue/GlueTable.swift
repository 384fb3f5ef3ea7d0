import StackCore
import StackTemplate

/// An external Glue catalog table over files in S3, for Athena.
///
/// ```swift
/// GlueTable("Quotes", database: catalog, name: "quotes", location: "s3://\(raw.name)/quotes/",
///           format: .json, columns: [Column("symbol", .string), Column("price", .double)],
///           partitionKeys: [Column("dt", .string)],
///           projection: PartitionProjection(["dt": .date(format: "yyyy-MM-dd", range: "2024-01-01,NOW")]))
/// ```
///
/// The table names its database with the database's `Ref` (its name), so CloudFormation creates the
/// database first without a `DependsOn`. Reading the data also needs S3 read on `location`: that grant
/// comes from the bucket, and running queries from `AthenaWorkGroup.runQueries`.
public struct GlueTable: Referenceable {
    public let id: String
    public var database: GlueDatabase
    public var name: String
    /// `s3://bucket/prefix/`: usually `"s3://\(bucket.name)/prefix/"`.
    public var location: TemplateValue
    public var format: TableFormat
    public var columns: [Column]
    public var partitionKeys: [Column]
    public var projection: PartitionProjection?
    public var description: String?

    public init(
        _ id: String, database: GlueDatabase, name: String, location: TemplateValue, format: TableFormat,
        columns: [Column], partitionKeys: [Column] = [], projection: PartitionProjection? = nil, description: String? = nil
    ) {
        self.id = id
        self.database = database
        self.name = name
        self.location = location
        self.format = format
        self.columns = columns
        self.partitionKeys = partitionKeys
        self.projection = projection
        self.description = description
    }

    /// For Athena users: read the table's metadata and partitions (S3 reads of the data are separate).
    public var query: Grant {
        Grant("query Glue table \(database.name).\(name)", actions: GlueActions.query, resources: [
            GlueArn.catalog, GlueArn.database(database.name), GlueArn.table(database: database.name, table: name),
        ])
    }

    public func synthesize(in scope: Scope) {
        validate(in: scope)
        // Only the database's id is rendered (its `Ref`), but `query` names it: a copy that differs is an error.
        _ = scope.declared(database, property: "database")

        var parameters: [String: TemplateValue] = ["classification": .string(format.classification), "EXTERNAL": "TRUE"]
        if case .csv(header: true) = format { parameters["skip.header.line.count"] = "1" }
        if let projection {
            for (key, value) in projection.parameters { parameters[key] = value }
        }

        let storage: [String: TemplateValue] = [
            "Columns": .list(columns.map(\.value)),
            "Location": location,
            "InputFormat": .string(format.inputFormat),
            "OutputFormat": .string(format.outputFormat),
            "SerdeInfo": format.serde,
        ]

        var input: [String: TemplateValue] = [
            "Name": .string(name),
            "TableType": "EXTERNAL_TABLE",
            "Parameters": .map(parameters),
            "StorageDescriptor": .map(storage),
        ]
        if !partitionKeys.isEmpty { input["PartitionKeys"] = .list(partitionKeys.map(\.value)) }
        if let description { input["Description"] = .string(description) }

        scope.resource("", Resource(type: "AWS::Glue::Table", properties: [
            "CatalogId": .accountId,
            "DatabaseName": database.ref(),
            "TableInput": .map(input),
        ]))
    }

    private func validate(in scope: Scope) {
        func fail(_ message: String, hint: String? = nil, property: String) {
            scope.error(.invalidGlueTable, message, hint: hint, property: property)
        }
        if let problem = GlueNames.problem(name, what: "table") { fail(problem.message, hint: problem.hint, property: "name") }
        if columns.isEmpty { fail("the table has no columns", hint: "list the columns: [Column(\"symbol\", .string)]", property: "columns") }

        var seen: [String: String] = [:]
        for (property, list) in [("columns", columns), ("partitionKeys", partitionKeys)] {
            for (index, column) in list.enumerated() {
                let at = "\(property)[\(index)]"
                if !GlueNames.isValid(column.name) {
                    let suggestion = GlueNames.suggestion(for: column.name)
                    fail("column name '\(column.name)' must be lowercase letters, digits and underscores",
                         hint: suggestion.isEmpty ? "use e.g. event_time" : "use '\(suggestion)'", property: at)
                }
                if let first = seen[column.name] {
                    fail("column '\(column.name)' is defined twice (\(first) and \(at))",
                         hint: "give each column and partition key a unique name", property: at)
                } else {
                    seen[column.name] = at
                }
                if let problem = column.type.problem {
                    fail("column '\(column.name)': \(problem)", hint: "e.g. .decimal(10, 2)", property: at)
                }
                if let comment = column.comment, comment.count > 255 {
                    fail("the comment of column '\(column.name)' is \(comment.count) characters; Glue allows 255",
                         hint: "shorten it", property: at)
                }
            }
        }

        if let literal = Self.leadingLiteral(location), !("s3://".hasPrefix(literal) || literal.hasPrefix("s3://")) {
            fail("location must be an S3 URI like s3://bucket/prefix/", hint: "write \"s3://\\(bucket.name)/prefix/\"",
                 property: "location")
        }

        if let projection {
            let keys = Set(partitionKeys.map(\.name))
            for key in projection.columns.keys.sorted() where !keys.contains(key) {
                fail("partition projection names '\(key)', which is not a partition key",
                     hint: "add Column(\"\(key)\", ...) to partitionKeys, or drop it from the projection", property: "projection")
            }
            for key in partitionKeys.map(\.name) where projection.columns[key] == nil {
                fail("partition key '\(key)' has no projection; Athena needs one for every partition key when projection is on",
                     hint: "add \"\(key)\": .enumeration([...]), .integer(...), .date(...) or .injected", property: "projection")
            }
            for key in projection.columns.keys.sorted() {
                if let problem = projection.columns[key]!.problem {
                    fail("partition projection '\(key)': \(problem.message)", hint: problem.hint, property: "projection")
                }
            }
        }
    }

    /// The literal text a location starts with, when it is known at synthesis.
    static func leadingLiteral(_ value: TemplateValue) -> String? {
        switch value {
        case .string(let s): return s
        case .join("", let parts): if case .string(let s)? = parts.first { return s }; return nil
        default: return nil
        }
    }
}

/// The file format of a table's data.
public enum TableFormat: Hashable, Sendable {
    /// One JSON object per line (OpenX JSON SerDe).
    case json
    case parquet
    /// Comma-separated text (LazySimpleSerDe: quotes are not removed); `header` skips the first line.
    case csv(header: Bool)

    public var classification: String {
        switch self {
        case .json: return "json"
        case .parquet: return "parquet"
        case .csv: return "csv"
        }
    }

    var inputFormat: String {
        switch self {
        case .json, .csv: return "org.apache.hadoop.mapred.TextInputFormat"
        case .parquet: return "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
        }
    }

    var outputFormat: String {
        switch self {
        case .json, .csv: return "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
        case .parquet: return "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
        }
    }

    var serde: TemplateValue {
        switch self {
        case .json:
            return ["SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"]
        case .parquet:
            return ["SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                    "Parameters": ["serialization.format": "1"]]
        case .csv:
            return ["SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                    "Parameters": ["field.delim": ",", "serialization.format": ","]]
        }
    }
}

/// A table column or partition key.
public struct Column: Hashable, Sendable {
    public var name: String
    public var type: ColumnType
    public var comment: String?

    public init(_ name: String, _ type: ColumnType, comment: String? = nil) {
        self.name = name
        self.type = type
        self.comment = comment
    }

    var value: TemplateValue {
        var fields: [String: TemplateValue] = ["Name": .string(name), "Type": .string(type.hiveName)]
        if let comment { fields["Comment"] = .string(comment) }
        return .map(fields)
    }
}

/// Hive/Athena column types.
public indirect enum ColumnType: Hashable, Sendable {
    case string, double, float, bigint, int, smallint, tinyint, boolean, timestamp, date, binary
    /// Precision 1-38, scale 0-precision.
    case decimal(Int, Int)
    case varchar(Int)
    case array(ColumnType)
    case map(ColumnType, ColumnType)
    case `struct`([Column])
    /// Any type as Hive writes it (`array<struct<a:int>>`), unchecked.
    case raw(String)

    public var hiveName: String {
        switch self {
        case .string: return "string"
        case .double: return "double"
        case .float: return "float"
        case .bigint: return "bigint"
        case .int: return "int"
        case .smallint: return "smallint"
        case .tinyint: return "tinyint"
        case .boolean: return "boolean"
        case .timestamp: return "timestamp"
        case .date: return "date"
        case .binary: return "binary"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .varchar(let n): return "varchar(\(n))"
        case .array(let element): return "array<\(element.hiveName)>"
        case .map(let key, let value): return "map<\(key.hiveName),\(value.hiveName)>"
        case .struct(let fields): return "struct<" + fields.map { "\($0.name):\($0.type.hiveName)" }.joined(separator: ",") + ">"
        case .raw(let text): return text
        }
    }

    /// What is wrong with the type, if anything.
    var problem: String? {
        switch self {
        case .decimal(let p, let s):
            if !(1...38).contains(p) { return "decimal precision \(p) is out of range 1-38" }
            if !(0...p).contains(s) { return "decimal scale \(s) is out of range 0-\(p)" }
            return nil
        case .varchar(let n): return (1...65535).contains(n) ? nil : "varchar length \(n) is out of range 1-65535"
        case .array(let element): return element.problem
        case .map(let key, let value): return key.problem ?? value.problem
        case .struct(let fields):
            if fields.isEmpty { return "a struct needs at least one field" }
            for field in fields {
                if !GlueNames.isValid(field.name) { return "struct field name '\(field.name)' must be lowercase letters, digits and underscores" }
                if let problem = field.type.problem { return problem }
            }
            if Set(fields.map(\.name)).count != fields.count { return "a struct has two fields with the same name" }
            return nil
        case .raw(let text): return text.isEmpty ? "a raw type is empty" : nil
        default: return nil
        }
    }
}

/// Athena partition projection: partitions computed from the query instead of stored in the catalog.
/// Every partition key needs a projection; `locationTemplate` maps a partition to its S3 prefix
/// (`"s3://\(bucket.name)/quotes/${dt}/"`); without it Athena uses Hive layout (`dt=2024-01-01/`).
public struct PartitionProjection: Hashable, Sendable {
    public enum Projection: Hashable, Sendable {
        /// `range` as Athena writes it: `2024-01-01,NOW`, `NOW-3YEARS,NOW`.
        case date(format: String, range: String, interval: Int = 1, unit: DateUnit = .days)
        case integer(ClosedRange<Int>, digits: Int? = nil)
        case enumeration([String])
        /// The value must appear in the query's WHERE clause.
        case injected

        var problem: (message: String, hint: String)? {
            switch self {
            case .date(let format, let range, let interval, _):
                if format.isEmpty { return ("the date format is empty", "e.g. yyyy-MM-dd") }
                if range.split(separator: ",").count != 2 { return ("the date range '\(range)' needs START,END", "e.g. 2024-01-01,NOW") }
                if interval < 1 { return ("the interval \(interval) must be at least 1", "e.g. interval: 1") }
            case .integer(_, let digits):
                if let digits, digits < 1 { return ("digits \(digits) must be at least 1", "e.g. digits: 2") }
            case .enumeration(let values):
                if values.isEmpty { return ("an enumeration needs at least one value", "e.g. .enumeration([\"eu\", \"us\"])") }
                if values.contains(where: { $0.contains(",") || $0.isEmpty }) {
                    return ("enumeration values must be non-empty and contain no commas", "list each value separately")
                }
            case .injected: break
            }
            return nil
        }
    }

    public enum DateUnit: String, Hashable, Sendable {
        case years = "YEARS", months = "MONTHS", weeks = "WEEKS", days = "DAYS", hours = "HOURS", minutes = "MINUTES"
    }

    public var columns: [String: Projection]
    public var locationTemplate: TemplateValue?

    public init(_ columns: [String: Projection], locationTemplate: TemplateValue? = nil) {
        self.columns = columns
        self.locationTemplate = locationTemplate
    }

    /// The table parameters Athena reads (all values are strings).
    var parameters: [String: TemplateValue] {
        var out: [String: TemplateValue] = ["projection.enabled": "true"]
        for (column, projection) in columns {
            let prefix = "projection.\(column)."
            switch projection {
            case .date(let format, let range, let interval, let unit):
                out[prefix + "type"] = "date"
                out[prefix + "format"] = .string(format)
                out[prefix + "range"] = .string(range)
                out[prefix + "interval"] = .string(String(interval))
                out[prefix + "interval.unit"] = .string(unit.rawValue)
            case .integer(let range, let digits):
                out[prefix + "type"] = "integer"
                out[prefix + "range"] = .string("\(range.lowerBound),\(range.upperBound)")
                if let digits { out[prefix + "digits"] = .string(String(digits)) }
            case .enumeration(let values):
                out[prefix + "type"] = "enum"
                out[prefix + "values"] = .string(values.joined(separator: ","))
            case .injected:
                out[prefix + "type"] = "injected"
            }
        }
        if let locationTemplate { out["storage.location.template"] = locationTemplate }
        return out
    }
}
