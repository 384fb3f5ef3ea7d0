#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// CloudFormation calls stackctl deploys and destroys with (Query protocol, version 2010-05-15).
///
/// Calls retry on throttling, 5xx and dropped connections (AWSContext's policy), except CreateChangeSet
/// and ExecuteChangeSet after a 5xx or a dropped connection: AWS may have acted on them, and an emulator
/// without client-token deduplication would do it twice, so the caller checks what happened instead.
/// DeleteStack is idempotent and retried.
public struct CloudFormationClient: Sendable {
    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    static let version = "2010-05-15"

    /// `mutating` calls are not retried after an ambiguous failure (a 5xx, a dropped connection): the
    /// caller finds out whether the first attempt took effect (see `RetryPolicy.retriesAmbiguousFailures`).
    func call(_ action: String, mutating: Bool = false, _ fill: (inout QueryParameters) -> Void = { _ in }) async throws -> XMLElementNode {
        var parameters = QueryParameters(action: action, version: Self.version)
        fill(&parameters)
        var context = self.context
        if mutating { context.retryPolicy.retriesAmbiguousFailures = false }
        return try await context.queryCall(serviceId: "CloudFormation", hostPrefix: "cloudformation",
                                           signingName: "cloudformation", parameters)
    }

    /// `<ActionResult>` inside `<ActionResponse>`; some emulators omit the wrapper.
    static func result(_ root: XMLElementNode, _ action: String) -> XMLElementNode {
        root.first("\(action)Result") ?? root
    }

    // MARK: Stacks

    /// The stack, or nil when it does not exist (AWS answers `ValidationError`, "Stack with id X does not exist").
    public func describeStack(_ name: String) async throws -> CloudFormation.Stack? {
        do {
            let root = try await call("DescribeStacks") { $0.add("StackName", name) }
            guard let member = Self.result(root, "DescribeStacks").members("Stacks").first else { return nil }
            guard let stack = CloudFormation.Stack(member) else {
                throw MalformedResponse(detail: "DescribeStacks: a stack without StackId, StackName or StackStatus")
            }
            return stack
        } catch let error as AWSError where error.isStackMissing {
            return nil
        }
    }

    /// One page of DescribeStacks without a name: every stack of the account and region that is not deleted.
    public func describeStacks(nextToken: String? = nil) async throws -> CloudFormation.Page<CloudFormation.Stack> {
        let root = try await call("DescribeStacks") { $0.add("NextToken", nextToken) }
        let result = Self.result(root, "DescribeStacks")
        let stacks = try result.members("Stacks").map { member -> CloudFormation.Stack in
            guard let stack = CloudFormation.Stack(member) else {
                throw MalformedResponse(detail: "DescribeStacks: a stack without StackId, StackName or StackStatus")
            }
            return stack
        }
        return .init(items: stacks, nextToken: result.string("NextToken"))
    }

    /// Every page of DescribeStacks (AWS pages by size, moto by 50).
    public func allStacks() async throws -> [CloudFormation.Stack] {
        var stacks: [CloudFormation.Stack] = []
        var token: String?
        repeat {
            let next = try await describeStacks(nextToken: token)
            stacks += next.items
            token = next.nextToken
        } while token != nil
        return stacks
    }

    public func describeStackEvents(_ name: String, nextToken: String? = nil) async throws -> CloudFormation.Page<CloudFormation.StackEvent> {
        try await page("DescribeStackEvents", list: "StackEvents", stackName: name, nextToken: nextToken,
                       CloudFormation.StackEvent.init)
    }

    /// The template as deployed (`Original`) or after transforms (`Processed`); of a change set when named.
    public func getTemplate(stackName: String, changeSetName: String? = nil, stage: String = "Original") async throws -> String {
        let root = try await call("GetTemplate") {
            $0.add("StackName", stackName)
            $0.add("ChangeSetName", changeSetName)
            $0.add("TemplateStage", stage)
        }
        guard let body = Self.result(root, "GetTemplate").child("TemplateBody") else {
            throw MalformedResponse(detail: "GetTemplate: no TemplateBody")
        }
        return body
    }

    public func listStackResources(_ name: String, nextToken: String? = nil) async throws -> CloudFormation.Page<CloudFormation.StackResource> {
        try await page("ListStackResources", list: "StackResourceSummaries", stackName: name, nextToken: nextToken,
                       CloudFormation.StackResource.init)
    }

    /// Every page of ListStackResources.
    public func allStackResources(_ name: String) async throws -> [CloudFormation.StackResource] {
        var resources: [CloudFormation.StackResource] = []
        var token: String?
        repeat {
            let next = try await listStackResources(name, nextToken: token)
            resources += next.items
            token = next.nextToken
        } while token != nil
        return resources
    }

    /// One page of a stack-scoped list call (`StackName`, `NextToken` in; `<list><member>…`, `NextToken` out).
    func page<Item: Sendable>(_ action: String, list: String, stackName: String, nextToken: String?,
                              _ parse: (XMLElementNode) -> Item?) async throws -> CloudFormation.Page<Item> {
        let root = try await call(action) {
            $0.add("StackName", stackName)
            $0.add("NextToken", nextToken)
        }
        let result = Self.result(root, action)
        return .init(items: result.members(list).compactMap(parse), nextToken: result.string("NextToken"))
    }

