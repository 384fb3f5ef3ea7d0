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

    /// How many quiet polls a stack gets after its execution was answered with a page instead of an AWS
    /// error (an emulator that crashed mid-execution, which then never moves again).
    public static let quietPollsAfterAPage = 3

    /// `executeAnswer`: the error ExecuteChangeSet was last answered with, when the execution was
    /// concluded to have started from the stack's events anyway.
    public func watch(after marker: String?, executeAnswer: AWSError? = nil) async throws -> Outcome {
        var seen: Set<String> = []
        var quietPolls = 0
        var start: Date?
        var firstFailure: CloudFormation.StackEvent?
        var stall = StallTracker(since: io.now())
        func show(_ events: [CloudFormation.StackEvent]) {
            for event in events {
                seen.insert(event.eventId)
                let origin = start ?? event.timestamp
                start = origin
                io.out(line(event, elapsed: event.timestamp.timeIntervalSince(origin)))
                if firstFailure == nil, Self.isRootFailure(event) { firstFailure = event }
            }
            stall.record(events, at: io.now())
        }
        while true {
            let fresh = try await newEvents(after: marker, seen: seen)
            show(fresh)
            quietPolls = fresh.isEmpty ? quietPolls + 1 : 0
            guard let stack = try await client.describeStack(stackName) else {
                return Outcome(status: "DELETE_COMPLETE", firstFailure: firstFailure, interrupted: false)
            }
            if !stack.status.hasSuffix("_IN_PROGRESS") {
                show(try await newEvents(after: marker, seen: seen))  // written between the two calls
                return Outcome(status: stack.status, statusReason: stack.statusReason, firstFailure: firstFailure, interrupted: false)
            }
            if let answer = executeAnswer, answer.isNotFromAWS, quietPolls >= Self.quietPollsAfterAPage {
                throw DeployError(.failed, "\(label): the endpoint answered \(answer), and \(displayName) has not moved since "
                                      + "(still \(stack.status), no new event in \(quietPolls) polls); stopped watching",
                                  hint: "not AWS but a proxy or the emulator failed during the execution (moto answers resources it "
                                      + "cannot create with an HTML 500; its log says which); the stack is left as it is")
            }
            if let quiet = stall.warnable(at: io.now(), after: io.stallWarningAfter) {
                io.err(stallWarning(status: stack.status, quietSeconds: quiet, waiting: stall.inProgress))
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

    /// Says a stack has gone quiet while in progress, what it is still waiting on, and where to look.
    func stallWarning(status: String, quietSeconds: Double, waiting: [CloudFormation.StackEvent]) -> String {
        let minutes = Int(quietSeconds / 60)
        var text = "warning: \(label): \(displayName) is still \(status) with no new event for "
            + (minutes >= 1 ? "\(minutes) min" : "\(Int(quietSeconds)) s")
        if !waiting.isEmpty {
            text += "; still in progress: " + waiting.map { event in
                "\(event.logicalId) (\(event.resourceType)\(paths[event.logicalId].map { ", \($0)" } ?? ""))"
            }.joined(separator: ", ")
        }
        let region = client.context.region
        return text + "\n  hint: a resource may be waiting on something outside CloudFormation: the stack's Events tab in the "
            + "CloudFormation console, or `aws cloudformation describe-stack-events --stack-name \(displayName) --region \(region)`, "
            + "shows which; a custom resource whose function never answered waits up to an hour; an ECS service waits for "
            + "its tasks to be healthy and a Lambda function for its state to become Active. stackctl keeps watching "
            + "(Ctrl-C stops watching, cancels nothing)"
    }

    /// The stack's name for messages: the watcher follows a stack by ID (`arn:...:stack/NAME/UUID`).
    var displayName: String {
        let parts = stackName.split(separator: "/")
        return stackName.hasPrefix("arn:") && parts.count >= 2 ? String(parts[1]) : stackName
    }

    func line(_ event: CloudFormation.StackEvent, elapsed: Double) -> String {
        var text = "\(label) \(String(format: "%6.1f", elapsed))s  \(event.logicalId)  \(event.status)"
        if let path = paths[event.logicalId] { text += "  \(path)" }
        if let reason = event.reason, !reason.isEmpty { text += "  — \(reason)" }
        return text
    }
}
