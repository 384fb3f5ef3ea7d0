extension ResourceCatalogue {
    static let kinesis: [ResourceType] = [
        ResourceType(
            "AWS::Kinesis::Stream", holdsData: true, nameProperty: ["Name"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:kinesis:{region}:{account}:stream/{name}")],
            cleanup: "aws kinesis delete-stream --stream-name {id} --region {region}"),
    ]

    /// Firehose only buffers records on their way to the destination (at most 900 s or 128 MiB):
    /// the data lives in the destination bucket, which is retained on its own.
    static let firehose: [ResourceType] = [
        ResourceType(
            "AWS::KinesisFirehose::DeliveryStream", nameProperty: ["DeliveryStreamName"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:firehose:{region}:{account}:deliverystream/{name}")],
            cleanup: "aws firehose delete-delivery-stream --delivery-stream-name {id} --region {region}"),
    ]
}
