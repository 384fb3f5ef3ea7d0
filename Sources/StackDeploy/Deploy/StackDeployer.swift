import AWSClient
import Foundation
import StackTemplate

/// What deploying one stack came to.
public struct StackDeployResult: Sendable, Equatable {
    public enum Change: String, Sendable { case created, updated, unchanged }
    public var stack: String
    public var stackName: String
    public var change: Change
    public var outputs: [CloudFormation.Output]
}

public struct DeployOptions: Sendable {
    public var approval: ApprovalLevel
    /// Delete and recreate a stack left in ROLLBACK_COMPLETE (its first creation failed).
    public var recreateFailed: Bool
    public var concurrency: Int

    public init(approval: ApprovalLevel = .broadening, recreateFailed: Bool = false, concurrency: Int = 1) {
        self.approval = approval
        self.recreateFailed = recreateFailed
        self.concurrency = concurrency
    }
}

/// Deploys one stack through a change set: decide CREATE or UPDATE, create and show the change set,
/// ask when the policy says so, execute it once, follow the events, report outputs or the failure.
public struct StackDeployer: Sendable {
    public var client: CloudFormationClient
    public var templates: TemplatePublisher
    public var io: DeployIO
    public var options: DeployOptions
    public var gate: ApprovalGate
    /// Change-set names and client tokens.
    public var makeToken: @Sendable () -> String

    public init(client: CloudFormationClient, templates: TemplatePublisher, io: DeployIO, options: DeployOptions,
                gate: ApprovalGate, makeToken: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.client = client
        self.templates = templates
        self.io = io
        self.options = options
        self.gate = gate
        self.makeToken = makeToken
    }

    static let succeeded: Set<String> = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"]

    public func deploy(_ stack: StackToDeploy) async throws -> StackDeployResult {
        var existing = try await client.describeStack(stack.stackName)
        if let current = existing, current.status == "ROLLBACK_COMPLETE" || current.status == "ROLLBACK_FAILED" {
            try await recreate(stack, current)
            existing = nil
        } else if let current = existing, current.isInProgress {
            throw DeployError(.refused, "\(stack.name): \(stack.stackName) is busy (\(current.status)); another operation is running",
                              hint: "wait for it to finish, then deploy again; follow it with "
                                  + "`aws cloudformation describe-stack-events --stack-name \(stack.stackName) --region \(client.context.region)`")
        }
        // A stack waiting in REVIEW_IN_PROGRESS was never created: its change sets are CREATE ones.
        let type: CloudFormation.ChangeSetType = existing == nil || existing?.status == "REVIEW_IN_PROGRESS" ? .create : .update
        let location = try await templates.location(for: stack)
        let token = makeToken()
        let name = "stackctl-\(token)"
        let creator = ChangeSetCreator(client: client, io: io)
        if !stack.parameters.isEmpty {
            io.out("\(stack.name) parameters: " + stack.shownParameters.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))
        }
        let outcome = try await creator.create(stack, location: location, type: type, name: name, token: token)
        guard case .ready(let changeSet, _, _) = outcome else {
            io.out("\(stack.name) (\(stack.stackName)): no changes")
            return try await finish(stack, change: .unchanged)
        }

        let deployed = type == .update ? await deployedTemplate(stack.stackName) : nil
        let report = ChangeSetReport(stack: stack, changes: changeSet.changes,
                                     deployedPaths: deployed?.resources.compactMapValues(\.constructPath) ?? [:])
        let reasons = ApprovalPolicy(level: options.approval).reasons(changeSet.changes, new: stack.template, old: deployed)
        // The stack by ID from here on: a name can stand for an older, abandoned stack on an emulator.
        let stackId = changeSet.stackId ?? stack.stackName
        switch await gate.present(report: report.lines, reasons: reasons, stackName: stack.stackName) {
        case true?:
            break
        case false?:
            await abandon(name, stackId: stackId, type: type)
            throw DeployError(.refused, "\(stack.name): not deployed (change set declined)")
        case nil:
            await abandon(name, stackId: stackId, type: type)
            throw DeployError(.refused, "\(stack.name): the change set needs approval and there is no terminal to ask on",
                              hint: "run it in a terminal, or pass --require-approval never once the change set has been reviewed")
        }

