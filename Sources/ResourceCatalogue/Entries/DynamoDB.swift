extension ResourceCatalogue {
    private static let tableReference = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html"

    static let dynamoDB: [ResourceType] = [
        ResourceType(
            "AWS::DynamoDB::Table", holdsData: true, nameProperty: ["TableName"], ref: .name,
            attributes: [
                "Arn": .pattern("arn:{partition}:dynamodb:{region}:{account}:table/{name}"),
                "StreamArn": .deployTime("a DynamoDB stream ARN ends in its creation time"),
            ],
            lists: [
                "AttributeDefinitions": .keyed("AttributeName"), "GlobalSecondaryIndexes": .keyed("IndexName"),
                "LocalSecondaryIndexes": .keyed("IndexName"),
            ],
            replacement: [
                ReplacementFact(["KeySchema"], .replace,
                                reason: "a table's key schema cannot change in place (CloudFormation reference: Update requires Replacement)",
                                source: tableReference),
                ReplacementFact(["LocalSecondaryIndexes"], .replace,
                                reason: "local secondary indexes exist only from creation (CloudFormation reference: Update requires Replacement)",
                                source: tableReference),
                // UpdateTable only adds attribute definitions for new global indexes; changing the type of
                // an existing attribute means a new table.
                ReplacementFact(["AttributeDefinitions"], .replace, when: .editOfExistingItem,
                                reason: "an existing attribute definition cannot be edited in place",
                                source: "UpdateTable API reference; ../shared/AWS-NOTES.md, Replacement (for diff)"),
            ],
            cleanup: "aws dynamodb delete-table --table-name {id} --region {region}"),
        ResourceType(
            "AWS::DynamoDB::GlobalTable", holdsData: true, nameProperty: ["TableName"], ref: .name,
            attributes: [
                "Arn": .pattern("arn:{partition}:dynamodb:{region}:{account}:table/{name}"),
                "StreamArn": .deployTime("a DynamoDB stream ARN ends in its creation time"),
            ],
            lists: [
                "AttributeDefinitions": .keyed("AttributeName"), "GlobalSecondaryIndexes": .keyed("IndexName"),
                "LocalSecondaryIndexes": .keyed("IndexName"), "Replicas": .keyed("Region"),
            ],
            cleanup: "aws dynamodb delete-table --table-name {id} --region {region}"),
    ]
}
