import AWSClient
import Foundation

/// When a watched stack last moved, and which of its resources are still in progress: the watcher
/// warns once per quiet spell (a new event starts a new one), so a slow resource is named, not nagged about.
struct StallTracker {
    private var lastEvent: Date
    private var warned = false
    /// Logical ID → its latest event, for resources whose latest status is `*_IN_PROGRESS`.
    private var pending: [String: CloudFormation.StackEvent] = [:]

    init(since start: Date) { lastEvent = start }

    mutating func record(_ events: [CloudFormation.StackEvent], at now: Date) {
        guard !events.isEmpty else { return }
        lastEvent = now
        warned = false
        for event in events where !event.isStackEvent {
            if event.status.hasSuffix("_IN_PROGRESS") { pending[event.logicalId] = event } else { pending[event.logicalId] = nil }
        }
    }

    /// The quiet seconds when a warning is due (and marks it given); nil otherwise.
    mutating func warnable(at now: Date, after threshold: Double) -> Double? {
        let quiet = now.timeIntervalSince(lastEvent)
        guard !warned, quiet >= threshold else { return nil }
        warned = true
        return quiet
    }

    /// Resources still in progress, oldest event first.
    var inProgress: [CloudFormation.StackEvent] {
        pending.values.sorted { ($0.timestamp, $0.logicalId) < ($1.timestamp, $1.logicalId) }
    }
}