        // Ctrl-C before the change set ran: it never runs.
        if io.stop.isRaised {
            await abandon(name, stackId: stackId, type: type)
            throw DeployError(.interrupted, "\(stack.name): interrupted before executing; nothing was changed")
        }
        let watcher = EventWatcher(client: client, io: io, stackName: stackId, label: stack.name,
                                   paths: report.deployedPaths.merging(stack.constructPaths) { _, new in new })
        let marker = try await watcher.marker()
        let executeAnswer = try await execute(name, stackId: stackId, token: token, watcher: watcher, marker: marker)
        let watched = try await watcher.watch(after: marker, executeAnswer: executeAnswer)
        try check(watched, stack: stack, verb: type == .create ? "create" : "update")
        return try await finish(stack, change: type == .create ? .created : .updated)
    }

    /// ExecuteChangeSet exactly once. The client token makes AWS ignore a repeat; after an ambiguous
    /// failure we still look first: an emulator has no tokens, and a second execution must not happen.
    /// Returns the AWS error of the last attempt when the execution was found started despite it.
    @discardableResult
    func execute(_ name: String, stackId: String, token: String, watcher: EventWatcher, marker: String?) async throws -> AWSError? {
        for attempt in 1...AmbiguousFailure.attempts {
            do {
                try await client.executeChangeSet(name, stackName: stackId, clientRequestToken: token)
                return nil
            } catch where AmbiguousFailure.matches(error) && attempt < AmbiguousFailure.attempts {
                if let described = try? await client.describeChangeSetPage(name, stackName: stackId),
                   let status = described.changeSet.executionStatus, status != "AVAILABLE" {
                    return error as? AWSError
                }
                // moto leaves executed change sets AVAILABLE; the stack's events tell.
                if try await !watcher.newEvents(after: marker, seen: []).isEmpty { return error as? AWSError }
                try await io.sleep(0.2 * Double(attempt))
            }
        }
        return nil
    }

    /// A change set that will not run is deleted; so is the empty stack a CREATE change set made
    /// (left in REVIEW_IN_PROGRESS it would only confuse the next deploy).
    func abandon(_ name: String, stackId: String, type: CloudFormation.ChangeSetType) async {
        try? await client.deleteChangeSet(name, stackName: stackId)
        if type == .create { try? await client.deleteStack(stackId) }
    }

    /// Turns a settled stack status into success or a precise failure.
    func check(_ outcome: EventWatcher.Outcome, stack: StackToDeploy, verb: String) throws {
        if outcome.interrupted {
            throw DeployError(.interrupted, "\(stack.name): stopped watching; \(stack.stackName) is still \(outcome.status)",
                              hint: Self.followHint(stack.stackName, region: client.context.region, operation: verb))
        }
        guard !Self.succeeded.contains(outcome.status) else { return }
        var message = "\(stack.name): the \(verb) failed; \(stack.stackName) is now \(outcome.status)"
        if let failure = outcome.firstFailure {
            let path = stack.constructPaths[failure.logicalId].map { ", \($0)" } ?? ""
            message += "\n  first failure: \(failure.logicalId) (\(failure.resourceType)\(path)) \(failure.status): \(failure.reason ?? "no reason given")"
        } else if let reason = outcome.statusReason {
            message += ": \(reason)"
        }
        let hint = outcome.status == "ROLLBACK_COMPLETE"
            ? "the stack was never created and holds nothing; fix the cause and deploy again with --recreate-failed (deletes it and creates it anew)"
            : "fix the cause and deploy again; the stack kept its previous version"
        throw DeployError(.failed, message, hint: hint)
    }

    /// ROLLBACK_COMPLETE: the first creation failed; CloudFormation cannot update such a stack.
    func recreate(_ stack: StackToDeploy, _ current: CloudFormation.Stack) async throws {
        guard options.recreateFailed else {
            throw DeployError(.refused, "\(stack.name): \(stack.stackName) is in \(current.status): its first creation failed and was rolled back, "
                                  + "and CloudFormation cannot update a stack in that state",
                              hint: "deploy again with --recreate-failed to delete the empty stack and create it anew")
        }
        io.out("\(stack.name): deleting \(stack.stackName) (\(current.status)) to create it anew (--recreate-failed)")
        let watcher = EventWatcher(client: client, io: io, stackName: stack.stackName, label: stack.name, paths: stack.constructPaths)
        let marker = try await watcher.marker()
        try await client.deleteStack(current.stackId, clientRequestToken: "stackctl-recreate-\(makeToken())")
        let outcome = try await watcher.watch(after: marker)
        guard outcome.status == "DELETE_COMPLETE" else {
            throw DeployError(.failed, "\(stack.name): deleting \(stack.stackName) to recreate it failed (\(outcome.status))",
                              hint: "see why with `aws cloudformation describe-stack-events --stack-name \(stack.stackName) --region \(client.context.region)`")
        }
    }

    /// Termination protection as the environment wants it, then the outputs.
    func finish(_ stack: StackToDeploy, change: StackDeployResult.Change) async throws -> StackDeployResult {
        guard var described = try await client.describeStack(stack.stackName) else {
            throw DeployError(.failed, "\(stack.name): \(stack.stackName) is missing right after the deploy")
        }
        if described.terminationProtection != stack.terminationProtection {
            try await client.updateTerminationProtection(stack.stackName, enabled: stack.terminationProtection)
            io.out("\(stack.name): termination protection \(stack.terminationProtection ? "on" : "off")")
            described.terminationProtection = stack.terminationProtection
        }
        let outputs = described.outputs.sorted { $0.key < $1.key }
        if !outputs.isEmpty {
            io.out("\(stack.name) outputs:")
            for output in outputs { io.out("  \(output.key) = \(output.value)") }
        }
        if change != .unchanged { io.out("\(stack.name) (\(stack.stackName)): \(change.rawValue)") }
        return StackDeployResult(stack: stack.name, stackName: stack.stackName, change: change, outputs: outputs)
    }

    /// The deployed template, parsed; nil when it cannot be read (an emulator's odd answer).
    func deployedTemplate(_ stackName: String) async -> Template? {
        guard let text = try? await client.getTemplate(stackName: stackName) else { return nil }
        return try? TemplateParser.parse(text)
    }

    /// `operation`: create, update or delete (names the CLI waiter).
    static func followHint(_ stackName: String, region: String, operation: String) -> String {
        "nothing was cancelled; follow it with `aws cloudformation describe-stack-events --stack-name \(stackName) --region \(region)` "
            + "or `aws cloudformation wait stack-\(operation)-complete --stack-name \(stackName) --region \(region)`"
    }
}
