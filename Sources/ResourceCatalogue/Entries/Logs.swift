extension ResourceCatalogue {
    static let logs: [ResourceType] = [
        ResourceType(
            "AWS::Logs::LogGroup", holdsData: true, nameProperty: ["LogGroupName"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:logs:{region}:{account}:log-group:{name}:*")],
            cleanup: "aws logs delete-log-group --log-group-name {id} --region {region}"),
        // A delivery stream's log stream: it holds delivery errors only, not data, and its group is retained.
        ResourceType("AWS::Logs::LogStream", nameProperty: ["LogStreamName"], ref: .name),
    ]
}
