import StackCore
import StackTemplate

/// An S3 bucket with safe defaults: encrypted at rest, every kind of public access blocked, ACLs
/// disabled (`BucketOwnerEnforced`), a bucket policy that denies requests not made over TLS, and
/// `DeletionPolicy`/`UpdateReplacePolicy` from the environment.
///
/// The bucket always has an explicit physical name (`<namePrefix>-<stack>-<path>-<account>` in kebab case
/// unless `name` is given), and tells the synthesizer so: references to `name` and `arn` resolve to
/// literals, not `Ref`/`Fn::GetAtt`. S3 notifications to Lambda rely on this: the bucket's
/// `NotificationConfiguration` refers to the function, the function's `AWS::Lambda::Permission` must
/// exist before the bucket is configured, and the function's policy may name the bucket — with
/// `Fn::GetAtt Arn` in either, bucket → permission → function → policy → bucket would be a cycle.
/// Other stacks need no import to use a bucket either.
/// The S3 trigger adds `NotificationConfiguration.LambdaConfigurations` with `scope.amend(target:)`
/// after this construct is synthesized; the bucket keeps whatever the amendment adds.
public struct Bucket: Referenceable {
    /// Server-side encryption at rest.
    public enum Encryption: Hashable, Sendable {
        /// SSE-S3 (`AES256`), keys managed by S3.
        case s3Managed
        /// SSE-KMS with the AWS managed key `aws/s3` and an S3 Bucket Key (fewer KMS calls). Principals
        /// of the account may use `aws/s3` through S3 by its key policy: grants need no KMS actions.
        case kmsManaged
    }

    public let id: String
    /// Explicit physical name; nil for the default derived from the environment.
    public let explicitName: String?
    /// Keeps old versions of objects; nil: versioned where the environment retains data.
    public let versioned: Bool?
    public let lifecycle: [LifecycleRule]
    /// Sends the bucket's events to EventBridge (`NotificationConfiguration.EventBridgeConfiguration`).
    public let eventBridge: Bool
    /// nil: the stack's customer managed key where the environment asks for one, else SSE-S3.
    public let encryption: Encryption?
    /// The stack's access-log bucket, which does not log its own access.
    let isAccessLogBucket: Bool

    public init(
        _ id: String, name: String? = nil, versioned: Bool? = nil, lifecycle: [LifecycleRule] = [],
        eventBridge: Bool = false, encryption: Encryption? = nil
    ) {
        self.init(id, name: name, versioned: versioned, lifecycle: lifecycle, eventBridge: eventBridge,
                  encryption: encryption, isAccessLogBucket: false)
    }

    init(_ id: String, name: String?, versioned: Bool?, lifecycle: [LifecycleRule], eventBridge: Bool,
         encryption: Encryption?, isAccessLogBucket: Bool) {
        self.id = id
        self.explicitName = name
        self.versioned = versioned
        self.lifecycle = lifecycle
        self.eventBridge = eventBridge
        self.encryption = encryption
        self.isAccessLogBucket = isAccessLogBucket
    }

    // MARK: References

    /// The bucket ARN (`Fn::GetAtt Arn`).
    public var arn: TemplateValue { attribute("Arn") }
    /// The bucket name (`Ref`).
    public var name: TemplateValue { ref() }

    /// The bucket's physical name where it is synthesized: `name`, or
    /// `<namePrefix>-<stack>-<path>-<account>` in kebab case (unique across stacks and environments).
    public func physicalName(in scope: Scope) -> String {
        if let explicitName { return explicitName }
        return scope.physicalNamePrefix + "-" + scope.kebabPath + "-" + scope.settings.account
    }

    /// The bucket ARN built from a physical name (`arn:${AWS::Partition}:s3:::name`).
    public static func arn(named name: String) -> TemplateValue {
        Arn.build(service: "s3", resource: .string(name), regional: false, account: false)
    }

    // MARK: Grants

    /// Reading objects under `keys` (`raw/*`), and listing those keys.
    public func read(keys: String = "*") -> Grant {
        Grant("read \(id)\(Self.describe(keys))",
              [objectStatement(S3Actions.readObjects, keys), listStatement(keys), .dataKey(DataKey.decrypt)])
    }

    /// Writing objects under `keys` (`raw/*`).
    public func write(keys: String = "*") -> Grant {
        Grant("write \(id)\(Self.describe(keys))", [objectStatement(S3Actions.writeObjects, keys), .dataKey(DataKey.encrypt)])
    }

    /// Reading, listing and writing objects under `keys`.
    public func readWrite(keys: String = "*") -> Grant {
        Grant("read/write \(id)\(Self.describe(keys))",
              [objectStatement(S3Actions.readObjects + S3Actions.writeObjects, keys), listStatement(keys), .dataKey(DataKey.encrypt)])
    }

    private func objectStatement(_ actions: [String], _ keys: String) -> PolicyStatement {
        PolicyStatement(actions: actions, resources: ["\(arn)/\(keys)"])
    }

