/// What stackctl knows about one CloudFormation resource type, in one place: the constructs (retention),
/// `diff` (data loss, list semantics, replacement), `deploy` (approval), `invoke` (resolving references)
/// and `destroy` (cleanup of what a stack leaves behind) all read it. Data only.
public struct ResourceType: Sendable {
    /// `AWS::S3::Bucket`.
    public let name: String
    /// Deleting or replacing it destroys data: constructs retain it where the environment says
    /// `retainData: true`, and `diff` reports its deletion or replacement without retention as data loss.
    public let holdsData: Bool
    /// Where the physical name sits below `Properties` (`BucketName`, `DatabaseInput.Name`); nil when the
    /// type has no name property (CloudFormation generates its physical ID).
    public let nameProperty: [String]?
    /// What `Ref` returns.
    public let ref: ReferenceValue
    /// What `Fn::GetAtt` returns, per attribute stackctl reads or writes.
    public let attributes: [String: ReferenceValue]
    /// Lists below `Properties` that AWS treats as sets or keys by a field, by the property key holding
    /// them (anywhere inside this type's properties).
    public let lists: [String: ListRule]
    /// Replacement facts beyond the registry schema's `createOnlyProperties`, each with its source.
    public let replacement: [ReplacementFact]
    /// The AWS CLI command that deletes a leftover (`{id}` the physical ID, `{region}`); nil when none applies.
    public let cleanup: String?
    /// It grants permissions by itself (IAM policies and roles, resource policies, Lambda permissions):
    /// adding or widening one is a permission broadening.
    public let carriesPermissions: Bool

    public init(
        _ name: String, holdsData: Bool = false, nameProperty: [String]? = nil, ref: ReferenceValue,
        attributes: [String: ReferenceValue] = [:], lists: [String: ListRule] = [:],
        replacement: [ReplacementFact] = [], cleanup: String? = nil, carriesPermissions: Bool = false
    ) {
        self.name = name
        self.holdsData = holdsData
        self.nameProperty = nameProperty
        self.ref = ref
        self.attributes = attributes
        self.lists = lists
        self.replacement = replacement
        self.cleanup = cleanup
        self.carriesPermissions = carriesPermissions
    }

    /// The registry schema's `createOnlyProperties` (generated; empty for types without a schema).
    public var createOnlyProperties: [[String]] { CreateOnlyProperties.byType[name] ?? [] }

    /// The cleanup command for one leftover, placeholders filled in.
    public func cleanupCommand(physicalID: String, region: String) -> String? {
        cleanup.map { $0.replacingAll("{id}", with: physicalID).replacingAll("{region}", with: region) }
    }
}

/// A value `Ref` or `Fn::GetAtt` returns, as a pattern over the resource's physical name and its
/// environment: `{name}`, `{partition}`, `{region}`, `{account}`, `{urlSuffix}` and
/// `{endpoint:SERVICE}` (`https://SERVICE.REGION.URLSUFFIX`, or an emulator's URL).
public enum ReferenceValue: Sendable, Equatable {
    /// The physical name itself.
    case name
    /// A pattern built from the name and the environment.
    case pattern(String)
    /// Known only once deployed (a generated ID, a creation timestamp); the reason says why.
    case deployTime(String)
}

/// How a list is compared in a diff.
public enum ListRule: Sendable, Equatable {
    /// Order and repeats mean nothing.
    case set
    /// Items are matched by this field, whatever their order.
    case keyed(String)
}

/// A property whose change replaces the resource although the registry schema does not say so.
public struct ReplacementFact: Sendable {
    public enum Effect: Sendable { case replace, mayReplace }
    public enum When: Sendable {
        case anyChange
        /// Editing an item that exists on both sides of a keyed list (adding or removing one is an update).
        case editOfExistingItem
    }

    /// Below `Properties`.
    public let path: [String]
    public let effect: Effect
    public let when: When
    public let reason: String
    /// Where the fact comes from (a documentation page, an observation).
    public let source: String

    public init(_ path: [String], _ effect: Effect, when: When = .anyChange, reason: String, source: String) {
        self.path = path
        self.effect = effect
        self.when = when
        self.reason = reason
        self.source = source
    }
}

extension String {
    /// Every occurrence replaced, without Foundation (this module has no dependencies).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = "", rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
