import StackCore
import StackTemplate

/// An Athena workgroup: where query results go (encrypted with SSE-S3), whether users may override
/// that, and an optional per-query scan limit.
///
/// With `enforce` (the default) clients cannot pick another results location or turn encryption off.
/// When the environment does not retain data, deleting the stack also deletes the workgroup's saved
/// queries (`RecursiveDeleteOption`). Running queries needs `runQueries` here, `query` on the Glue
/// tables, S3 read on their data and S3 write on `resultsLocation`.
public struct AthenaWorkGroup: Referenceable {
    public let id: String
    public var name: String
    /// `s3://bucket/prefix/`: usually `"s3://\(results.name)/athena/"`.
    public var resultsLocation: TemplateValue
    public var enforce: Bool
    /// Queries scanning more than this many bytes are cancelled; at least 10 MB.
    public var bytesScannedCutoff: Int?
    public var description: String?

    /// Athena's smallest per-query scan limit (10 MB).
    public static let minimumCutoff = 10_000_000

    public init(
        _ id: String, name: String, resultsLocation: TemplateValue, enforce: Bool = true,
        bytesScannedCutoff: Int? = nil, description: String? = nil
    ) {
        self.id = id
        self.name = name
        self.resultsLocation = resultsLocation
        self.enforce = enforce
        self.bytesScannedCutoff = bytesScannedCutoff
        self.description = description
    }

    /// `arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/NAME`.
    public var arn: TemplateValue { Arn.build(service: "athena", resource: .string("workgroup/\(name)")) }

    /// Start, follow, read and stop queries in this workgroup (the data and results grants are separate).
    public var runQueries: Grant {
        Grant("run Athena queries in \(name)", actions: AthenaActions.runQueries, resources: [arn])
    }

    public func synthesize(in scope: Scope) {
        if !Self.isValidName(name) {
            scope.error(.invalidWorkgroup,
                        "workgroup name '\(name)' must be 1-128 letters, digits, '.', '_' or '-'",
                        hint: "use e.g. \(Self.suggestedName(name))", property: "name")
        }
        if let literal = GlueTable.leadingLiteral(resultsLocation), !("s3://".hasPrefix(literal) || literal.hasPrefix("s3://")) {
            scope.error(.invalidWorkgroup, "resultsLocation must be an S3 URI like s3://bucket/prefix/",
                        hint: "write \"s3://\\(bucket.name)/athena/\"", property: "resultsLocation")
        }
        if let description, description.count > 1024 {
            scope.error(.invalidWorkgroup, "the description is \(description.count) characters; Athena allows 1024",
                        hint: "shorten it", property: "description")
        }

        var configuration: [String: TemplateValue] = [
            "EnforceWorkGroupConfiguration": .bool(enforce),
            "PublishCloudWatchMetricsEnabled": true,
            "ResultConfiguration": [
                "OutputLocation": resultsLocation,
                "EncryptionConfiguration": ["EncryptionOption": "SSE_S3"],
            ],
        ]
        if let bytesScannedCutoff {
            scope.check(bytesScannedCutoff, in: Self.minimumCutoff...Int.max, property: "bytesScannedCutoff", unit: " bytes")
            configuration["BytesScannedCutoffPerQuery"] = .int(bytesScannedCutoff)
        }
        var properties: TemplateMap = [
            "Name": .string(name),
            "State": "ENABLED",
            "WorkGroupConfiguration": .map(configuration),
        ]
        if let description { properties["Description"] = .string(description) }
        if !scope.settings.retainData { properties["RecursiveDeleteOption"] = true }
        scope.resource("", Resource(type: "AWS::Athena::WorkGroup", properties: properties))
    }

    static func suggestedName(_ name: String) -> String {
        var kebab = Substring(Naming.kebab(name))
        while kebab.hasPrefix("-") { kebab = kebab.dropFirst() }
        while kebab.hasSuffix("-") { kebab = kebab.dropLast() }
        return kebab.isEmpty ? "analytics" : String(kebab.prefix(128))
    }

    static func isValidName(_ name: String) -> Bool {
        (1...128).contains(name.utf8.count) && name.utf8.allSatisfy {
            ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 95 || $0 == 45
        }
    }
}

/// Least-privilege Athena action sets.
public enum AthenaActions {
    public static let runQueries = [
        "athena:GetQueryExecution", "athena:GetQueryResults", "athena:GetWorkGroup",
        "athena:StartQueryExecution", "athena:StopQueryExecution",
    ]
}
