/// How a list is compared. CloudFormation passes lists to resource providers in order, and for most
/// properties order is meaningful (a DynamoDB `KeySchema` is HASH then RANGE, Lambda `Layers` apply in
/// order), so lists are ordered unless listed here. The exceptions are lists AWS itself treats as
/// unordered; comparing them in order would only produce noise:
///
/// - sets: `DependsOn`; in IAM policy documents `Statement`, `Action`, `NotAction`, `Resource`,
///   `NotResource`, principal lists and condition value lists (IAM evaluates them as sets, and a single
///   string equals a one-item list); `ManagedPolicyArns`; the `Roles`/`Users`/`Groups` an IAM policy is
///   attached to; the `Queues`/`Topics` a queue or topic policy applies to.
/// - keyed lists, items matched by a field: `Tags` by `Key`, DynamoDB `AttributeDefinitions` by
///   `AttributeName`, `GlobalSecondaryIndexes`/`LocalSecondaryIndexes` by `IndexName`, EventBridge rule
///   `Targets` by `Id`, IAM role inline `Policies` by `PolicyName`. Their order is not used by AWS.
enum ListKind: Equatable {
    case ordered
    case set
    case keyed(String)
}

enum ListSemantics {
    /// Keys whose value is a policy document; inside one, IAM's set rules apply.
    static let policyDocumentKeys: Set<String> = [
        "PolicyDocument", "AssumeRolePolicyDocument", "ResourcePolicy", "KeyPolicy",
    ]
    static let setKeysInPolicies: Set<String> = ["Statement", "Action", "NotAction", "Resource", "NotResource"]
    static let setKeys: Set<String> = ["ManagedPolicyArns", "Roles", "Users", "Groups", "Queues", "Topics"]
    static let keyedLists: [String: String] = [
        "Tags": "Key", "AttributeDefinitions": "AttributeName", "GlobalSecondaryIndexes": "IndexName",
        "LocalSecondaryIndexes": "IndexName", "Targets": "Id", "Policies": "PolicyName",
    ]

    /// The kind of the list found under `key`; `inPolicy` when inside a policy document, where every
    /// list (principals, condition values, actions, resources, statements) is a set.
    static func kind(of key: String?, inPolicy: Bool, items: [TemplateValue]) -> ListKind {
        guard let key else { return .ordered }
        if inPolicy { return .set }
        if setKeys.contains(key) { return .set }
        if let field = keyedLists[key], items.allSatisfy({ $0[field]?.stringValue != nil }),
            Set(items.compactMap { $0[field]?.stringValue }).count == items.count
        {
            return .keyed(field)
        }
        return .ordered
    }
}

import StackTemplate
