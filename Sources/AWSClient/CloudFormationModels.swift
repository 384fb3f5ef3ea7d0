#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Typed shapes of the CloudFormation answers stackctl reads (DescribeStacks, DescribeChangeSet,
/// DescribeStackEvents, ListStackResources), parsed from the Query protocol's XML.
public enum CloudFormation {
    public enum ChangeSetType: String, Sendable { case create = "CREATE", update = "UPDATE" }

    public enum Capability: String, Sendable, CaseIterable {
        case iam = "CAPABILITY_IAM", namedIAM = "CAPABILITY_NAMED_IAM", autoExpand = "CAPABILITY_AUTO_EXPAND"
    }

    public struct Output: Sendable, Equatable {
        public var key: String
        public var value: String
        public var description: String?
        public var exportName: String?

        public init(key: String, value: String, description: String? = nil, exportName: String? = nil) {
            self.key = key
            self.value = value
            self.description = description
            self.exportName = exportName
        }
    }

    public struct Stack: Sendable, Equatable {
        public var stackId: String
        public var stackName: String
        public var status: String
        public var statusReason: String?
        public var terminationProtection: Bool
        public var outputs: [Output]
        public var tags: [String: String]
        /// The values the stack was last deployed with; AWS shows a `NoEcho` one as `****`.
        public var parameters: [String: String]

        public init(stackId: String, stackName: String, status: String, statusReason: String? = nil,
                    terminationProtection: Bool = false, outputs: [Output] = [], tags: [String: String] = [:],
                    parameters: [String: String] = [:]) {
            self.stackId = stackId
            self.stackName = stackName
            self.status = status
            self.statusReason = statusReason
            self.terminationProtection = terminationProtection
            self.outputs = outputs
            self.tags = tags
            self.parameters = parameters
        }

        /// `CREATE_IN_PROGRESS`, `UPDATE_ROLLBACK_IN_PROGRESS`… : something is still happening.
        public var isInProgress: Bool { status.hasSuffix("_IN_PROGRESS") && status != "REVIEW_IN_PROGRESS" }
    }

    public struct ResourceChange: Sendable, Equatable {
        /// `Add`, `Modify`, `Remove`, `Import`, `Dynamic`.
        public var action: String
        public var logicalId: String
        public var physicalId: String?
        public var resourceType: String
        /// `True`, `False`, `Conditional`; absent for adds and removes (and always on moto).
        public var replacement: String?
        /// Names of the properties whose change is listed in `Details`, with `RequiresRecreation`.
        public var details: [Detail]

        public struct Detail: Sendable, Equatable {
            public var attribute: String?
            public var name: String?
            public var requiresRecreation: String?

            public init(attribute: String? = nil, name: String? = nil, requiresRecreation: String? = nil) {
                self.attribute = attribute
                self.name = name
                self.requiresRecreation = requiresRecreation
            }
        }

        public init(action: String, logicalId: String, physicalId: String? = nil, resourceType: String,
                    replacement: String? = nil, details: [Detail] = []) {
            self.action = action
            self.logicalId = logicalId
            self.physicalId = physicalId
            self.resourceType = resourceType
            self.replacement = replacement
            self.details = details
        }
    }

    public struct ChangeSet: Sendable, Equatable {
        public var changeSetId: String
        public var stackId: String?
        /// `CREATE_PENDING`, `CREATE_IN_PROGRESS`, `CREATE_COMPLETE`, `FAILED`, `DELETE_*`.
        public var status: String
        public var statusReason: String?
        /// `AVAILABLE`, `UNAVAILABLE`, `EXECUTE_IN_PROGRESS`, `EXECUTE_COMPLETE`, `EXECUTE_FAILED`, `OBSOLETE`.
        public var executionStatus: String?
        /// Every page's changes, in order.
        public var changes: [ResourceChange]

        /// CloudFormation reports "nothing to do" as a FAILED change set with one of these reasons.
        public var hasNoChanges: Bool {
            guard status == "FAILED", let reason = statusReason else { return false }
            return reason.hasPrefix("The submitted information didn't contain changes")
                || reason.hasPrefix("No updates are to be performed")
        }
    }

    public struct StackEvent: Sendable, Equatable {
        public var eventId: String
        public var stackName: String
        public var logicalId: String
        public var physicalId: String?
        public var resourceType: String
        public var timestamp: Date
        public var status: String
        public var reason: String?
        public var clientRequestToken: String?

