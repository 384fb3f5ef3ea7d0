extension ResourceCatalogue {
    static let logs: [ResourceType] = [
        ResourceType(
            "AWS::Logs::LogGroup", holdsData: true, nameProperty: ["LogGroupName"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:logs:{region}:{account}:log-group:{name}:*")],
            cleanup: "aws logs delete-log-group --log-group-name {id} --region {region}"),
    ]
}
