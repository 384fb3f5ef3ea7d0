import StackCore
import StackTemplate

/// A saved Athena query (`AWS::Athena::NamedQuery`) in a workgroup, against a Glue database.
///
/// The SQL may name other constructs by interpolation — `"SELECT * FROM \(table.name)"` or
/// `"LOCATION 's3://\(bucket.name)/enriched/'"` — and becomes `Fn::Join` when a part is a reference.
/// The workgroup and the database are named by `Ref` (their names), so the query is created after both.
/// Every property is create-only: changing the SQL replaces the saved query, which holds no data.
public struct AthenaNamedQuery: Referenceable {
    public let id: String
    public var workGroup: AthenaWorkGroup
    public var database: GlueDatabase
    public var query: TemplateValue
    /// The name shown in the Athena console; the construct id when nil.
    public var name: String?
    public var description: String?

    /// Athena's largest query string, in bytes.
    public static let maximumQueryBytes = 262_144

    public init(
        _ id: String, workGroup: AthenaWorkGroup, database: GlueDatabase, query: TemplateValue,
        name: String? = nil, description: String? = nil
    ) {
        self.id = id
        self.workGroup = workGroup
        self.database = database
        self.query = query
        self.name = name
        self.description = description
    }

    public func synthesize(in scope: Scope) {
        let name = self.name ?? id
        if !(1...128).contains(name.utf8.count) {
            scope.error(.invalidNamedQuery, "the query name is \(name.utf8.count) bytes; Athena allows 1 to 128",
                        hint: "pass name: with 1 to 128 characters", property: "name")
        }
        // Referenced parts (names) are not known here; the literal SQL alone must fit.
        let literalBytes = Self.literalBytes(query)
        if literalBytes == 0 {
            scope.error(.invalidNamedQuery, "the query is empty",
                        hint: "write the SQL, e.g. \"SELECT * FROM \\(table.name) LIMIT 10\"", property: "query")
        } else if literalBytes > Self.maximumQueryBytes {
            scope.error(.invalidNamedQuery, "the query is \(literalBytes) bytes; Athena allows \(Self.maximumQueryBytes)",
                        hint: "split it into several named queries, or save the long part as a view", property: "query")
        }
        if let description, !(1...1024).contains(description.count) {
            scope.error(.invalidNamedQuery, "the description is \(description.count) characters; Athena allows 1 to 1024",
                        hint: description.isEmpty ? "leave description out" : "shorten it", property: "description")
        }

        var properties: TemplateMap = [
            "Name": .string(name),
            "Database": database.nameRef,
            "WorkGroup": workGroup.ref(),
            "QueryString": query,
        ]
        if let description { properties["Description"] = .string(description) }
        scope.resource("", Resource(type: "AWS::Athena::NamedQuery", properties: properties))
    }

    /// UTF-8 bytes of the literal parts of `value`, ignoring whitespace-only SQL.
    static func literalBytes(_ value: TemplateValue) -> Int {
        switch value {
        case .string(let s): return s.allSatisfy(\.isWhitespace) ? 0 : s.utf8.count
        case .join("", let parts):
            let bytes = parts.reduce(0) { total, part in
                if case .string(let s) = part { return total + s.utf8.count }
                return total + 1  // a reference: at least one character
            }
            return bytes
        default: return 1
        }
    }
}
