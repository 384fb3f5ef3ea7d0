/// The AWS CLI command that removes a resource a stack left behind.
enum CleanupCommand {
    static func command(type: String, physicalId: String?, region: String) -> String {
        guard let id = physicalId, !id.isEmpty else { return "(no physical ID recorded; look for it in the console)" }
        switch type {
        case "AWS::S3::Bucket":
            // rb --force empties current objects only; a versioned bucket also needs its old versions removed.
            return "aws s3 rb s3://\(id) --force   # versioned: delete old versions first (console: Empty bucket)"
        case "AWS::DynamoDB::Table": return "aws dynamodb delete-table --table-name \(id) --region \(region)"
        case "AWS::Kinesis::Stream": return "aws kinesis delete-stream --stream-name \(id) --region \(region)"
        case "AWS::SQS::Queue": return "aws sqs delete-queue --queue-url \(id) --region \(region)"
        case "AWS::Logs::LogGroup": return "aws logs delete-log-group --log-group-name \(id) --region \(region)"
        case "AWS::SNS::Topic": return "aws sns delete-topic --topic-arn \(id) --region \(region)"
        case "AWS::SecretsManager::Secret": return "aws secretsmanager delete-secret --secret-id \(id) --region \(region)"
        default: return "(\(type) \(id): delete it in the console or with the service's CLI)"
        }
    }
}
