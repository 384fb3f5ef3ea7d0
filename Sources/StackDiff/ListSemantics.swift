import ResourceCatalogue
import StackTemplate

/// How a list is compared. CloudFormation passes lists to resource providers in order, and for most
/// properties order is meaningful (a DynamoDB `KeySchema` is HASH then RANGE, Lambda `Layers` apply in
/// order), so lists are ordered unless a rule says otherwise:
///
/// - in IAM policy documents every list is a set: `Statement`, `Action`, `NotAction`, `Resource`,
///   `NotResource`, principal lists and condition value lists (IAM evaluates them as sets, and a single
///   string equals a one-item list);
/// - `Tags` are keyed by `Key` on every type;
/// - the rest is per resource type, in the catalogue (`ResourceType.lists`): DynamoDB
///   `AttributeDefinitions` by `AttributeName`, EventBridge `Targets` by `Id`, a role's `Policies` by
///   `PolicyName`, the `Roles` an IAM policy is attached to as a set, and so on. For a type the
///   catalogue does not know (another tool's template), every catalogued rule applies.
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
    static let everyType: [String: ListRule] = ["Tags": .keyed("Key")]
    /// Every catalogued rule, for types the catalogue does not know.
    static let unknownType: [String: ListRule] = ResourceCatalogue.all.reduce(into: everyType) { rules, entry in
        rules.merge(entry.lists) { first, _ in first }
    }
    private static let byType: [String: [String: ListRule]] = Dictionary(
        ResourceCatalogue.all.map { ($0.name, $0.lists.merging(everyType) { own, _ in own }) },
        uniquingKeysWith: { a, _ in a })

    /// The kind of the list found under `key` in a resource of `type` (nil outside resources);
    /// `inPolicy` when inside a policy document, where every list is a set.
    static func kind(of key: String?, type: String?, inPolicy: Bool, items: [TemplateValue]) -> ListKind {
        guard let key else { return .ordered }
        if inPolicy { return .set }
        let rules = type.map { byType[$0] ?? unknownType } ?? everyType
        switch rules[key] {
        case .set?: return .set
        case .keyed(let field)?:
            guard items.allSatisfy({ $0[field]?.stringValue != nil }),
                  Set(items.compactMap { $0[field]?.stringValue }).count == items.count
            else { return .ordered }
            return .keyed(field)
        case nil: return .ordered
        }
    }
}
