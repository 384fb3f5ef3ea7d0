import StackCore
import StackTemplate

/// A Glue crawler over prefixes of the stack's buckets, writing tables into one catalog database.
///
/// ```swift
/// GlueCrawler("Quotes", database: catalog, targets: [.s3(raw, prefix: "quotes/", exclusions: ["**/_SUCCESS"])],
///             tablePrefix: "raw_", schedule: .cron("0 3 * * ? *"), configuration: CrawlerConfiguration.inheritFromTable)
/// ```
///
/// Its role (children `Role`, `Policy`) is least privilege, not the managed `AWSGlueServiceRole`: it reads
/// only the crawled prefixes (`s3:GetObject` on `bucket/prefix*`, `s3:ListBucket` with an `s3:prefix`
/// condition, `kms:Decrypt` when the bucket uses the stack's key), changes the catalog only in its database
/// (deleting only with `DELETE_FROM_DATABASE`), and writes only its own stream of `/aws-glue/crawlers`.
/// The crawler has a known name (`<namePrefix>-<stack>-<path>` unless `name` is given), so its role's
/// policy can name its log stream and references to it need no import.
public struct GlueCrawler: Referenceable {
    public let id: String
    public var database: GlueDatabase
    public var targets: [CrawlerTarget]
    /// Prepended to the name of every table the crawler creates (lowercase, for Athena).
    public var tablePrefix: String?
    /// Glue runs crawlers on `cron(...)` schedules only; nil: on demand (`start`).
    public var schedule: Schedule?
    public var schemaChange: SchemaChangePolicy
    public var recrawl: RecrawlPolicy
    /// The `Configuration` JSON, e.g. `CrawlerConfiguration.inheritFromTable`.
    public var configuration: TemplateValue?
    /// Explicit physical name; nil for the default derived from the environment.
    public var explicitName: String?
    public var description: String?

    public init(
        _ id: String, database: GlueDatabase, targets: [CrawlerTarget], tablePrefix: String? = nil, schedule: Schedule? = nil,
        schemaChange: SchemaChangePolicy = SchemaChangePolicy(), recrawl: RecrawlPolicy = .everything,
        configuration: TemplateValue? = nil, name: String? = nil, description: String? = nil
    ) {
        self.id = id
        self.database = database
        self.targets = targets
        self.tablePrefix = tablePrefix
        self.schedule = schedule
        self.schemaChange = schemaChange
        self.recrawl = recrawl
        self.configuration = configuration
        self.explicitName = name
        self.description = description
    }

    /// The crawler's name (`Ref`; a literal once synthesized).
    public var name: TemplateValue { ref() }
    /// `arn:…:glue:REGION:ACCOUNT:crawler/NAME`.
    public var arn: TemplateValue { GlueArn.crawler(name) }

    /// Starting the crawler and reading its state (to wait for a run to finish).
    public var start: Grant {
        Grant("start Glue crawler \(id)", actions: GlueActions.startCrawler, resources: [arn])
    }

    /// The name the crawler gets where it is synthesized.
    public func physicalName(in scope: Scope) -> String { explicitName ?? scope.defaultPhysicalName }

    public func synthesize(in scope: Scope) {
        let crawlerName = physicalName(in: scope)
        let database = scope.declared(self.database, property: "database")
        let targets = self.targets.enumerated().map { index, target in
            var declared = target
            declared.bucket = scope.declared(target.bucket, property: "targets[\(index)]")
            return declared
        }
        validate(crawlerName, in: scope)

        let role = ServiceRole(service: "glue.amazonaws.com", description: "Service role of Glue crawler \(scope.fullPath)",
                               statements: roleStatements(crawlerName, database: database, targets: targets))
        let ready = role.add(in: scope)

        var properties: TemplateMap = [  // keys in sorted order: see TemplateMap
            "DatabaseName": database.ref(),
            "Name": .string(crawlerName),
            "RecrawlPolicy": ["RecrawlBehavior": .string(recrawl.rawValue)],
            "Role": ready.arn,
            "SchemaChangePolicy": schemaChange.value,
            "Targets": ["S3Targets": .list(targets.map(Self.targetValue))],
        ]
        if let configuration { properties["Configuration"] = JSONWithReferences.text(configuration) }
        if let description { properties["Description"] = .string(description) }
        if let schedule { properties["Schedule"] = ["ScheduleExpression": .string(schedule.expression)] }
        if let tablePrefix { properties["TablePrefix"] = .string(tablePrefix) }
        scope.resource(Resource(type: "AWS::Glue::Crawler", properties: properties, dependsOn: ready.dependsOn))
        scope.provide(.ref, value: .string(crawlerName))
    }

    private static func targetValue(_ target: CrawlerTarget) -> TemplateValue {
        var fields: [String: TemplateValue] = ["Path": target.path]
        if !target.exclusions.isEmpty { fields["Exclusions"] = .list(target.exclusions.map(TemplateValue.string)) }
        return .map(fields)
    }

