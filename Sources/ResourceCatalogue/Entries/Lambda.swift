extension ResourceCatalogue {
    static let lambda: [ResourceType] = [
        ResourceType(
            "AWS::Lambda::Function", nameProperty: ["FunctionName"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:lambda:{region}:{account}:function:{name}")],
            cleanup: "aws lambda delete-function --function-name {id} --region {region}"),
        ResourceType(
            "AWS::Lambda::Permission", ref: .deployTime("a Lambda permission's ID is generated when it is created"),
            carriesPermissions: true),
        ResourceType(
            "AWS::Lambda::EventSourceMapping", ref: .deployTime("an event source mapping's UUID is generated when it is created"),
            cleanup: "aws lambda delete-event-source-mapping --uuid {id} --region {region}"),
        ResourceType(
            "AWS::Lambda::EventInvokeConfig", ref: .deployTime("an invoke configuration's ID is generated when it is created")),
    ]
}
