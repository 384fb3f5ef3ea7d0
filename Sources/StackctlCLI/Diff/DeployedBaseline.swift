import AWSClient
import Foundation
import StackCore
import StackDeploy
import StackDiff

/// The baseline of `stackctl diff --env NAME` without `--base*`: the templates CloudFormation last
/// applied (GetTemplate), after checking that the credentials are the environment's account — against
/// another account every stack would look new. Stacks never deployed (or only created by a change set
/// that was not executed) are new. Stacks stackctl deployed for the environment that the estate no
/// longer has (`OrphanFinder`) are in the answer, so they show as whole-stack removals.
///
/// With `--change-set`, CloudFormation's own replacement answers are asked too: a change set is
/// created for the new template, read, and deleted — never executed.
struct DeployedBaseline: DiffBaseline {
    let aws: AWSContext
    let settings: StackSettings
    let askChangeSets: Bool
    let note: @Sendable (String) -> Void
    /// Parameter values per estate stack name, as DescribeStacks gave them while the templates were read.
    let deployedParameters = DeployedParameters()

    final class DeployedParameters: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: [String: String]] = [:]
        func set(_ stack: String, _ parameters: [String: String]) { lock.withLock { values[stack] = parameters } }
        func get(_ stack: String) -> [String: String]? { lock.withLock { values[stack] } }
    }

    func parameterValues(for stack: String) -> [String: String]? { deployedParameters.get(stack) }

    var label: String { "deployed stacks (\(settings.environment), account \(settings.account), \(settings.region))" }

    func templates(for current: [BaselineStack]) throws -> [BaselineTemplate] {
        try Self.bridge { [aws, settings, note, deployedParameters] in
            // Who is asking goes to stderr: stdout carries the report (JSON, markdown).
            try await AccountCheck(sts: STSClient(context: aws), environment: settings.environment, account: settings.account)
                .verify(io: DeployIO(out: note, err: note, ask: { _ in nil }))
            let cloudFormation = CloudFormationClient(context: aws)
            var templates: [BaselineTemplate] = []
            for stack in current {
                guard let deployed = try await cloudFormation.describeStack(stack.deployedName),
                      !Self.neverApplied(deployed.status) else { continue }
                let text = try await cloudFormation.getTemplate(stackName: stack.deployedName)
                deployedParameters.set(stack.name, deployed.parameters)
                templates.append(BaselineTemplate(stack: stack.name, text: text, origin: "deployed stack \(stack.deployedName)"))
            }
            // Orphans: deployed by stackctl for this environment, gone from the estate — whole-stack removals.
            let orphans = try await OrphanFinder(client: cloudFormation, environment: settings.environment,
                                                 namePrefix: settings.namePrefix)
                .find(estate: Set(current.map(\.deployedName)))
                .filter { !Self.neverApplied($0.stack.status) }
            for orphan in orphans {
                let text = try await cloudFormation.getTemplate(stackName: orphan.stack.stackName)
                templates.append(BaselineTemplate(stack: orphan.name, text: text, origin: "deployed stack \(orphan.stack.stackName)"))
            }
            if !orphans.isEmpty {
                note("note: \(orphans.map(\.stack.stackName).joined(separator: ", ")) \(orphans.count == 1 ? "is" : "are") deployed for "
                     + "\(settings.environment) but no longer in the estate; `stackctl destroy --env \(settings.environment) --orphans` deletes "
                     + (orphans.count == 1 ? "it" : "them"))
            }
            return templates
        }
    }

    /// A stack in REVIEW_IN_PROGRESS holds only an unexecuted CREATE change set; one deleted is gone.
    static func neverApplied(_ status: String) -> Bool {
        status == "REVIEW_IN_PROGRESS" || status == "DELETE_COMPLETE"
    }

    func replacementHints(for stack: BaselineStack, newTemplate: String) throws -> [String: ReplacementHint] {
        guard askChangeSets else { return [:] }
        let body = Self.compact(newTemplate)
        guard body.utf8.count <= 51_200 else {
            note("note: \(stack.name): the template is over 51,200 bytes; --change-set needs `stackctl deploy`'s staging "
                 + "bucket, so replacements here are stackctl's own estimate")
            return [:]
        }
        return try Self.bridge { [aws, note] in
            let cloudFormation = CloudFormationClient(context: aws)
            let name = "stackctl-diff-\(UUID().uuidString.lowercased().prefix(8))"
            _ = try await cloudFormation.createChangeSet(.init(
                stackName: stack.deployedName, changeSetName: name, type: .update, templateBody: body,
                capabilities: [.iam, .namedIAM], description: "stackctl diff --change-set (never executed)"))
            let io = DeployIO(out: note, err: note, ask: { _ in nil })
            let changeSet = try await ChangeSetCreator(client: cloudFormation, io: io)
                .waitUntilComputed(name, stackName: stack.deployedName)
            try? await cloudFormation.deleteChangeSet(name, stackName: stack.deployedName)
            if changeSet.status == "FAILED" && !changeSet.hasNoChanges {
                note("note: \(stack.name): CloudFormation could not compute a change set (\(changeSet.statusReason ?? "no reason")); "
                     + "replacements are stackctl's own estimate")
            }
            var hints: [String: ReplacementHint] = [:]
            for change in changeSet.changes {
                if let answer = change.replacement.flatMap(ReplacementHint.init(rawValue:)) { hints[change.logicalId] = answer }
            }
            return hints
        }
    }

    /// The rendered template is pretty JSON; CloudFormation's size limit applies to what is sent.
    static func compact(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs the AWS calls and turns their failures into the CLI's messages; diff exits 1 on any error
    /// but credentials (6, as for every AWS command).
    private static func bridge<T>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        do {
            return try AsyncBridge.run(work)
        } catch {
            guard var failure = AWSCommandRun.cliError(error) as? CLIError else { throw error }
            if failure.status != .credentials { failure.status = .invalidInput }
            throw failure
        }
    }
}