    private func listStatement(_ keys: String) -> PolicyStatement {
        guard keys != "*" else { return PolicyStatement(actions: S3Actions.list, resources: [arn]) }
        return PolicyStatement(actions: S3Actions.list, resources: [arn],
                               conditions: ["StringLike": ["s3:prefix": [.string(keys)]]])
    }

    private static func describe(_ keys: String) -> String { keys == "*" ? "" : " (\(keys))" }

    // MARK: Synthesis

    public func synthesize(in scope: Scope) {
        let bucketName = physicalName(in: scope)
        scope.checkName(bucketName, what: "bucket name", problem: NameRules.bucketNameProblem(bucketName),
                        code: .invalidBucketName,
                        hint: explicitName == nil
                            ? "the default name is <namePrefix>-<id>-<account>; pass name: with 3–63 lowercase letters, digits, hyphens or dots, or fix the environment's namePrefix"
                            : "use 3–63 lowercase letters, digits, hyphens or dots, starting and ending with a letter or digit")

        var properties: TemplateMap = [  // keys in sorted order: see TemplateMap
            "BucketEncryption": encryptionConfiguration(in: scope),
            "BucketName": .string(bucketName),
            "OwnershipControls": Self.ownershipControls,
            "PublicAccessBlockConfiguration": Self.publicAccessBlock,
        ]
        let versioned = self.versioned ?? scope.settings.retainData
        if versioned { properties["VersioningConfiguration"] = ["Status": "Enabled"] }
        if !lifecycle.isEmpty {
            // Versioned only because data is retained: an expiration also ends the old versions it leaves.
            let impliedVersioning = self.versioned == nil && versioned
            properties["LifecycleConfiguration"] = [
                "Rules": .list(lifecycle.enumerated().map {
                    $1.value(index: $0, versioned: versioned, expiringOldVersions: impliedVersioning, in: scope)
                }),
            ]
            let ids = lifecycle.enumerated().map { $1.id ?? "Rule\($0)" }
            if Set(ids).count != ids.count {
                scope.error(.duplicateLifecycleRuleID, "two lifecycle rules of \(bucketName) have the same id",
                            hint: "give each LifecycleRule a unique id", property: "lifecycle")
            }
        }
        if eventBridge {
            properties["NotificationConfiguration"] = ["EventBridgeConfiguration": ["EventBridgeEnabled": true]]
        }
        let bucketArn = Self.arn(named: bucketName)
        var dependsOn: [String] = []
        if scope.settings.accessLogs && !isAccessLogBucket {
            properties["LoggingConfiguration"] = AccessLogs.logging(of: bucketName, bucketArn: bucketArn, in: scope)
            dependsOn = AccessLogs.readiness
        }
        let bucketID = scope.resource(Resource(type: "AWS::S3::Bucket", properties: properties, dependsOn: dependsOn))
        scope.provide(.ref, value: .string(bucketName))
        scope.provide(.getAtt("Arn"), value: bucketArn)

        // A real Ref: the policy needs the bucket to exist first.
        let bucketRef = TemplateValue.ref(bucketID)
        scope.ownResourcePolicy(statements: [Self.denyInsecureTransport(bucketArn)]) { document in
            Resource(type: "AWS::S3::BucketPolicy", properties: ["Bucket": bucketRef, "PolicyDocument": document])
        }
    }

    private func encryptionConfiguration(in scope: Scope) -> TemplateValue {
        switch encryption {
        case .s3Managed?: return Self.s3ManagedEncryption
        case .kmsManaged?: return Self.kmsManagedEncryption
        case nil:
            guard !isAccessLogBucket, let key = scope.customerKey else { return Self.s3ManagedEncryption }
            return ["ServerSideEncryptionConfiguration": [
                ["ServerSideEncryptionByDefault": ["KMSMasterKeyID": key, "SSEAlgorithm": "aws:kms"], "BucketKeyEnabled": true],
            ]]
        }
    }

    // The parts every bucket shares are built once and shared (values, so sharing is safe).
    private static let s3ManagedEncryption: TemplateValue = [
        "ServerSideEncryptionConfiguration": [["ServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]],
    ]
    private static let kmsManagedEncryption: TemplateValue = [
        "ServerSideEncryptionConfiguration": [
            ["ServerSideEncryptionByDefault": ["SSEAlgorithm": "aws:kms"], "BucketKeyEnabled": true],
        ],
    ]
    private static let publicAccessBlock: TemplateValue = [
        "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
    ]
    private static let ownershipControls: TemplateValue = ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]]
    private static let secureTransportOnly: TemplateMap = ["Bool": ["aws:SecureTransport": "false"]]

    /// Denies every request to the bucket and its objects that is not made over TLS. (A `Deny`, so
    /// `s3:*` here takes permissions away; grants never use it.)
    static func denyInsecureTransport(_ bucketArn: TemplateValue) -> ResourcePolicyStatement {
        ResourcePolicyStatement(sid: "DenyInsecureTransport", .deny, principal: "*", actions: ["s3:*"],
                                resources: [bucketArn, "\(bucketArn)/*"], conditions: secureTransportOnly)
    }
}
