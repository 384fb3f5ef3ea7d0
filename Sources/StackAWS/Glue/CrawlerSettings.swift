import StackCore
import StackTemplate

/// One place a crawler reads: a prefix of a bucket of the stack, minus the keys matching `exclusions`.
public struct CrawlerTarget: Equatable, Sendable {
    public var bucket: Bucket
    /// A key prefix ending in `/` (`raw/quotes/`), or empty for the whole bucket.
    public var prefix: String
    /// Glob patterns relative to the prefix (`**/_SUCCESS`, `tmp/**`), as Glue's `Exclusions` take them.
    public var exclusions: [String]

    /// `.s3(raw, prefix: "quotes/", exclusions: ["**/_SUCCESS"])`.
    public static func s3(_ bucket: Bucket, prefix: String = "", exclusions: [String] = []) -> CrawlerTarget {
        CrawlerTarget(bucket: bucket, prefix: prefix, exclusions: exclusions)
    }

    /// `s3://bucket/prefix`.
    var path: TemplateValue { .join("", ["s3://", bucket.name, .string("/" + prefix)]).simplifiedJoin }

    /// What is wrong with the prefix, if anything (a hint included).
    var prefixProblem: (message: String, hint: String)? {
        if prefix.hasPrefix("s3://") {
            return ("prefix '\(prefix)' is a URI; the bucket is given by the construct",
                    "pass only the key prefix, e.g. prefix: \"raw/quotes/\"")
        }
        if prefix.hasPrefix("/") {
            return ("prefix '\(prefix)' starts with '/'; S3 keys do not", "write prefix: \"\(prefix.drop { $0 == "/" })\"")
        }
        if prefix.contains("*") || prefix.contains("?") {
            return ("prefix '\(prefix)' contains a wildcard", "crawl a folder prefix and list what to skip in exclusions:")
        }
        // The role may read `prefix*`: without the slash `raw/quotes` would also grant `raw/quotes-old/`.
        if !prefix.isEmpty, !prefix.hasSuffix("/") {
            return ("prefix '\(prefix)' does not end with '/', so the crawler's read grant would reach every key starting with it",
                    "write prefix: \"\(prefix)/\"")
        }
        return nil
    }
}

/// What the crawler does when it finds a changed or a vanished schema.
public struct SchemaChangePolicy: Hashable, Sendable {
    public enum Update: String, Hashable, Sendable {
        /// Only log the change; the table stays as it is.
        case log = "LOG"
        case updateInDatabase = "UPDATE_IN_DATABASE"
    }

    public enum Delete: String, Hashable, Sendable {
        case log = "LOG"
        /// Deletes the table or partition from the catalog (the role then also gets the delete actions).
        case deleteFromDatabase = "DELETE_FROM_DATABASE"
        /// Marks the table deprecated (an update).
        case deprecateInDatabase = "DEPRECATE_IN_DATABASE"
    }

    public var update: Update
    public var delete: Delete

    /// AWS's defaults: update tables, mark vanished ones deprecated.
    public init(update: Update = .updateInDatabase, delete: Delete = .deprecateInDatabase) {
        self.update = update
        self.delete = delete
    }

    /// Only logs: what `RecrawlPolicy.newFoldersOnly` requires.
    public static let logOnly = SchemaChangePolicy(update: .log, delete: .log)

    var value: TemplateValue { ["DeleteBehavior": .string(delete.rawValue), "UpdateBehavior": .string(update.rawValue)] }
}

/// Whether a run crawls everything again or only folders added since the last run.
public enum RecrawlPolicy: String, Hashable, Sendable {
    case everything = "CRAWL_EVERYTHING"
    /// Needs `SchemaChangePolicy.logOnly` (AWS rejects anything else).
    case newFoldersOnly = "CRAWL_NEW_FOLDERS_ONLY"
}

/// The crawler's `Configuration` JSON (written with `JSONWithReferences`).
public enum CrawlerConfiguration {
    /// New and updated partitions take their schema from the table, so a column added in a new folder
    /// does not give partitions schemas of their own (which Athena cannot query).
    public static let inheritFromTable: TemplateValue = [
        "Version": .double(1.0),
        "CrawlerOutput": ["Partitions": ["AddOrUpdateBehavior": "InheritFromTable"]],
    ]
}
