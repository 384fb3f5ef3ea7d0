import StackTemplate

/// One IAM policy statement. Actions are kept sorted and unique so that equal grants render equally.
public struct PolicyStatement: Hashable, Sendable {
    public enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }

    public var effect: Effect
    public private(set) var actions: [String]
    public var resources: [TemplateValue]
    public var conditions: [String: TemplateValue]
    /// Applies only where the environment encrypts with a customer managed key: the key actions a grant
    /// needs on the stack's `DataKey` (with AWS managed keys, the service's key policy already allows them).
    public var needsCustomerKey: Bool = false

    public init(_ effect: Effect = .allow, actions: [String], resources: [TemplateValue], conditions: [String: TemplateValue] = [:]) {
        self.effect = effect
        // Sorted, then adjacent repeats dropped: the same result as a set, without hashing.
        var unique = actions.sorted()
        if unique.count > 1 {
            var write = 1
            for read in 1..<unique.count where unique[read] != unique[write - 1] {
                unique[write] = unique[read]
                write += 1
            }
            unique.removeLast(unique.count - write)
        }
        self.actions = unique
        self.resources = resources
        self.conditions = conditions
    }

    /// Rendered as a policy document statement; single items stay scalars, as people write them.
    public var value: TemplateValue {
        var fields: TemplateMap = [  // in key order, so building the map needs no sorting
            "Action": actions.count == 1 ? .string(actions[0]) : .list(actions.map(TemplateValue.string)),
            "Effect": .string(effect.rawValue),
            "Resource": resources.count == 1 ? resources[0] : .list(resources),
        ]
        if !conditions.isEmpty { fields["Condition"] = .map(conditions) }
        return .map(fields)
    }

    /// `actions` on the stack's customer managed key, kept only in environments that use one.
    public static func dataKey(_ actions: [String]) -> PolicyStatement {
        var statement = PolicyStatement(actions: actions, resources: [DataKey.arn])
        statement.needsCustomerKey = true
        return statement
    }

    /// The statements that apply in this scope's environment: key statements only with a customer
    /// managed key (which they then make sure the stack has).
    public static func applicable(_ statements: [PolicyStatement], in scope: Scope) -> [PolicyStatement] {
        guard statements.contains(where: \.needsCustomerKey) else { return statements }
        guard scope.settings.customerManagedKey else { return statements.filter { !$0.needsCustomerKey } }
        scope.requireDataKey()
        return statements
    }

    /// Actions that grant everything (`*`, `s3:*`) — stackctl never emits them.
    public var wildcardActions: [String] { actions.filter { $0 == "*" || $0.hasSuffix(":*") } }

    public static func document(_ statements: [PolicyStatement]) -> TemplateValue {
        ["Version": "2012-10-17", "Statement": .list(statements.map(\.value))]
    }
}

/// A named, least-privilege permission, produced by a construct's intent verb (`bucket.write(keys:)`,
/// `table.writeData`, `topic.publish`). `Allow(grant)` in a function attaches it to the function's role.
public struct Grant: Hashable, Sendable {
    /// What the grant is for, shown in diagnostics: `write RawData (raw/*)`.
    public var intent: String
    public var statements: [PolicyStatement]

    public init(_ intent: String, _ statements: [PolicyStatement]) {
        self.intent = intent
        self.statements = statements
    }

    public init(_ intent: String, actions: [String], resources: [TemplateValue]) {
        self.init(intent, [PolicyStatement(actions: actions, resources: resources)])
    }

    /// The statements that apply in an environment with or without a customer managed key.
    public func statements(customerKey: Bool) -> [PolicyStatement] {
        customerKey ? statements : statements.filter { !$0.needsCustomerKey }
    }

    /// Two grants together.
    public static func + (a: Grant, b: Grant) -> Grant {
        Grant(a.intent + " + " + b.intent, a.statements + b.statements)
    }
}

/// Trust policies for service roles.
public enum TrustPolicy {
    /// Lambda's, built once: every function's role carries it.
    public static let lambda = service("lambda.amazonaws.com")

    /// The trust policy of a role `principal` assumes (Lambda's shared, the others built).
    public static func `for`(_ principal: String) -> TemplateValue {
        principal == "lambda.amazonaws.com" ? lambda : service(principal)
    }

    public static func service(_ principal: String) -> TemplateValue {
        ["Version": "2012-10-17",
         "Statement": [["Effect": "Allow", "Principal": ["Service": .string(principal)], "Action": "sts:AssumeRole"]]]
    }
}

/// Merges statements with identical effect, resources and conditions, so a role's policy stays short
/// and stable however many grants added the same thing.
public enum StatementMerger {
    public static func merge(_ statements: [PolicyStatement]) -> [PolicyStatement] {
        // A linear search, not a hash table: a role has a handful of statements, and hashing their
        // resource trees cost more than comparing them. IAM's policy size limit bounds the count.
        var order: [PolicyStatement] = []
        for statement in statements {
            if let i = order.firstIndex(where: {
                $0.effect == statement.effect && $0.resources == statement.resources && $0.conditions == statement.conditions
            }) {
                let needsKey = order[i].needsCustomerKey
                order[i] = PolicyStatement(statement.effect, actions: order[i].actions + statement.actions,
                                           resources: statement.resources, conditions: statement.conditions)
                order[i].needsCustomerKey = needsKey
            } else {
                order.append(statement)
            }
        }
        return order
    }
}