        public init(eventId: String, stackName: String, logicalId: String, physicalId: String? = nil,
                    resourceType: String, timestamp: Date, status: String, reason: String? = nil,
                    clientRequestToken: String? = nil) {
            self.eventId = eventId
            self.stackName = stackName
            self.logicalId = logicalId
            self.physicalId = physicalId
            self.resourceType = resourceType
            self.timestamp = timestamp
            self.status = status
            self.reason = reason
            self.clientRequestToken = clientRequestToken
        }

        /// An event about the stack itself rather than one of its resources.
        public var isStackEvent: Bool { resourceType == "AWS::CloudFormation::Stack" && logicalId == stackName }
    }

    public struct StackResource: Sendable, Equatable {
        public var logicalId: String
        public var physicalId: String?
        public var resourceType: String
        public var status: String
        public var statusReason: String?
    }

    /// One page of a paged list.
    public struct Page<Item: Sendable>: Sendable {
        public var items: [Item]
        public var nextToken: String?
    }
}

// MARK: Parsing

extension CloudFormation.Stack {
    init?(_ node: XMLElementNode) {
        guard let id = node.string("StackId"), let name = node.string("StackName"), let status = node.string("StackStatus")
        else { return nil }
        stackId = id
        stackName = name
        self.status = status
        statusReason = node.string("StackStatusReason")
        terminationProtection = node.string("EnableTerminationProtection") == "true"
        outputs = node.members("Outputs").compactMap { member in
            guard let key = member.string("OutputKey") else { return nil }
            return CloudFormation.Output(key: key, value: member.child("OutputValue") ?? "",
                                         description: member.string("Description"), exportName: member.string("ExportName"))
        }
        var tags: [String: String] = [:]
        for member in node.members("Tags") {
            if let key = member.string("Key") { tags[key] = member.child("Value") ?? "" }
        }
        self.tags = tags
        var parameters: [String: String] = [:]
        for member in node.members("Parameters") {
            if let key = member.string("ParameterKey") { parameters[key] = member.child("ParameterValue") ?? "" }
        }
        self.parameters = parameters
    }
}

extension CloudFormation.ResourceChange {
    init?(_ member: XMLElementNode) {
        guard let change = member.element("ResourceChange"), let action = change.string("Action"),
              let logicalId = change.string("LogicalResourceId") else { return nil }
        self.init(action: action, logicalId: logicalId, physicalId: change.string("PhysicalResourceId"),
                  resourceType: change.string("ResourceType") ?? "?", replacement: change.string("Replacement"),
                  details: change.members("Details").map { detail in
                      let target = detail.element("Target")
                      return Detail(attribute: target?.string("Attribute"), name: target?.string("Name"),
                                    requiresRecreation: target?.string("RequiresRecreation"))
                  })
    }
}

extension CloudFormation.StackEvent {
    init?(_ node: XMLElementNode) {
        guard let id = node.string("EventId"), let status = node.string("ResourceStatus"),
              let stamp = node.string("Timestamp"), let date = AWSTimestamp.parse(stamp) else { return nil }
        self.init(eventId: id, stackName: node.string("StackName") ?? "", logicalId: node.string("LogicalResourceId") ?? "",
                  physicalId: node.string("PhysicalResourceId"), resourceType: node.string("ResourceType") ?? "",
                  timestamp: date, status: status, reason: node.string("ResourceStatusReason"),
                  clientRequestToken: node.string("ClientRequestToken"))
    }
}

extension CloudFormation.StackResource {
    init?(_ node: XMLElementNode) {
        guard let logicalId = node.string("LogicalResourceId") else { return nil }
        self.init(logicalId: logicalId, physicalId: node.string("PhysicalResourceId"),
                  resourceType: node.string("ResourceType") ?? "?", status: node.string("ResourceStatus") ?? "?",
                  statusReason: node.string("ResourceStatusReason"))
    }
}

/// ISO 8601 timestamps as AWS writes them, with or without fractional seconds.
public enum AWSTimestamp {
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        // moto writes microseconds without a zone ("2026-11-23T13:48:16.521977"); such stamps are UTC.
        return text.contains("Z") || text.contains("+") ? nil : parse(String(text.prefix(23)) + "Z")
    }
}
