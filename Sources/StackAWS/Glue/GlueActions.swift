import StackCore
import StackTemplate

/// Least-privilege Glue action sets (Service Authorization Reference, "Actions defined by AWS Glue").
public enum GlueActions {
    /// What Athena needs to plan a query over a catalog table (metadata only; S3 reads are separate).
    public static let query = [
        "glue:BatchGetPartition", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions",
        "glue:GetTable", "glue:GetTables",
    ]
    /// What a crawler does in its database: read what is there, create and update tables and
    /// partitions (`DEPRECATE_IN_DATABASE` is an update too). Never deletes.
    public static let crawlCatalog = query + [
        "glue:BatchCreatePartition", "glue:BatchUpdatePartition", "glue:CreatePartition", "glue:CreateTable",
        "glue:UpdatePartition", "glue:UpdateTable",
    ]
    /// Added only for a crawler whose schema-change policy is `DELETE_FROM_DATABASE`.
    public static let crawlDeletes = [
        "glue:BatchDeletePartition", "glue:BatchDeleteTable", "glue:DeletePartition", "glue:DeleteTable",
    ]
    /// Starting a crawler and following its state.
    public static let startCrawler = ["glue:GetCrawler", "glue:StartCrawler"]
    /// A crawler writing its log: the group `/aws-glue/crawlers` (Glue creates it on first use) and the
    /// crawler's stream in it.
    public static let createLogGroup = ["logs:CreateLogGroup"]
    public static let writeLogStream = ["logs:CreateLogStream", "logs:PutLogEvents"]
}

/// Glue ARNs built from names (no `Fn::GetAtt`, so no dependency on the resources).
public enum GlueArn {
    public static var catalog: TemplateValue { Arn.build(service: "glue", resource: "catalog") }
    public static func database(_ name: String) -> TemplateValue {
        Arn.build(service: "glue", resource: .string("database/\(name)"))
    }
    public static func table(database: String, table: String) -> TemplateValue {
        Arn.build(service: "glue", resource: .string("table/\(database)/\(table)"))
    }
    public static func crawler(_ name: TemplateValue) -> TemplateValue {
        Arn.build(service: "glue", resource: .join("", ["crawler/", name]))
    }
    /// Every crawler logs to this group, one stream per crawler named after it.
    public static let crawlerLogGroup = "/aws-glue/crawlers"
    /// `arn:…:logs:REGION:ACCOUNT:log-group:/aws-glue/crawlers:*` (what `CreateLogGroup` is scoped by).
    public static var crawlerLogGroupArn: TemplateValue {
        Arn.build(service: "logs", resource: .string("log-group:\(crawlerLogGroup):*"))
    }
    /// `arn:…:logs:REGION:ACCOUNT:log-group:/aws-glue/crawlers:log-stream:NAME`.
    public static func crawlerLogStreamArn(_ crawlerName: String) -> TemplateValue {
        Arn.build(service: "logs", resource: .string("log-group:\(crawlerLogGroup):log-stream:\(crawlerName)"))
    }
}
