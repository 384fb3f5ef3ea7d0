import StackCore
import StackTemplate

/// A Glue Data Catalog database in the account's catalog, named for Athena (lowercase `[a-z0-9_]`).
///
/// `Ref` of the database is its name, so tables that use `ref()` for their `DatabaseName` depend on it
/// without an explicit `DependsOn`. The catalog holds metadata only; the data lives in S3 and its read
/// grants come from the bucket.
public struct GlueDatabase: Referenceable {
    public let id: String
    /// The database name as Athena sees it (`market_data`).
    public let name: String
    public var description: String?

    public init(_ id: String, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }

    /// The database name as a reference (`Ref`), which also orders creation.
    public var nameRef: TemplateValue { ref() }

    public func synthesize(in scope: Scope) {
        if let problem = GlueNames.problem(name, what: "database") {
            scope.error(.invalidGlueDatabase, problem.message, hint: problem.hint, property: "name")
        }
        var input: [String: TemplateValue] = ["Name": .string(name)]
        if let description {
            if description.count > 2048 {
                scope.error(.invalidGlueDatabase, "the description is \(description.count) characters; Glue allows 2048",
                            hint: "shorten it", property: "description")
            }
            input["Description"] = .string(description)
        }
        scope.resource("", Resource(type: "AWS::Glue::Database", properties: [
            "CatalogId": .accountId,
            "DatabaseInput": .map(input),
        ]))
    }

    /// For Athena users: read the database's metadata and that of all its tables and partitions.
    public var query: Grant {
        Grant("query Glue database \(name)", actions: GlueActions.query, resources: [
            GlueArn.catalog, GlueArn.database(name), GlueArn.table(database: name, table: "*"),
        ])
    }
}

/// Athena-friendly catalog names: lowercase letters, digits and underscores, 1 to 255 characters.
enum GlueNames {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 255 && name.utf8.allSatisfy {
            ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95
        }
    }

    /// `Market-Data` → `market_data`; empty when nothing usable is left.
    static func suggestion(for name: String) -> String {
        var snake = Substring(Naming.kebab(name, separator: "_"))
        while snake.hasPrefix("_") { snake = snake.dropFirst() }
        while snake.hasSuffix("_") { snake = snake.dropLast() }
        return String(snake.prefix(255))
    }

    static func problem(_ name: String, what: String) -> (message: String, hint: String)? {
        if isValid(name) { return nil }
        if name.isEmpty { return ("the \(what) name is empty", "use lowercase letters, digits and underscores, e.g. market_data") }
        if name.utf8.count > 255 {
            return ("the \(what) name is \(name.utf8.count) characters; Glue allows 255", "shorten it")
        }
        let suggestion = suggestion(for: name)
        return ("\(what) name '\(name)' must be lowercase letters, digits and underscores (Athena cannot query other names)",
                suggestion.isEmpty ? "use e.g. market_data" : "use '\(suggestion)'")
    }
}
