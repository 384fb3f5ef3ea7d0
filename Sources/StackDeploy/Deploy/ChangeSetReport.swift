import AWSClient
import Foundation

/// A change set as people read it: one line per resource with its action, type and construct path,
/// replacements called out, sorted so the same change set always prints the same way.
public struct ChangeSetReport: Sendable {
    public var stack: StackToDeploy
    public var changes: [CloudFormation.ResourceChange]
    /// Paths of resources in the deployed template (removed resources are not in the new one).
    public var deployedPaths: [String: String]

    public init(stack: StackToDeploy, changes: [CloudFormation.ResourceChange], deployedPaths: [String: String] = [:]) {
        self.stack = stack
        self.changes = changes
        self.deployedPaths = deployedPaths
    }

    static func isReplacement(_ change: CloudFormation.ResourceChange) -> Bool {
        change.action == "Modify" && (change.replacement == "True" || change.replacement == "Conditional")
    }

    static func symbol(_ change: CloudFormation.ResourceChange) -> String {
        if isReplacement(change) { return change.replacement == "True" ? "±" : "?" }
        switch change.action {
        case "Add": return "+"
        case "Remove": return "-"
        case "Modify": return "~"
        default: return "*"
        }
    }

    /// Adds first, then modifications, replacements, removals; by logical ID within each.
    static func rank(_ change: CloudFormation.ResourceChange) -> Int {
        if isReplacement(change) { return 2 }
        switch change.action {
        case "Add": return 0
        case "Modify": return 1
        case "Remove": return 3
        default: return 4
        }
    }

    public func path(_ logicalId: String) -> String? {
        stack.constructPaths[logicalId] ?? deployedPaths[logicalId]
    }

    public var summary: String {
        let adds = changes.filter { $0.action == "Add" }.count
        let removes = changes.filter { $0.action == "Remove" }.count
        let replacements = changes.filter(Self.isReplacement).count
        let modifies = changes.filter { $0.action == "Modify" }.count - replacements
        var parts: [String] = []
        if adds > 0 { parts.append("\(adds) to add") }
        if modifies > 0 { parts.append("\(modifies) to modify") }
        if replacements > 0 { parts.append("\(replacements) to replace") }
        if removes > 0 { parts.append("\(removes) to remove") }
        let others = changes.count - adds - removes - modifies - replacements
        if others > 0 { parts.append("\(others) other") }
        return parts.joined(separator: ", ")
    }

    public var lines: [String] {
        let sorted = changes.sorted { (Self.rank($0), $0.logicalId) < (Self.rank($1), $1.logicalId) }
        let widths = TextColumns.widths(sorted.map { [$0.logicalId, $0.resourceType] })
        var lines = ["\(stack.name) (\(stack.stackName)): \(summary)"]
        for change in sorted {
            var line = "  \(Self.symbol(change)) \(TextColumns.pad(change.logicalId, widths[0]))  \(TextColumns.pad(change.resourceType, widths[1]))"
            if let path = path(change.logicalId) { line += "  \(path)" }
            if Self.isReplacement(change) {
                let causes = change.details.filter { $0.requiresRecreation == "Always" || $0.requiresRecreation == "Conditionally" }
                    .compactMap(\.name)
                let what = change.replacement == "True" ? "REPLACED" : "MAY BE REPLACED"
                line += "  [\(what)\(causes.isEmpty ? "" : ": " + causes.joined(separator: ", "))]"
            } else if change.action == "Modify" {
                let names = change.details.compactMap(\.name)
                if !names.isEmpty { line += "  (\(Array(Set(names)).sorted().joined(separator: ", ")))" }
            }
            lines.append(line)
        }
        return lines
    }
}
