import AWSClient
import Foundation
import StackTemplate

/// A whole `stackctl destroy`: account check, plan, refusal under termination protection, one
/// confirmation, deletion in reverse dependency order with live events, and a report of what is left.
public struct Teardown: Sendable {
    public var context: AWSContext
    public var environment: String
    public var account: String
    public var io: DeployIO
    public var concurrency: Int
    public var makeToken: @Sendable () -> String

    public init(context: AWSContext, environment: String, account: String, io: DeployIO, concurrency: Int = 1,
                makeToken: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.context = context
        self.environment = environment
        self.account = account
        self.io = io
        self.concurrency = concurrency
        self.makeToken = makeToken
    }

    var client: CloudFormationClient { CloudFormationClient(context: context) }

    public struct Target: Sendable {
        public var name: String
        public var stackName: String
        public var dependencies: [String]
        public var local: StackToDeploy?
        public init(name: String, stackName: String, dependencies: [String], local: StackToDeploy?) {
            self.name = name
            self.stackName = stackName
            self.dependencies = dependencies
            self.local = local
        }
    }

    /// What stayed behind: retained by policy, or failed to delete (a non-empty bucket).
    public struct LeftBehind: Sendable, Equatable {
        public var stack: String
        public var logicalId: String
        public var resourceType: String
        public var physicalId: String?
        public var why: String
    }

    public func plan(_ targets: [Target]) async throws -> [StackTeardown] {
        try await AccountCheck(sts: STSClient(context: context), environment: environment, account: account).verify(io: io)
        var plans: [StackTeardown] = []
        for target in targets.reversed() {
            plans.append(try await DestroyPlanner(client: client).plan(
                name: target.name, stackName: target.stackName, dependencies: target.dependencies, local: target.local?.template))
        }
        return plans
    }

    /// `destroy --orphans`: the account check, then a plan for each stack stackctl deployed for this
    /// environment that the estate (`estate`: its deployed names) no longer has; importers go first.
    public func planOrphans(estate: Set<String>, namePrefix: String) async throws -> [StackTeardown] {
        try await AccountCheck(sts: STSClient(context: context), environment: environment, account: account).verify(io: io)
        let orphans = try await OrphanFinder(client: client, environment: environment, namePrefix: namePrefix).find(estate: estate)
        var plans: [StackTeardown] = []
        for orphan in orphans {
            let template = (try? await client.getTemplate(stackName: orphan.stack.stackName)).flatMap { try? TemplateParser.parse($0) }
            plans.append(try await DestroyPlanner(client: client).plan(
                name: orphan.name, stackName: orphan.stack.stackName,
                dependencies: OrphanFinder.dependencies(of: template, among: orphans), local: nil))
        }
        return plans
    }

    /// Runs after `plan`; `confirmed` is `--yes`.
    public func run(_ plans: [StackTeardown], confirmed: Bool) async throws -> [LeftBehind] {
        plans.flatMap(\.lines).forEach(io.out)
        let deployed = plans.filter { $0.stack != nil }
        guard !deployed.isEmpty else {
            io.out("nothing to destroy in \(environment)")
            return []
        }
        let protected = deployed.filter { $0.stack!.terminationProtection }
        if !protected.isEmpty {
            let commands = protected.map {
                "aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name \($0.stackName) --region \(context.region)"
            }
            throw DeployError(.refused, "termination protection is on for \(protected.map(\.stackName).joined(separator: ", ")); nothing was deleted",
                              hint: "set terminationProtection: false in environments/\(environment).yaml (or it returns with the next deploy), "
                                  + "then lift it:\n    " + commands.joined(separator: "\n    "))
        }
        if !confirmed {
            switch io.ask("Delete \(deployed.count) stack\(deployed.count == 1 ? "" : "s") in \(environment) (account \(account))? [y/N] ") {
            case true?: break
            case false?: throw DeployError(.refused, "nothing was deleted (not confirmed)")
            case nil: throw DeployError(.refused, "destroy needs confirmation and there is no terminal to ask on; nothing was deleted",
                                        hint: "pass --yes to confirm in scripts")
            }
        }
        let byName = Dictionary(deployed.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let scheduler = StackScheduler(items: plans.reversed().map { .init(name: $0.name, dependencies: $0.dependencies) }
                                           .filter { byName[$0.name] != nil },
                                       concurrency: concurrency, reversed: true)
        let run = await scheduler.run { name in try await destroy(byName[name]!) }
        var left = run.results.flatMap(\.1)
        let failures = run.failures.map { name, error -> (String, any Error) in
            guard let failed = error as? DestroyFailed else { return (name, error) }
            left += failed.left
            return (name, failed.error)
        }
        report(left)
        try Deployment.summarize(failures, skipped: run.skipped, io: io)
        return left
    }

    /// A failed deletion and what it left, so the report can list it.
    struct DestroyFailed: Error {
        var error: DeployError
        var left: [LeftBehind]
    }

    func destroy(_ plan: StackTeardown) async throws -> [LeftBehind] {
        let paths = Dictionary(plan.items.compactMap { item in item.path.map { (item.logicalId, $0) } }, uniquingKeysWith: { a, _ in a })
        let watcher = EventWatcher(client: client, io: io, stackName: plan.stack!.stackId, label: plan.name, paths: paths)
        let marker = try await watcher.marker()
        try await client.deleteStack(plan.stack!.stackId, clientRequestToken: "stackctl-destroy-\(makeToken())")
        let outcome = try await watcher.watch(after: marker)
        let retained = plan.retained.map {
            LeftBehind(stack: plan.name, logicalId: $0.logicalId, resourceType: $0.resourceType, physicalId: $0.physicalId, why: $0.retainedBecause!)
        }
        if outcome.interrupted {
            throw DeployError(.interrupted, "\(plan.name): stopped watching; \(plan.stackName) is still \(outcome.status)",
                              hint: StackDeployer.followHint(plan.stackName, region: context.region, operation: "delete"))
        }
        guard outcome.status == "DELETE_COMPLETE" else {
            let failed = try await client.allStackResources(plan.stack!.stackId).filter { $0.status == "DELETE_FAILED" }
            let left = retained + failed.map {
                LeftBehind(stack: plan.name, logicalId: $0.logicalId, resourceType: $0.resourceType, physicalId: $0.physicalId,
                           why: "deletion failed: \($0.statusReason ?? "no reason given")")
            }
            throw DestroyFailed(error: DeployError(.failed, "\(plan.name): deleting \(plan.stackName) failed (\(outcome.status))"
                                                       + (outcome.firstFailure.map { ": \($0.logicalId) \($0.reason ?? "")" } ?? ""),
                                                   hint: "remove what blocked it (see below), then run destroy again"),
                                left: left)
        }
        io.out("\(plan.name) (\(plan.stackName)): deleted")
        return retained
    }

    func report(_ left: [LeftBehind]) {
        guard !left.isEmpty else { return }
        io.out("left behind (\(left.count)):")
        for item in left.sorted(by: { ($0.stack, $0.logicalId) < ($1.stack, $1.logicalId) }) {
            io.out("  \(item.stack)/\(item.logicalId)  \(item.resourceType)  \(item.physicalId ?? "?")  — \(item.why)")
            io.out("    \(CleanupCommand.command(type: item.resourceType, physicalId: item.physicalId, region: context.region))")
        }
    }
}
