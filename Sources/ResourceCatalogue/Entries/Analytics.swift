extension ResourceCatalogue {
    /// The Glue catalogue holds metadata, not data: the data stays in S3 (retained with its bucket), and a
    /// database or table can be created again from the template or by a crawler.
    static let glue: [ResourceType] = [
        ResourceType(
            "AWS::Glue::Database", nameProperty: ["DatabaseInput", "Name"], ref: .name,
            cleanup: "aws glue delete-database --name {id} --region {region}"),
        ResourceType(
            "AWS::Glue::Table", nameProperty: ["TableInput", "Name"], ref: .name,
            replacement: [
                ReplacementFact(["TableInput", "Name"], .mayReplace, reason: "the table name is part of the table's identity",
                                source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-glue-table.html (primaryIdentifier DatabaseName + Name)"),
            ]),
        ResourceType(
            "AWS::Glue::Crawler", nameProperty: ["Name"], ref: .name,
            cleanup: "aws glue delete-crawler --name {id} --region {region}"),
        ResourceType(
            "AWS::Glue::Job", nameProperty: ["Name"], ref: .name,
            cleanup: "aws glue delete-job --job-name {id} --region {region}"),
        ResourceType(
            "AWS::Glue::Workflow", nameProperty: ["Name"], ref: .name,
            cleanup: "aws glue delete-workflow --name {id} --region {region}"),
        ResourceType(
            "AWS::Glue::Trigger", nameProperty: ["Name"], ref: .name,
            cleanup: "aws glue delete-trigger --name {id} --region {region}"),
    ]

    static let athena: [ResourceType] = [
        ResourceType(
            "AWS::Athena::WorkGroup", nameProperty: ["Name"], ref: .name,
            cleanup: "aws athena delete-work-group --work-group {id} --recursive-delete-option --region {region}"),
        ResourceType(
            "AWS::Athena::NamedQuery", ref: .deployTime("a named query's ID is generated when it is created"),
            cleanup: "aws athena delete-named-query --named-query-id {id} --region {region}"),
    ]
}
