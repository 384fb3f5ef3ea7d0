import StackTemplate

/// Replacement facts the registry schemas leave out, written by hand and sourced. The schemas'
/// `createOnlyProperties` (CreateOnlyProperties.generated.swift) are the base; the CloudFormation
/// reference marks more properties "Update requires: Replacement", and some only replace for some edits.
struct ReplacementRule {
    enum When {
        case anyChange
        /// Editing an item that exists on both sides of a keyed list (adding or removing one is an update).
        case editOfExistingItem
    }
    var path: [String]
    var impact: Impact
    var when: When
    var reason: String
}

enum ReplacementRules {
    static let additional: [String: [ReplacementRule]] = [
        "AWS::DynamoDB::Table": [
            // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
            // KeySchema and LocalSecondaryIndexes: "Update requires: Replacement".
            ReplacementRule(path: ["KeySchema"], impact: .replace, when: .anyChange,
                            reason: "a table's key schema cannot change in place (CloudFormation reference: Update requires Replacement)"),
            ReplacementRule(path: ["LocalSecondaryIndexes"], impact: .replace, when: .anyChange,
                            reason: "local secondary indexes exist only from creation (CloudFormation reference: Update requires Replacement)"),
            // UpdateTable only adds attribute definitions for new global indexes; changing the type of an
            // existing attribute means a new table (see ../shared/AWS-NOTES.md, "Replacement (for diff)").
            ReplacementRule(path: ["AttributeDefinitions"], impact: .replace, when: .editOfExistingItem,
                            reason: "an existing attribute definition cannot be edited in place"),
        ],
        // SAM passes these to the AWS::Lambda::Function it generates, where they are create-only
        // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html:
        // FunctionName and PackageType are "passed directly to" AWS::Lambda::Function).
        "AWS::Serverless::Function": [
            ReplacementRule(path: ["FunctionName"], impact: .replace, when: .anyChange,
                            reason: "create-only property of the generated AWS::Lambda::Function"),
            ReplacementRule(path: ["PackageType"], impact: .replace, when: .anyChange,
                            reason: "create-only property of the generated AWS::Lambda::Function"),
        ],
        // A Glue table's identity is DatabaseName + TableInput.Name (the schema's primaryIdentifier);
        // renaming it through TableInput may recreate the table under the new name.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-glue-table.html
        "AWS::Glue::Table": [
            ReplacementRule(path: ["TableInput", "Name"], impact: .mayReplace, when: .anyChange,
                            reason: "the table name is part of the table's identity"),
        ],
    ]

    /// The impact of one property change of a resource of `type`, with the reason when it is more than
    /// an update. Changes outside `Properties` are updates.
    static func impact(of change: PropertyChange, type: String) -> (Impact, String?) {
        guard let keys = change.path.propertyKeys, !keys.isEmpty else { return (.update, nil) }
        var best: (Impact, String?) = (.update, nil)
        for path in CreateOnlyProperties.byType[type] ?? [] where touches(change, keys: keys, path: path) {
            return (.replace, "create-only property \(path.joined(separator: ".")) of \(type)")
        }
        for rule in additional[type] ?? [] where touches(change, keys: keys, path: rule.path) {
            if rule.when == .editOfExistingItem && !editsExistingItem(change, below: rule.path.count) { continue }
            if rule.impact > best.0 { best = (rule.impact, rule.reason) }
        }
        return best
    }

    /// The change is at `path` or below it, or is a change of a parent whose old or new value holds `path`.
    private static func touches(_ change: PropertyChange, keys: [String], path: [String]) -> Bool {
        let common = min(keys.count, path.count)
        for i in 0..<common where path[i] != "*" && keys[i] != "*" && path[i] != keys[i] { return false }
        if keys.count >= path.count { return true }
        let rest = Array(path[keys.count...])
        return [change.old, change.new].contains { $0.map { contains($0, rest) } ?? false }
    }

    private static func contains(_ value: TemplateValue, _ rest: [String]) -> Bool {
        guard let first = rest.first else { return true }
        switch value {
        case .map(let fields): return fields[first].map { contains($0, Array(rest.dropFirst())) } ?? false
        case .list(let items) where first == "*": return items.contains { contains($0, Array(rest.dropFirst())) }
        default: return false
        }
    }

    /// A keyed item present on both sides was edited: the change lies below the item and is not the
    /// whole item appearing or disappearing.
    private static func editsExistingItem(_ change: PropertyChange, below depth: Int) -> Bool {
        // components: Properties, <property>, [item], ...
        let components = change.path.components
        guard components.count > depth + 1, case .item = components[depth + 1] else { return false }
        if components.count == depth + 2 { return change.old != nil && change.new != nil }
        return true
    }
}
