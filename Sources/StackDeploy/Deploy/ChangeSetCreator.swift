import AWSClient
import Foundation

/// Creates a change set for a stack and waits until CloudFormation has computed it.
///
/// A retried CreateChangeSet whose first attempt went through would, on an emulator without client
/// tokens, make a second change set (and, for a new stack, a second stack): after an ambiguous failure
/// we first ask whether the change set exists.
public struct ChangeSetCreator: Sendable {
    public var client: CloudFormationClient
    public var io: DeployIO

    public init(client: CloudFormationClient, io: DeployIO) {
        self.client = client
        self.io = io
    }

    public enum Outcome: Sendable, Equatable {
        case ready(CloudFormation.ChangeSet, name: String, type: CloudFormation.ChangeSetType)
        /// CloudFormation found nothing to change (the change set was deleted again).
        case noChanges
    }

    public func create(_ stack: StackToDeploy, location: TemplatePublisher.Location, type: CloudFormation.ChangeSetType,
                       name: String, token: String) async throws -> Outcome {
        var input = CloudFormationClient.CreateChangeSetInput(
            stackName: stack.stackName, changeSetName: name, type: type, parameters: stack.parameters,
            capabilities: stack.capabilities, tags: stack.tags, clientToken: token,
            description: "stackctl deploy of \(stack.name)")
        switch location {
        case .body(let body): input.templateBody = body
        case .url(let url): input.templateURL = url
        }
        do {
            try await createOnce(input)
        } catch let error as AWSError where error.code == "ValidationError" && (error.message ?? "").contains("No updates are to be performed") {
            // Some endpoints (moto, when parameters are passed) refuse an unchanged update outright
            // instead of failing the change set: the same answer, "no changes".
            return .noChanges
        }
        let changeSet = try await waitUntilComputed(name, stackName: stack.stackName)
        if changeSet.hasNoChanges {
            try? await client.deleteChangeSet(name, stackName: stack.stackName)
            return .noChanges
        }
        guard changeSet.status == "CREATE_COMPLETE" else {
            try? await client.deleteChangeSet(name, stackName: stack.stackName)
            throw DeployError(.failed, "\(stack.name): CloudFormation could not create the change set: \(changeSet.statusReason ?? changeSet.status)",
                              hint: "the template or its parameters were rejected; `stackctl synth --env` shows the template sent")
        }
        return .ready(changeSet, name: name, type: type)
    }

    func createOnce(_ input: CloudFormationClient.CreateChangeSetInput) async throws {
        for attempt in 1...AmbiguousFailure.attempts {
            do {
                _ = try await client.createChangeSet(input)
                return
            } catch where AmbiguousFailure.matches(error) && attempt < AmbiguousFailure.attempts {
                if try await exists(input.changeSetName, stackName: input.stackName) { return }
                try await io.sleep(0.2 * Double(attempt))
            }
        }
    }

    func exists(_ name: String, stackName: String) async throws -> Bool {
        do {
            _ = try await client.describeChangeSetPage(name, stackName: stackName)
            return true
        } catch let error as AWSError where error.code == "ChangeSetNotFound" || error.code == "ChangeSetNotFoundException"
                    || error.isStackMissing {
            return false
        }
    }

    /// Polls until the change set leaves CREATE_PENDING / CREATE_IN_PROGRESS.
    public func waitUntilComputed(_ name: String, stackName: String) async throws -> CloudFormation.ChangeSet {
        while true {
            let changeSet = try await client.describeChangeSet(name, stackName: stackName)
            if changeSet.status != "CREATE_PENDING" && changeSet.status != "CREATE_IN_PROGRESS" { return changeSet }
            try await io.sleep(min(io.pollInterval, 1))
        }
    }
}
