import StackTemplate

/// A customer managed KMS key with yearly rotation and a key policy that lets the account administer
/// it and delegate its use through IAM — named actions, never `kms:*` — plus the statements other
/// constructs contribute for the services that use it on their behalf (CloudWatch Logs, SNS delivering
/// to an encrypted queue, EventBridge...). In a key policy `Resource: "*"` means the key itself.
public struct CustomerKey: Referenceable {
    public let id: String
    public var description: String

    public init(_ id: String, description: String) {
        self.id = id
        self.description = description
    }

    public var arn: TemplateValue { attribute("Arn") }

    /// Managing the key (what CloudFormation and administrators do), for the account.
    public static let administration = [
        "kms:CancelKeyDeletion", "kms:DescribeKey", "kms:DisableKey", "kms:DisableKeyRotation", "kms:EnableKey",
        "kms:EnableKeyRotation", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListGrants", "kms:ListResourceTags",
        "kms:PutKeyPolicy", "kms:RevokeGrant", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource",
        "kms:UpdateKeyDescription",
    ]
    /// Using the key, for principals of the account that an IAM policy allows (grants add exactly what
    /// they need); `CreateGrant` only for AWS services acting for them (DynamoDB, Lambda).
    public static let use = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"]

    public func synthesize(in scope: Scope) {
        let account: TemplateValue = ["AWS": Arn.build(service: "iam", resource: "root", regional: false)]
        let description = self.description
        scope.ownResourcePolicy("", statements: [
            ResourcePolicyStatement(sid: "AdministerTheKey", principal: account, actions: Self.administration, resources: ["*"]),
            ResourcePolicyStatement(sid: "UseThroughIAM", principal: account, actions: Self.use, resources: ["*"]),
            ResourcePolicyStatement(sid: "GrantsForAWSServices", principal: account, actions: ["kms:CreateGrant"], resources: ["*"],
                                    conditions: ["Bool": ["kms:GrantIsForAWSResource": "true"]]),
        ]) { policy in
            Resource(type: "AWS::KMS::Key", properties: [
                "Description": .string(description), "EnableKeyRotation": true, "KeyPolicy": policy, "PendingWindowInDays": 30,
            ])
        }
    }

    /// What a service delivering into an encrypted store (SNS into a queue, EventBridge into a queue or
    /// topic) needs: a data key per message.
    public static let delivery = ["kms:Decrypt", "kms:GenerateDataKey"]
    /// What CloudWatch Logs needs to keep a log group encrypted (it checks the key, then encrypts and
    /// re-encrypts its data keys).
    public static let logs = [
        "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
        "kms:ReEncryptFrom", "kms:ReEncryptTo",
    ]

    /// A service's use of the key on behalf of one source.
    public static func serviceUse(_ service: TemplateValue, actions: [String] = delivery, sid: String, condition: TemplateMap)
        -> ResourcePolicyStatement
    {
        ResourcePolicyStatement(sid: sid, principal: ["Service": service], actions: actions, resources: ["*"], conditions: condition)
    }
}
