import AWSClient
import Foundation
import StackTemplate

/// What `destroy` will do to one stack: which resources go and which stay, and why.
public struct StackTeardown: Sendable {
    public struct Item: Sendable, Equatable {
        public var logicalId: String
        public var resourceType: String
        public var physicalId: String?
        public var path: String?
        /// Why it stays; nil when it is deleted.
        public var retainedBecause: String?
    }

    public var name: String
    public var stackName: String
    public var dependencies: [String]
    /// nil when the stack is not deployed.
    public var stack: CloudFormation.Stack?
    public var items: [Item]

    public var retained: [Item] { items.filter { $0.retainedBecause != nil } }
    public var deleted: [Item] { items.filter { $0.retainedBecause == nil } }

    public var lines: [String] {
        guard let stack else { return ["\(name) (\(stackName)): not deployed, nothing to do"] }
        var lines = ["\(name) (\(stackName), \(stack.status)): \(deleted.count) to delete, \(retained.count) to retain"
                     + (stack.terminationProtection ? " — TERMINATION PROTECTION ON" : "")]
        let sorted = items.sorted { ($0.retainedBecause != nil ? 1 : 0, $0.logicalId) < ($1.retainedBecause != nil ? 1 : 0, $1.logicalId) }
        let widths = TextColumns.widths(sorted.map { [$0.logicalId, $0.resourceType] })
        for item in sorted {
            var line = "  \(item.retainedBecause == nil ? "-" : "=") \(TextColumns.pad(item.logicalId, widths[0]))  "
                + TextColumns.pad(item.resourceType, widths[1])
            if let path = item.path { line += "  \(path)" }
            if let why = item.retainedBecause { line += "  (retained: \(why))" }
            lines.append(line)
        }
        return lines
    }
}

/// Reads what is deployed and decides, per resource, deleted or retained.
public struct DestroyPlanner: Sendable {
    public var client: CloudFormationClient

    public init(client: CloudFormationClient) { self.client = client }

    /// `local` is the synthesized template: used for deletion policies when the deployed one cannot be read.
    public func plan(name: String, stackName: String, dependencies: [String], local: Template?) async throws -> StackTeardown {
        guard let stack = try await client.describeStack(stackName) else {
            return StackTeardown(name: name, stackName: stackName, dependencies: dependencies, stack: nil, items: [])
        }
        let resources = try await client.allStackResources(stackName)
        let deployed = (try? await client.getTemplate(stackName: stackName)).flatMap { try? TemplateParser.parse($0) }
        let template = deployed ?? local
        let items = resources.filter { $0.status != "DELETE_COMPLETE" }.map { resource -> StackTeardown.Item in
            let declared = template?.resources[resource.logicalId]
            return StackTeardown.Item(logicalId: resource.logicalId, resourceType: resource.resourceType,
                                      physicalId: resource.physicalId, path: declared?.constructPath,
                                      retainedBecause: Self.retention(declared?.deletionPolicy))
        }
        return StackTeardown(name: name, stackName: stackName, dependencies: dependencies, stack: stack, items: items)
    }

    static func retention(_ policy: DeletionPolicy?) -> String? {
        switch policy {
        case .retain?, .retainExceptOnCreate?: return "DeletionPolicy \(policy!.rawValue) (retainData in the environment)"
        case .snapshot?: return "DeletionPolicy Snapshot (a final snapshot is kept)"
        default: return nil
        }
    }
}
