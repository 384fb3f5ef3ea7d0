import StackCore
import StackTemplate

/// One S3 lifecycle rule: what happens to the objects under a key prefix after some days.
///
/// ```swift
/// Bucket("Raw", versioned: true, lifecycle: [
///     .expire(after: 30, prefix: "tmp/"),
///     .transition(to: .glacierInstantRetrieval, after: 90, prefix: "raw/"),
///     .expireNoncurrentVersions(after: 7),
///     .abortIncompleteUploads(after: 1),
/// ])
/// ```
public struct LifecycleRule: Hashable, Sendable {
    /// Storage classes a rule can move current objects to (`Transition.StorageClass`).
    public enum StorageClass: String, Hashable, Sendable, CaseIterable {
        case standardInfrequentAccess = "STANDARD_IA"
        case oneZoneInfrequentAccess = "ONEZONE_IA"
        case intelligentTiering = "INTELLIGENT_TIERING"
        case glacierInstantRetrieval = "GLACIER_IR"
        case glacier = "GLACIER"
        case deepArchive = "DEEP_ARCHIVE"

        /// S3 refuses transitions to the infrequent-access classes before 30 days.
        var minimumDays: Int {
            switch self {
            case .standardInfrequentAccess, .oneZoneInfrequentAccess: return 30
            default: return 0
            }
        }
    }

    public struct Transition: Hashable, Sendable {
        public var storageClass: StorageClass
        public var days: Int
        public init(to storageClass: StorageClass, after days: Int) {
            self.storageClass = storageClass
            self.days = days
        }
    }

    /// Rule id in the bucket configuration; default `Rule<n>` by position.
    public var id: String?
    /// Key prefix the rule applies to; nil for the whole bucket.
    public var prefix: String?
    /// Days after creation when current objects expire.
    public var expireAfterDays: Int?
    /// Days after becoming noncurrent when old versions are deleted (versioned buckets).
    public var noncurrentVersionsExpireAfterDays: Int?
    /// Days after initiation when unfinished multipart uploads are aborted.
    public var abortIncompleteUploadsAfterDays: Int?
    public var transitions: [Transition]

    public init(
        id: String? = nil, prefix: String? = nil, expireAfterDays: Int? = nil,
        noncurrentVersionsExpireAfterDays: Int? = nil, abortIncompleteUploadsAfterDays: Int? = nil,
        transitions: [Transition] = []
    ) {
        self.id = id
        self.prefix = prefix
        self.expireAfterDays = expireAfterDays
        self.noncurrentVersionsExpireAfterDays = noncurrentVersionsExpireAfterDays
        self.abortIncompleteUploadsAfterDays = abortIncompleteUploadsAfterDays
        self.transitions = transitions
    }

    /// Deletes objects `days` after creation.
    public static func expire(after days: Int, prefix: String? = nil) -> LifecycleRule {
        LifecycleRule(prefix: prefix, expireAfterDays: days)
    }

    /// Deletes old object versions `days` after they stop being current.
    public static func expireNoncurrentVersions(after days: Int, prefix: String? = nil) -> LifecycleRule {
        LifecycleRule(prefix: prefix, noncurrentVersionsExpireAfterDays: days)
    }

    /// Aborts multipart uploads left unfinished for `days`, so their parts stop costing storage.
    public static func abortIncompleteUploads(after days: Int, prefix: String? = nil) -> LifecycleRule {
        LifecycleRule(prefix: prefix, abortIncompleteUploadsAfterDays: days)
    }

    /// Moves objects to another storage class `days` after creation.
    public static func transition(to storageClass: StorageClass, after days: Int, prefix: String? = nil) -> LifecycleRule {
        LifecycleRule(prefix: prefix, transitions: [Transition(to: storageClass, after: days)])
    }

    /// The `LifecycleConfiguration.Rules` entry; reports invalid day counts at `lifecycle[index]`.
    func value(index: Int, versioned: Bool, in scope: Scope) -> TemplateValue {
        let property = "lifecycle[\(index)]"
        var rule: [String: TemplateValue] = ["Id": .string(id ?? "Rule\(index)"), "Status": "Enabled"]
        if let prefix, !prefix.isEmpty { rule["Prefix"] = .string(prefix) }
        if let days = expireAfterDays {
            scope.check(days, in: 1...36_500, property: "\(property).expireAfterDays", unit: " days")
            rule["ExpirationInDays"] = .int(days)
        }
        if let days = noncurrentVersionsExpireAfterDays {
            scope.check(days, in: 1...36_500, property: "\(property).noncurrentVersionsExpireAfterDays", unit: " days")
            if !versioned {
                scope.warning("noncurrent-without-versioning",
                              "lifecycle rule \(index) expires noncurrent versions, but the bucket is not versioned",
                              hint: "pass versioned: true to the Bucket, or drop the rule", property: property)
            }
            rule["NoncurrentVersionExpiration"] = ["NoncurrentDays": .int(days)]
        }
        if let days = abortIncompleteUploadsAfterDays {
            scope.check(days, in: 1...36_500, property: "\(property).abortIncompleteUploadsAfterDays", unit: " days")
            rule["AbortIncompleteMultipartUpload"] = ["DaysAfterInitiation": .int(days)]
        }
        if !transitions.isEmpty {
            for (i, t) in transitions.enumerated() {
                scope.check(t.days, in: t.storageClass.minimumDays...36_500, property: "\(property).transitions[\(i)].days", unit: " days")
            }
            rule["Transitions"] = .list(transitions.map {
                ["StorageClass": .string($0.storageClass.rawValue), "TransitionInDays": .int($0.days)]
            })
        }
        let hasAction = expireAfterDays != nil || noncurrentVersionsExpireAfterDays != nil
            || abortIncompleteUploadsAfterDays != nil || !transitions.isEmpty
        if !hasAction {
            scope.error("empty-lifecycle-rule", "lifecycle rule \(index) has no action",
                        hint: "use .expire(after:), .expireNoncurrentVersions(after:), .abortIncompleteUploads(after:) or .transition(to:after:)",
                        property: property)
        }
        return .map(rule)
    }
}
