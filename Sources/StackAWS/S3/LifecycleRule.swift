import StackCore
import StackTemplate

/// One S3 lifecycle rule: what happens to the objects under a key prefix after some days. S3 counts in
/// whole days (1 to 36,500): `.days(30)`, or `.hours(48)`; `.hours(36)` is an `inexact-duration`.
///
/// ```swift
/// Bucket("Raw", versioned: true, lifecycle: [
///     .expire(after: .days(30), prefix: "tmp/"),
///     .transition(to: .glacierInstantRetrieval, after: .days(90), prefix: "raw/"),
///     .expireNoncurrentVersions(after: .days(7)),
///     .abortIncompleteUploads(after: .days(1)),
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
        /// Time after creation, in whole days.
        public var after: Duration
        public init(to storageClass: StorageClass, after: Duration) {
            self.storageClass = storageClass
            self.after = after
        }
    }

    /// Rule id in the bucket configuration; default `Rule<n>` by position.
    public var id: String?
    /// Key prefix the rule applies to; nil for the whole bucket.
    public var prefix: String?
    /// Time after creation when current objects expire.
    public var expireAfter: Duration?
    /// Time after becoming noncurrent when old versions are deleted (versioned buckets).
    public var noncurrentVersionsExpireAfter: Duration?
    /// Time after initiation when unfinished multipart uploads are aborted.
    public var abortIncompleteUploadsAfter: Duration?
    public var transitions: [Transition]

    public init(
        id: String? = nil, prefix: String? = nil, expireAfter: Duration? = nil,
        noncurrentVersionsExpireAfter: Duration? = nil, abortIncompleteUploadsAfter: Duration? = nil,
        transitions: [Transition] = []
    ) {
        self.id = id
        self.prefix = prefix
        self.expireAfter = expireAfter
        self.noncurrentVersionsExpireAfter = noncurrentVersionsExpireAfter
        self.abortIncompleteUploadsAfter = abortIncompleteUploadsAfter
        self.transitions = transitions
    }

    /// Deletes objects `age` after creation.
    public static func expire(after age: Duration, prefix: String? = nil) -> LifecycleRule {
        LifecycleRule(prefix: prefix, expireAfter: age)
    }

    /// Deletes old object versions `age` after they stop being current.
    public static func expireNoncurrentVersions(after age: Duration, prefix: String? = nil) -> LifecycleRule {
        LifecycleRule(prefix: prefix, noncurrentVersionsExpireAfter: age)
    }

    /// Aborts multipart uploads left unfinished for `age`, so their parts stop costing storage.
    public static func abortIncompleteUploads(after age: Duration, prefix: String? = nil) -> LifecycleRule {
        LifecycleRule(prefix: prefix, abortIncompleteUploadsAfter: age)
    }

    /// Moves objects to another storage class `age` after creation.
    public static func transition(to storageClass: StorageClass, after age: Duration, prefix: String? = nil) -> LifecycleRule {
        LifecycleRule(prefix: prefix, transitions: [Transition(to: storageClass, after: age)])
    }

    /// The `LifecycleConfiguration.Rules` entry; reports invalid day counts at `lifecycle[index]`.
    /// `expiringOldVersions`: an expiration also deletes the versions it makes noncurrent, after as long.
    func value(index: Int, versioned: Bool, expiringOldVersions: Bool = false, in scope: Scope) -> TemplateValue {
        let property = "lifecycle[\(index)]"
        var rule: [String: TemplateValue] = ["Id": .string(id ?? "Rule\(index)"), "Status": "Enabled"]
        if let prefix, !prefix.isEmpty { rule["Prefix"] = .string(prefix) }
        if let age = expireAfter {
            rule["ExpirationInDays"] = .int(scope.check(age, in: 1...36_500, .days, property: "\(property).expireAfter"))
        }
        if let age = noncurrentVersionsExpireAfter {
            let days = scope.check(age, in: 1...36_500, .days, property: "\(property).noncurrentVersionsExpireAfter")
            if !versioned {
                scope.warning(.noncurrentWithoutVersioning,
                              "lifecycle rule \(index) expires noncurrent versions, but the bucket is not versioned",
                              hint: "pass versioned: true to the Bucket, or drop the rule", property: property)
            }
            rule["NoncurrentVersionExpiration"] = ["NoncurrentDays": .int(days)]
        } else if expiringOldVersions, case .int(let days)? = rule["ExpirationInDays"] {
            rule["NoncurrentVersionExpiration"] = ["NoncurrentDays": .int(days)]
        }
        if let age = abortIncompleteUploadsAfter {
            let days = scope.check(age, in: 1...36_500, .days, property: "\(property).abortIncompleteUploadsAfter")
            rule["AbortIncompleteMultipartUpload"] = ["DaysAfterInitiation": .int(days)]
        }
        if !transitions.isEmpty {
            rule["Transitions"] = .list(transitions.enumerated().map { i, t in
                let days = scope.check(t.after, in: t.storageClass.minimumDays...36_500, .days,
                                       property: "\(property).transitions[\(i)].after")
                return ["StorageClass": .string(t.storageClass.rawValue), "TransitionInDays": .int(days)]
            })
        }
        let hasAction = expireAfter != nil || noncurrentVersionsExpireAfter != nil
            || abortIncompleteUploadsAfter != nil || !transitions.isEmpty
        if !hasAction {
            scope.error(.emptyLifecycleRule, "lifecycle rule \(index) has no action",
                        hint: "use .expire(after:), .expireNoncurrentVersions(after:), .abortIncompleteUploads(after:) or .transition(to:after:)",
                        property: property)
        }
        return .map(rule)
    }
}
