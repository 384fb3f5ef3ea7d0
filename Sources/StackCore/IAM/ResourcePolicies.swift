import StackTemplate

/// A statement of a resource policy (a queue's, a topic's, a bucket's): who may do what to it.
public struct ResourcePolicyStatement: Hashable, Sendable {
    /// Letters and digits; the owner makes it unique within its policy.
    public var sid: String
    public var effect: PolicyStatement.Effect
    /// `["Service": "sns.amazonaws.com"]`, or `"*"` for everyone (a deny).
    public var principal: TemplateValue
    public var actions: [String]
    public var resources: [TemplateValue]
    public var conditions: TemplateMap

    public init(sid: String, _ effect: PolicyStatement.Effect = .allow, principal: TemplateValue, actions: [String],
                resources: [TemplateValue], conditions: TemplateMap = [:]) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
    }

    /// A service allowed to act on behalf of one source (`aws:SourceArn`), the usual shape.
    public static func service(_ service: String, sid: String, actions: [String], on resources: [TemplateValue],
                               from sourceArn: TemplateValue) -> ResourcePolicyStatement {
        ResourcePolicyStatement(sid: sid, principal: ["Service": .string(service)], actions: actions, resources: resources,
                                conditions: ["ArnEquals": ["aws:SourceArn": sourceArn]])
    }

    func value(sid: String) -> TemplateValue {
        var fields: TemplateMap = [
            "Action": actions.count == 1 ? .string(actions[0]) : .list(actions.map(TemplateValue.string)),
            "Effect": .string(effect.rawValue),
            "Principal": principal,
            "Resource": resources.count == 1 ? resources[0] : .list(resources),
            "Sid": .string(sid),
        ]
        if !conditions.isEmpty { fields["Condition"] = .map(conditions) }  // a TemplateMap: no conversion
        return .map(fields)
    }
}

/// A resource policy owned by one construct: it holds the owner's own statements and everything other
/// constructs contribute, and is rendered once, after every construct has been synthesized. A queue,
/// topic or bucket has a single policy resource (a second `QueuePolicy` would replace the first), so
/// contributions, not separate policies, are how two topics may both deliver to one queue.
struct ResourcePolicyOwner {
    /// The owning construct's path (relative to the stack).
    var path: String
    var name: String
    var statements: [ResourcePolicyStatement]
    var render: @Sendable (_ document: TemplateValue) -> Resource
}

struct ResourcePolicyContribution {
    var target: String
    var requestedBy: String
    var statements: [ResourcePolicyStatement]
}

extension Scope {
    /// Declares that this construct owns a resource policy, child `name` (`""`: the construct's own
    /// resource, a key holding its key policy), rendered by `render` from the final policy document (own statements first, then contributions by Sid); with no statement at all
    /// nothing is rendered.
    public func ownResourcePolicy(_ name: String = "Policy", statements: [ResourcePolicyStatement] = [],
                                  render: @escaping @Sendable (_ document: TemplateValue) -> Resource) {
        assembly.policyOwners.append(ResourcePolicyOwner(path: path, name: name, statements: statements, render: render))
    }

    /// Adds statements to the resource policy of `owner`, a construct of this stack that owns one.
    public func contribute(_ statements: [ResourcePolicyStatement], toPolicyOf owner: some Construct) {
        contribute(statements, toPolicyOf: owner.id)
    }

    /// Adds statements to the resource policy of the construct with this id (found as references are).
    public func contribute(_ statements: [ResourcePolicyStatement], toPolicyOf ownerID: String) {
        assembly.policyContributions.append(
            ResourcePolicyContribution(target: ownerID, requestedBy: fullPath, statements: statements))
    }
}

extension StackAssembly {
    /// The resource-policies phase: each owner's policy with its contributions, Sids made unique. Owners
    /// render in declaration order; most have no contribution, and then nothing is sorted or hashed.
    func renderResourcePolicies() {
        var contributed: [String: [ResourcePolicyStatement]] = [:]
        if !policyContributions.isEmpty {
            let owners = Set(policyOwners.map(\.path))
            for contribution in policyContributions {
                let holder = ReferenceResolver.relativeToStack(contribution.requestedBy, stackName)
                guard let owner = ReferenceResolver.candidates(for: contribution.target, from: holder).first(where: owners.contains) else {
                    diagnostics.error(contribution.requestedBy, .targetNotInStack,
                                      "\(contribution.target) is not a construct of \(stackName) that takes resource policy statements",
                                      hint: "declare it in the same stack; a resource policy cannot be shared across stacks")
                    continue
                }
                contributed[owner, default: []] += contribution.statements
            }
        }
        for owner in policyOwners {
            var statements = owner.statements
            if let extra = contributed[owner.path] {
                var seen = Set(statements)
                for statement in extra.sorted(by: { $0.sid < $1.sid }) where seen.insert(statement).inserted {
                    statements.append(statement)
                }
            }
            guard !statements.isEmpty else { continue }
            var rendered: [TemplateValue] = []
            rendered.reserveCapacity(statements.count)
            var sids: Set<String> = []
            for statement in statements {
                var sid = statement.sid, n = 2
                if statements.count > 1 {
                    while !sids.insert(sid).inserted { sid = statement.sid + String(n); n += 1 }
                }
                rendered.append(statement.value(sid: sid))
            }
            let document: TemplateValue = ["Statement": .list(rendered), "Version": "2012-10-17"]
            let relative = owner.name.isEmpty ? owner.path : owner.path.isEmpty ? owner.name : owner.path + "/" + owner.name
            _ = addResource(relativePath: relative, owner.render(document))
        }
        policyOwners.removeAll()
        policyContributions.removeAll()
    }
}
