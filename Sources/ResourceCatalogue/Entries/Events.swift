extension ResourceCatalogue {
    static let events: [ResourceType] = [
        ResourceType(
            "AWS::Events::Rule", nameProperty: ["Name"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:events:{region}:{account}:rule/{name}")],
            lists: ["Targets": .keyed("Id")],
            cleanup: "aws events delete-rule --name {id} --region {region}   # remove its targets first"),
    ]

    static let scheduler: [ResourceType] = [
        ResourceType(
            "AWS::Scheduler::Schedule", nameProperty: ["Name"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:scheduler:{region}:{account}:schedule/default/{name}")],
            cleanup: "aws scheduler delete-schedule --name {id} --region {region}"),
    ]
}
