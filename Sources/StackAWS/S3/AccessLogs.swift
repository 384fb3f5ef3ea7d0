import StackCore
import StackTemplate

/// S3 server access logging where the environment asks for it (`accessLogs: true`): every bucket of a
/// stack logs to the stack's `AccessLogs` bucket under its own name (`<bucket>/`), which keeps the logs
/// for the environment's log retention. The log bucket is SSE-S3 encrypted (S3 cannot deliver access
/// logs to a bucket with SSE-KMS default encryption) and lets the logging service write only each
/// source bucket's prefix, from that bucket and this account.
enum AccessLogs {
    static let id = "AccessLogs"
    /// What a logging bucket waits for: the log bucket and its policy.
    static let readiness = [LogicalID.from(relativePath: id), LogicalID.from(relativePath: id + "/Policy")]

    static func logging(of bucketName: String, bucketArn: TemplateValue, in scope: Scope) -> TemplateValue {
        let retention = scope.settings.logRetentionDays
        scope.requireShared(id) {
            Bucket(id, name: nil, versioned: nil, lifecycle: [.expire(after: .days(retention))], eventBridge: false,
                   encryption: .s3Managed, isAccessLogBucket: true)
        }
        let logBucket = scope.physicalNamePrefix + "-" + Naming.kebab(id) + "-" + scope.settings.account
        scope.contribute([ResourcePolicyStatement(
            sid: LogicalID.from(relativePath: scope.path) + "AccessLogs", principal: ["Service": "logging.s3.amazonaws.com"],
            actions: ["s3:PutObject"], resources: ["\(Bucket.arn(named: logBucket))/\(bucketName)/*"],
            conditions: ["ArnLike": ["aws:SourceArn": bucketArn], "StringEquals": ["aws:SourceAccount": .accountId]])],
            toPolicyOf: id)
        return ["DestinationBucketName": .string(logBucket), "LogFilePrefix": .string(bucketName + "/")]
    }
}
