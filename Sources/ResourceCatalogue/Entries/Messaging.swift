extension ResourceCatalogue {
    static let sqs: [ResourceType] = [
        ResourceType(
            "AWS::SQS::Queue", holdsData: true, nameProperty: ["QueueName"],
            ref: .pattern("{endpoint:sqs}/{account}/{name}"),
            attributes: [
                "Arn": .pattern("arn:{partition}:sqs:{region}:{account}:{name}"),
                "QueueName": .name,
                "QueueUrl": .pattern("{endpoint:sqs}/{account}/{name}"),
            ],
            cleanup: "aws sqs delete-queue --queue-url {id} --region {region}"),
        ResourceType(
            "AWS::SQS::QueuePolicy", ref: .deployTime("a queue policy's ID is generated when it is created"),
            lists: ["Queues": .set], carriesPermissions: true),
    ]

    static let sns: [ResourceType] = [
        ResourceType(
            "AWS::SNS::Topic", nameProperty: ["TopicName"], ref: .pattern("arn:{partition}:sns:{region}:{account}:{name}"),
            attributes: ["TopicArn": .pattern("arn:{partition}:sns:{region}:{account}:{name}"), "TopicName": .name],
            cleanup: "aws sns delete-topic --topic-arn {id} --region {region}"),
        ResourceType(
            "AWS::SNS::Subscription", ref: .deployTime("a subscription's ARN is assigned when it is confirmed")),
        ResourceType(
            "AWS::SNS::TopicPolicy", ref: .deployTime("a topic policy's ID is generated when it is created"),
            lists: ["Topics": .set], carriesPermissions: true),
    ]
}