    /// Read on each crawled prefix, catalog writes in the database, the crawler's own log stream.
    func roleStatements(_ crawlerName: String, database: GlueDatabase, targets: [CrawlerTarget]) -> [PolicyStatement] {
        var statements: [PolicyStatement] = []
        for target in targets {
            let read = target.bucket.read(keys: target.prefix + "*").statements
            // A bucket with an explicit encryption does not use the stack's key: no kms:Decrypt for it.
            statements += target.bucket.encryption == nil ? read : read.filter { !$0.needsCustomerKey }
        }
        let catalogActions = GlueActions.crawlCatalog + (schemaChange.delete == .deleteFromDatabase ? GlueActions.crawlDeletes : [])
        statements.append(PolicyStatement(actions: catalogActions, resources: [
            GlueArn.catalog, GlueArn.database(database.name), GlueArn.table(database: database.name, table: "*"),
        ]))
        statements.append(PolicyStatement(actions: GlueActions.createLogGroup, resources: [GlueArn.crawlerLogGroupArn]))
        statements.append(PolicyStatement(actions: GlueActions.writeLogStream, resources: [GlueArn.crawlerLogStreamArn(crawlerName)]))
        return statements
    }

    private func validate(_ crawlerName: String, in scope: Scope) {
        func fail(_ message: String, hint: String, property: String) {
            scope.error(.invalidGlueCrawler, message, hint: hint, property: property)
        }
        if let problem = Self.nameProblem(crawlerName) {
            fail(problem, hint: explicitName == nil
                    ? "the default name is <namePrefix>-<stack>-<path>; pass name: with 1-255 characters and no ':' or '*'"
                    : "use 1-255 printable characters without ':' or '*', e.g. market-quotes-crawler",
                 property: "name")
        }
        if targets.isEmpty {
            fail("the crawler has no targets", hint: "crawl a prefix of a bucket: targets: [.s3(raw, prefix: \"quotes/\")]",
                 property: "targets")
        }
        var seen: [String: Int] = [:]
        for (index, target) in targets.enumerated() {
            let at = "targets[\(index)]"
            if let problem = target.prefixProblem { fail(problem.message, hint: problem.hint, property: at) }
            let key = target.bucket.id + "/" + target.prefix
            if let first = seen[key] {
                fail("\(target.bucket.id) prefix '\(target.prefix)' is crawled twice (targets[\(first)] and \(at))",
                     hint: "list each prefix once, with all its exclusions", property: at)
            } else {
                seen[key] = index
            }
            for pattern in target.exclusions {
                if pattern.isEmpty || pattern.hasPrefix("s3://") || pattern.hasPrefix("/") {
                    fail("exclusion '\(pattern)' must be a non-empty glob relative to the prefix",
                         hint: "write e.g. \"**/_SUCCESS\" or \"tmp/**\"", property: at)
                }
            }
        }
        if let tablePrefix, let problem = GlueNames.problem(tablePrefix, what: "table prefix") {
            fail(problem.message, hint: problem.hint, property: "tablePrefix")
        } else if let tablePrefix, tablePrefix.utf8.count > 128 {
            fail("the table prefix is \(tablePrefix.utf8.count) characters; Glue allows 128", hint: "shorten it", property: "tablePrefix")
        }
        if let schedule {
            if case .rate = schedule {
                scope.error(.invalidSchedule, "\(schedule.expression): Glue crawler schedules are cron(...) expressions only",
                            hint: "write e.g. .cron(\"0 3 * * ? *\") (daily at 03:00 UTC)", property: "schedule")
            } else {
                scope.validate(schedule)
            }
        }
        if recrawl == .newFoldersOnly, schemaChange != .logOnly {
            fail("CRAWL_NEW_FOLDERS_ONLY needs UpdateBehavior LOG and DeleteBehavior LOG; the schema-change policy is "
                    + "\(schemaChange.update.rawValue)/\(schemaChange.delete.rawValue)",
                 hint: "pass schemaChange: .logOnly, or recrawl: .everything", property: "recrawl")
        }
        if let configuration, !Self.isObject(configuration) {
            fail("the configuration must be a JSON object", hint: "e.g. CrawlerConfiguration.inheritFromTable",
                 property: "configuration")
        }
        if let description, description.count > 2048 {
            fail("the description is \(description.count) characters; Glue allows 2048", hint: "shorten it", property: "description")
        }
    }

    private static func isObject(_ value: TemplateValue) -> Bool {
        if case .map = value { return true }
        return false
    }

    /// Glue's name rule (1-255 single-line characters), and no `:` or `*`: the crawler's log stream takes
    /// its name, and log stream names cannot contain them.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the crawler name is empty" }
        if name.utf8.count > 255 { return "the crawler name is \(name.utf8.count) characters; Glue allows 255" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == ":" || $0 == "*" }) {
            return "crawler name '\(name)' contains a control character, ':' or '*'"
        }
        return nil
    }
}
