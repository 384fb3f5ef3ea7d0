import AWSClient
import Foundation

/// Follows a stack's events from a marker until the stack settles, printing each as it arrives:
/// elapsed time, resource, status, construct path, reason.
public struct EventWatcher: Sendable {
    public var client: CloudFormationClient
    public var io: DeployIO
    public var stackName: String
    /// Label printed before every line (the estate stack name).
    public var label: String
    /// Logical ID → construct path (new and deployed templates).
    public var paths: [String: String]

    public init(client: CloudFormationClient, io: DeployIO, stackName: String, label: String, paths: [String: String]) {
        self.client = client
        self.io = io
        self.stackName = stackName
        self.label = label
        self.paths = paths
    }

    public struct Outcome: Sendable, Equatable {
        /// The stack's last status; `DELETE_COMPLETE` when the stack is gone.
        public var status: String
        public var statusReason: String?
        /// The first resource that failed, in time order (not the cascade of cancellations after it).
        public var firstFailure: CloudFormation.StackEvent?
        /// Ctrl-C stopped the watch before the stack settled.
        public var interrupted: Bool
    }

    /// The newest event's ID now, so a watch shows only what comes after it.
    public func marker() async throws -> String? {
        do {
            return try await client.describeStackEvents(stackName).items.first?.eventId
        } catch let error as AWSError where error.isStackMissing {
            return nil
        }
    }

    public func watch(after marker: String?) async throws -> Outcome {
        var seen: Set<String> = []
        var start: Date?
        var firstFailure: CloudFormation.StackEvent?
        func show(_ events: [CloudFormation.StackEvent]) {
            for event in events {
                seen.insert(event.eventId)
                let origin = start ?? event.timestamp
                start = origin
                io.out(line(event, elapsed: event.timestamp.timeIntervalSince(origin)))
                if firstFailure == nil, Self.isRootFailure(event) { firstFailure = event }
            }
        }
        while true {
            show(try await newEvents(after: marker, seen: seen))
            guard let stack = try await client.describeStack(stackName) else {
                return Outcome(status: "DELETE_COMPLETE", firstFailure: firstFailure, interrupted: false)
            }
            if !stack.status.hasSuffix("_IN_PROGRESS") {
                show(try await newEvents(after: marker, seen: seen))  // written between the two calls
                return Outcome(status: stack.status, statusReason: stack.statusReason, firstFailure: firstFailure, interrupted: false)
            }
            if !io.stop.isRaised { try await io.sleep(io.pollInterval) }
            if io.stop.isRaised {
                return Outcome(status: stack.status, statusReason: stack.statusReason, firstFailure: firstFailure, interrupted: true)
            }
        }
    }

    /// Events newer than the marker, oldest first. Pages are newest first; reading stops at the marker.
    func newEvents(after marker: String?, seen: Set<String>) async throws -> [CloudFormation.StackEvent] {
        var collected: [CloudFormation.StackEvent] = []
        var token: String?
        repeat {
            let page: CloudFormation.Page<CloudFormation.StackEvent>
            do {
                page = try await client.describeStackEvents(stackName, nextToken: token)
            } catch let error as AWSError where error.isStackMissing {
                break
            }
            for event in page.items {
                if event.eventId == marker || seen.contains(event.eventId) { return collected.reversed() }
                collected.append(event)
            }
            token = page.nextToken
        } while token != nil
        return collected.reversed()
    }

    /// A failure that is a cause, not the cancellations CloudFormation writes after the first one.
    static func isRootFailure(_ event: CloudFormation.StackEvent) -> Bool {
        guard event.status.hasSuffix("_FAILED"), !event.isStackEvent else { return false }
        let reason = event.reason ?? ""
        return !reason.contains("Resource creation cancelled") && !reason.contains("Resource update cancelled")
    }

    func line(_ event: CloudFormation.StackEvent, elapsed: Double) -> String {
        var text = "\(label) \(String(format: "%6.1f", elapsed))s  \(event.logicalId)  \(event.status)"
        if let path = paths[event.logicalId] { text += "  \(path)" }
        if let reason = event.reason, !reason.isEmpty { text += "  — \(reason)" }
        return text
    }
}
