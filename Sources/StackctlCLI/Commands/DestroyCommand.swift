import CommandLineArguments
import Foundation
import StackDeploy

struct DestroyCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "destroy",
        abstract: "Delete the environment's stacks, dependents first, and report what is left behind.",
        discussion: """
            Shows per stack what will be deleted and what retained (and why), asks once (--yes for scripts), refuses \
            while termination protection is on, deletes in reverse dependency order following the events, and lists \
            what remains (retained resources, resources whose deletion failed such as non-empty buckets) with the \
            commands to remove them. --orphans deletes instead the stacks deployed for this environment that the \
            estate no longer has (stackctl's stackctl:environment tag and the environment's name prefix; foreign \
            stacks are never touched), with the same report, confirmation and refusals. The staging bucket of `stackctl bootstrap` is never touched. Exit codes: 0 \
            success (retained resources are reported, not errors); 1 the estate or an environment file has errors; \
            2 bad command line; 4 a deletion failed; 5 refused (wrong account, termination protection, not confirmed); \
            6 no AWS credentials found, or AWS refused them; 130 interrupted (the deletion goes on in AWS).
            """,
        parameters: [
            EstateOptions.env,
            .argument("stacks", help: "Stacks to destroy (default: all), by estate name.", repeatable: true, optional: true),
            .flag("yes", help: "Do not ask for confirmation."),
            .flag("orphans", help: "Delete only the stacks deployed for this environment that the estate no longer has."),
            .option("concurrency", help: "How many independent stacks are deleted at once.", default: "1"),
        ])

    var env: String?
    var stacks: [String]
    var yes: Bool
    var orphans: Bool
    var concurrency: Int

    init(_ parsed: ParsedArguments) throws(UsageError) {
        env = parsed.string("env")
        stacks = parsed.arguments("stacks")
        yes = parsed.flag("yes")
        orphans = parsed.flag("orphans")
        concurrency = try parsed.int("concurrency") ?? 1
        guard concurrency >= 1 else { throw parsed.usageError("--concurrency must be at least 1 (got \(concurrency))") }
        if orphans && !stacks.isEmpty {
            throw parsed.usageError("--orphans deletes the stacks the estate no longer has; it takes no STACK names (got \(stacks.joined(separator: ", ")))")
        }
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        // Orphans are found against every stack of the estate, so all of them are synthesized.
        let inputs = try DeployInputs.synthesize(context, environment: env ?? context.estate.defaultEnvironment, stacks: stacks,
                                                 assetsFolder: context.root.appendingPathComponent("stackctl.out/assets"))
        let awsContext = try AWSSession.context(for: inputs.settings, context)
        AWSCommandRun.noteShellRegion(inputs.settings, context)
        let targets = inputs.stacks.map {
            Teardown.Target(name: $0.name, stackName: $0.stackName, dependencies: $0.dependencies, local: $0)
        }
        let settings = inputs.settings, confirmed = yes, concurrency = concurrency, makeToken = context.deploy.makeToken
        let orphans = self.orphans, estate = Set(inputs.stacks.map(\.stackName))
        let left = try AWSCommandRun.run(context) { (io: DeployIO) async throws -> [Teardown.LeftBehind]? in
            let teardown = Teardown(context: awsContext, environment: settings.environment, account: settings.account, io: io,
                                    concurrency: concurrency, makeToken: makeToken)
            guard orphans else { return try await teardown.run(try await teardown.plan(targets), confirmed: confirmed) }
            let plans = try await teardown.planOrphans(estate: estate, namePrefix: settings.namePrefix)
            guard !plans.isEmpty else { return nil }
            return try await teardown.run(plans, confirmed: confirmed)
        }
        guard let left else {
            context.stdout("no orphaned stacks in \(settings.environment): every stack deployed with its marker under "
                           + "\(settings.namePrefix)- is in the estate")
            return .success
        }
        context.stdout("destroyed \(orphans ? "the orphaned stacks of " : "")\(settings.environment)"
                       + (left.isEmpty ? "" : " (\(left.count) resource\(left.count == 1 ? "" : "s") left behind, listed above)"))
        return .success
    }
}
