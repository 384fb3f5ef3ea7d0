import StackTemplate

/// What a change does to a resource, least to most disruptive. Raw values appear in the JSON output.
public enum Impact: String, Sendable, Comparable, CaseIterable {
    /// Only metadata or attributes CloudFormation does not act on (shown apart, quietly).
    case none
    /// Updated in place.
    case update
    /// CloudFormation may replace it: it depends on values known only at deploy time.
    case mayReplace = "may-replace"
    /// Deleted and created again with a new physical ID.
    case replace
    case add
    /// Deleted with the stack update.
    case remove
    /// Removed from the stack but kept in the account (`DeletionPolicy: Retain`).
    case orphan

    private var rank: Int { Impact.allCases.firstIndex(of: self)! }
    public static func < (a: Impact, b: Impact) -> Bool { a.rank < b.rank }
}

/// A reason to stop and look.
public enum RiskKind: String, Sendable, CaseIterable {
    /// A stateful resource (bucket, table, stream, queue, Glue table, secret, log group) is replaced or
    /// deleted without retention: its data goes.
    case dataLoss = "data-loss"
    /// Permissions are added or widened: IAM statements, managed policies, Lambda permissions,
    /// resource policies, trust policies.
    case permissionBroadening = "permission-broadening"
}

public struct Risk: Hashable, Sendable {
    public var kind: RiskKind
    public var message: String
}

public struct ResourceChange: Sendable {
    public var logicalID: String
    /// The construct path from `Metadata.stackctl:path` (new side, else old side).
    public var constructPath: String?
    public var type: String
    /// The old type, when the type changed.
    public var oldType: String?
    public var impact: Impact
    /// Why the resource is replaced or may be (one line each, sorted).
    public var reasons: [String]
    public var changes: [PropertyChange]
    public var risks: [Risk]
}

/// An added, removed or modified entry of `Outputs`, `Parameters`, `Conditions`, `Mappings` or the
/// template's own fields (`Description`, `Transform`).
public struct EntryChange: Sendable {
    public enum Kind: String, Sendable { case added, removed, modified }
    public var section: String
    public var name: String
    public var kind: Kind
    public var changes: [PropertyChange]
}

/// The permission side of a resource's change: IAM statements (or statement-like grants) added and removed.
public struct IAMChange: Sendable {
    public var logicalID: String
    public var constructPath: String?
    public var type: String
    /// Which document: `PolicyDocument`, `Policies[PolicyName=x].PolicyDocument`,
    /// `AssumeRolePolicyDocument` (trust), `ManagedPolicyArns`, `Lambda permission`.
    public var source: String
    public var added: [String]
    public var removed: [String]
    /// True when something added is not covered by what was there before.
    public var broadens: Bool
}

public struct StackDiff: Sendable {
    public enum Status: String, Sendable { case added, removed, modified, unchanged }
    public var name: String
    public var status: Status
    /// Resources with an impact other than `.none`, sorted by logical ID.
    public var resources: [ResourceChange]
    /// Logical IDs whose only changes are in `Metadata` (or other attributes CloudFormation ignores).
    public var metadataOnly: [String]
    public var entries: [EntryChange]
    public var iam: [IAMChange]

    public var risks: [Risk] { resources.flatMap(\.risks) }
    public var hasChanges: Bool { !resources.isEmpty || !entries.isEmpty || status == .added || status == .removed }
    public func count(_ impact: Impact) -> Int { resources.lazy.filter { $0.impact == impact }.count }
}

/// The diff of every stack compared, in the order given (stack dependency order from the manifest).
public struct DiffReport: Sendable {
    public var stacks: [StackDiff]
    /// Where the old side came from, for the headers (`stackctl.out/dev`, `origin/main`).
    public var baseLabel: String
    public var environment: String?

    public init(stacks: [StackDiff], baseLabel: String, environment: String? = nil) {
        self.stacks = stacks
        self.baseLabel = baseLabel
        self.environment = environment
    }

    public var hasChanges: Bool { stacks.contains { $0.hasChanges } }
    public var hasReplacement: Bool {
        stacks.contains { $0.resources.contains { $0.impact == .replace || $0.impact == .mayReplace } }
    }
    public func has(_ risk: RiskKind) -> Bool { stacks.contains { $0.risks.contains { $0.kind == risk } } }
}
