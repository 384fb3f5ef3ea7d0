import Foundation

/// One change-set report and question at a time, even when stacks deploy concurrently: a person
/// answers about the report just above the question.
public actor ApprovalGate {
    let io: DeployIO

    public init(io: DeployIO) { self.io = io }

    /// Prints the report; when there are reasons, asks. Returns whether to go on; nil when there is no
    /// terminal to ask on.
    public func present(report: [String], reasons: [String], stackName: String) -> Bool? {
        report.forEach(io.out)
        guard !reasons.isEmpty else { return true }
        io.out("approval needed:")
        for reason in reasons { io.out("  - \(reason)") }
        return io.ask("Execute the change set for \(stackName)? [y/N] ")
    }
}
