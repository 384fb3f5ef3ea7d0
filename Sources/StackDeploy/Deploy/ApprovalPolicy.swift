import AWSClient
import StackDiff
import StackTemplate

/// When a change set needs a person's yes before it runs (`--require-approval`).
public enum ApprovalLevel: String, Sendable, CaseIterable {
    /// Never ask (CI with its own review).
    case never
    /// Ask for any change.
    case anyChange = "any-change"
    /// Ask when `diff` would report a risk: permissions widen (`--fail-on broadening`) or data would be
    /// lost (`--fail-on data-loss`).
    case broadening
}

/// Decides, from a change set and the old and new templates, whether to ask, and says why. The reasons
/// are `stackctl diff`'s risks: one engine decides for both, with CloudFormation's replacement answers
/// from the change set as hints, exactly as `diff --change-set` uses them.
public struct ApprovalPolicy: Sendable {
    public var level: ApprovalLevel

    public init(level: ApprovalLevel) { self.level = level }

    /// Reasons to ask; empty when the change set may run without asking. `old` is the deployed template
    /// (nil for a new stack, or when it could not be read).
    public func reasons(_ changes: [CloudFormation.ResourceChange], new: Template, old: Template?) -> [String] {
        switch level {
        case .never: return []
        case .anyChange: return changes.isEmpty ? [] : ["\(changes.count) change\(changes.count == 1 ? "" : "s") (--require-approval any-change)"]
        case .broadening: break
        }
        if old == nil, changes.contains(where: { $0.action != "Add" }) {
            // An update whose deployed template could not be read: nothing to compare with, so look.
            return ["the deployed template could not be read, so \(changes.count) change\(changes.count == 1 ? "" : "s") cannot be checked for risks"]
        }
        var hints: [String: ReplacementHint] = [:]
        for change in changes where change.action == "Modify" {
            if let hint = change.replacement.flatMap(ReplacementHint.init(rawValue:)) { hints[change.logicalId] = hint }
        }
        let diff = TemplateDiffer.diff(stack: "", old: old, new: new, hints: hints)
        return diff.resources.flatMap { resource in
            let name = resource.constructPath.map { "\(resource.logicalID) (\($0))" } ?? resource.logicalID
            return resource.risks.map { risk in
                switch risk.kind {
                case .permissionBroadening: return "\(name), a \(resource.type), grants new permissions (\(risk.message))"
                case .dataLoss: return "\(name): \(risk.message)"
                }
            }
        }
    }
}
