import AWSClient
import Foundation
import StackTemplate

/// A stack stackctl deployed for this environment that the estate no longer has.
public struct OrphanStack: Sendable, Equatable {
    /// The name it had in the estate: the deployed name without `<namePrefix>-`.
    public var name: String
    public var stack: CloudFormation.Stack
}

/// Finds orphans: stacks carrying stackctl's marker for the environment (`StackMarker`), named
/// `<namePrefix>-<Stack>`, that are not among the estate's deployed names. Foreign stacks under the
/// prefix (no marker, or another environment's) and the bootstrap stack never count.
public struct OrphanFinder: Sendable {
    public var client: CloudFormationClient
    public var environment: String
    public var namePrefix: String

    public init(client: CloudFormationClient, environment: String, namePrefix: String) {
        self.client = client
        self.environment = environment
        self.namePrefix = namePrefix
    }

    /// `estate` holds the deployed names of every stack the estate synthesizes now. Sorted by name.
    public func find(estate: Set<String>) async throws -> [OrphanStack] {
        let prefix = namePrefix + "-"
        return try await client.allStacks()
            .filter { stack in
                stack.stackName.hasPrefix(prefix) && stack.stackName.count > prefix.count
                    && !estate.contains(stack.stackName) && stack.stackName != BootstrapStack.stackName
                    && stack.status != "DELETE_COMPLETE" && StackMarker.marks(stack, environment: environment)
            }
            .map { OrphanStack(name: String($0.stackName.dropFirst(prefix.count)), stack: $0) }
            .sorted { $0.name < $1.name }
    }

    /// Which of the other orphans each one imports from (`Fn::ImportValue` of `<stack>:...`, the export
    /// names stackctl writes), so that importers are deleted before the stacks they import from.
    public static func dependencies(of template: Template?, among orphans: [OrphanStack]) -> [String] {
        guard let template else { return [] }
        var imported: [String] = []
        let values = template.resources.values.map { TemplateValue.map($0.properties) } + template.outputs.values.map(\.value)
        for value in values {
            value.forEachValue { if case .importValue(.string(let name)) = $0 { imported.append(name) } }
        }
        return orphans.filter { orphan in imported.contains { $0.hasPrefix(orphan.stack.stackName + ":") } }.map(\.name)
    }
}