    public func deleteStack(_ name: String, clientRequestToken: String? = nil, retainResources: [String] = []) async throws {
        _ = try await call("DeleteStack") {
            $0.add("StackName", name)
            $0.addList("RetainResources", retainResources)
            $0.add("ClientRequestToken", clientRequestToken)
        }
    }

    public func updateTerminationProtection(_ name: String, enabled: Bool) async throws {
        _ = try await call("UpdateTerminationProtection") {
            $0.add("EnableTerminationProtection", enabled)
            $0.add("StackName", name)
        }
    }

    // MARK: Change sets

    public struct CreateChangeSetInput: Sendable, Equatable {
        public var stackName: String
        public var changeSetName: String
        public var type: CloudFormation.ChangeSetType
        /// Exactly one of body and URL.
        public var templateBody: String?
        public var templateURL: String?
        public var parameters: [String: String]
        public var capabilities: [CloudFormation.Capability]
        public var tags: [String: String]
        public var clientToken: String?
        public var description: String?

        public init(stackName: String, changeSetName: String, type: CloudFormation.ChangeSetType,
                    templateBody: String? = nil, templateURL: String? = nil, parameters: [String: String] = [:],
                    capabilities: [CloudFormation.Capability] = [], tags: [String: String] = [:],
                    clientToken: String? = nil, description: String? = nil) {
            self.stackName = stackName
            self.changeSetName = changeSetName
            self.type = type
            self.templateBody = templateBody
            self.templateURL = templateURL
            self.parameters = parameters
            self.capabilities = capabilities
            self.tags = tags
            self.clientToken = clientToken
            self.description = description
        }
    }

    /// Returns the change set's ARN and the stack's.
    public func createChangeSet(_ input: CreateChangeSetInput) async throws -> (changeSetId: String, stackId: String?) {
        let root = try await call("CreateChangeSet", mutating: true) {
            $0.add("StackName", input.stackName)
            $0.add("ChangeSetName", input.changeSetName)
            $0.add("ChangeSetType", input.type.rawValue)
            $0.add("TemplateBody", input.templateBody)
            $0.add("TemplateURL", input.templateURL)
            $0.addMap("Parameters", input.parameters, keyName: "ParameterKey", valueName: "ParameterValue")
            $0.addList("Capabilities", input.capabilities.map(\.rawValue))
            $0.addMap("Tags", input.tags, keyName: "Key", valueName: "Value")
            $0.add("ClientToken", input.clientToken)
            $0.add("Description", input.description)
        }
        let result = Self.result(root, "CreateChangeSet")
        guard let id = result.string("Id") else { throw MalformedResponse(detail: "CreateChangeSet: no Id") }
        return (id, result.string("StackId"))
    }

    /// One page of a change set; `describeChangeSet` reads them all.
    public func describeChangeSetPage(_ changeSet: String, stackName: String, nextToken: String? = nil) async throws
        -> (changeSet: CloudFormation.ChangeSet, nextToken: String?) {
        let root = try await call("DescribeChangeSet") {
            $0.add("ChangeSetName", changeSet)
            $0.add("StackName", stackName)
            $0.add("NextToken", nextToken)
        }
        let result = Self.result(root, "DescribeChangeSet")
        guard let status = result.string("Status") else { throw MalformedResponse(detail: "DescribeChangeSet: no Status") }
        let changeSet = CloudFormation.ChangeSet(
            changeSetId: result.string("ChangeSetId") ?? changeSet, stackId: result.string("StackId"), status: status,
            statusReason: result.string("StatusReason"), executionStatus: result.string("ExecutionStatus"),
            changes: result.members("Changes").compactMap(CloudFormation.ResourceChange.init))
        return (changeSet, result.string("NextToken"))
    }

    /// The change set with the changes of every page.
    public func describeChangeSet(_ changeSet: String, stackName: String) async throws -> CloudFormation.ChangeSet {
        var (described, token) = try await describeChangeSetPage(changeSet, stackName: stackName)
        while let next = token {
            let page = try await describeChangeSetPage(changeSet, stackName: stackName, nextToken: next)
            described.changes += page.changeSet.changes
            token = page.nextToken
        }
        return described
    }

    public func executeChangeSet(_ changeSet: String, stackName: String, clientRequestToken: String?) async throws {
        _ = try await call("ExecuteChangeSet", mutating: true) {
            $0.add("ChangeSetName", changeSet)
            $0.add("StackName", stackName)
            $0.add("ClientRequestToken", clientRequestToken)
        }
    }

    public func deleteChangeSet(_ changeSet: String, stackName: String) async throws {
        _ = try await call("DeleteChangeSet") {
            $0.add("ChangeSetName", changeSet)
            $0.add("StackName", stackName)
        }
    }
}

extension AWSError {
    /// CloudFormation's way of saying a stack (or its change set's stack) is not there.
    public var isStackMissing: Bool {
        code == "ValidationError" && (message?.contains("does not exist") ?? false)
    }
}
