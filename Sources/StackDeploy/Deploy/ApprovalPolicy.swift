import AWSClient
import Foundation
import StackTemplate

/// When a change set needs a person's yes before it runs (`--require-approval`).
public enum ApprovalLevel: String, Sendable, CaseIterable {
    /// Never ask (CI with its own review).
    case never
    /// Ask for any change.
    case anyChange = "any-change"
    /// Ask when IAM permissions widen or a stateful resource would be replaced or deleted.
    case broadening
}

/// Decides, from a change set and the old and new templates, whether to ask, and says why.
public struct ApprovalPolicy: Sendable {
    public var level: ApprovalLevel

    public init(level: ApprovalLevel) { self.level = level }

    /// Resources holding data: replacing or deleting one loses it (unless retained).
    static let statefulTypes: Set<String> = [
        "AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Kinesis::Stream",
        "AWS::SQS::Queue", "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup", "AWS::KinesisFirehose::DeliveryStream",
        "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::EFS::FileSystem",
    ]

    /// Resources that grant permissions. A Lambda permission grants invoke by itself.
    static let permissionTypes: Set<String> = [
        "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group",
        "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy", "AWS::Lambda::Permission",
        "AWS::KMS::Key",
    ]

    /// Reasons to ask; empty when the change set may run without asking.
    public func reasons(_ changes: [CloudFormation.ResourceChange], new: Template, old: Template?) -> [String] {
        switch level {
        case .never: return []
        case .anyChange: return changes.isEmpty ? [] : ["\(changes.count) change\(changes.count == 1 ? "" : "s") (--require-approval any-change)"]
        case .broadening: break
        }
        var reasons: [String] = []
        for change in changes.sorted(by: { $0.logicalId < $1.logicalId }) {
            let path = new.resources[change.logicalId]?.constructPath ?? old?.resources[change.logicalId]?.constructPath
            let name = path.map { "\(change.logicalId) (\($0))" } ?? change.logicalId
            if Self.statefulTypes.contains(change.resourceType) {
                if change.action == "Remove" {
                    reasons.append("\(name), a \(change.resourceType), would be deleted")
                } else if change.action == "Modify" && (change.replacement == "True" || change.replacement == "Conditional") {
                    reasons.append("\(name), a \(change.resourceType), would \(change.replacement == "True" ? "be" : "possibly be") replaced")
                }
            }
            if Self.permissionTypes.contains(change.resourceType), change.action == "Add" || change.action == "Modify" {
                let newStatements = Self.statements(new.resources[change.logicalId])
                let oldStatements = change.action == "Add" ? [] : Self.statements(old?.resources[change.logicalId])
                // Without the old template every modified policy counts as widening: better one question too many.
                if old == nil && change.action == "Modify" || !newStatements.isSubset(of: oldStatements)
                    || change.resourceType == "AWS::Lambda::Permission" && change.action == "Add" {
                    reasons.append("\(name), a \(change.resourceType), grants new permissions")
                }
            }
        }
        return reasons
    }

    /// Every policy statement in a resource's properties (policy documents, inline role policies,
    /// trust policies, managed policy ARNs), each rendered as canonical JSON.
    static func statements(_ resource: Resource?) -> Set<String> {
        guard let resource else { return [] }
        var found: Set<String> = []
        func collect(_ value: TemplateValue) {
            switch value {
            case .map(let map):
                for (key, inner) in map {
                    if key == "Statement" {
                        let list: [TemplateValue]
                        if case .list(let items) = inner { list = items } else { list = [inner] }
                        for statement in list { if let text = try? JSONRenderer.render(statement, pretty: false) { found.insert(text) } }
                    } else {
                        collect(inner)
                    }
                }
            case .list(let items): items.forEach(collect)
            default: break
            }
        }
        collect(.map(resource.properties))
        if let arns = resource.properties["ManagedPolicyArns"], let text = try? JSONRenderer.render(arns, pretty: false) {
            found.insert("managed:" + text)
        }
        if resource.type == "AWS::Lambda::Permission", let text = try? JSONRenderer.render(.map(resource.properties), pretty: false) {
            found.insert(text)
        }
        return found
    }
}
