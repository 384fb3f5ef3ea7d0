import AWSClient
import Foundation
import StackCore
import StackTemplate

/// A whole `stackctl deploy`: account check, then (after the caller built the functions) bootstrap
/// check, asset upload, every stack through its change set in dependency order, and a summary that
/// names what is still running after Ctrl-C.
public struct Deployment: Sendable {
    public var context: AWSContext
    public var environment: String
    public var account: String
    public var io: DeployIO
    public var options: DeployOptions
    public var makeToken: @Sendable () -> String

    public init(context: AWSContext, environment: String, account: String, io: DeployIO, options: DeployOptions,
                makeToken: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.context = context
        self.environment = environment
        self.account = account
        self.io = io
        self.options = options
        self.makeToken = makeToken
    }

    public var stagingBucket: String { Asset.stagingBucketName(account: account, region: context.region) }
    var client: CloudFormationClient { CloudFormationClient(context: context) }
    var s3: S3Client { S3Client(context: context) }

    /// Checks the account, prints who is deploying where.
    public func checkAccount() async throws {
        try await AccountCheck(sts: STSClient(context: context), environment: environment, account: account).verify(io: io)
    }

    /// Call `checkAccount` first (before building anything).
    public func run(_ stacks: [StackToDeploy]) async throws -> [StackDeployResult] {
        let assets = stacks.flatMap(\.assets)
        if !assets.isEmpty || stacks.contains(where: { TemplatePublisher.needsUpload($0.templateBody) }) {
            try await requireBootstrap()
            let published = try await AssetPublisher(s3: s3, bucket: stagingBucket).publish(assets, io: io)
            if !assets.isEmpty { io.out("assets: \(published.uploaded.count) uploaded, \(published.alreadyThere.count) already in s3://\(stagingBucket)") }
        }
        return try await deployAll(stacks.map { stack in
            var marked = stack
            marked.tags = StackMarker.tags(stack.tags, environment: environment)
            return marked
        })
    }

    /// Deploys stackctl's own staging stack (no account-check repeat, no assets).
    public func bootstrap() async throws -> StackDeployResult {
        try await checkAccount()
        let template = BootstrapStack.template()
        let stack = StackToDeploy(name: BootstrapStack.stackName, stackName: BootstrapStack.stackName,
                                  templateBody: try JSONRenderer.render(template, pretty: false), template: template,
                                  tags: ["stackctl:bootstrap": String(BootstrapStack.version)])
        let results = try await deployAll([stack])
        io.out("staging bucket: s3://\(stagingBucket)")
        return results[0]
    }

    func requireBootstrap() async throws {
        let stack = try await client.describeStack(BootstrapStack.stackName)
        let usable: Set<String> = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"]
        guard let stack, usable.contains(stack.status) else {
            throw DeployError(.refused, "account \(account) in \(context.region) is not bootstrapped: "
                                  + "the staging bucket \(stagingBucket) for function code is missing"
                                  + (stack.map { " (\(BootstrapStack.stackName) is \($0.status))" } ?? ""),
                              hint: "run `stackctl bootstrap --env \(environment)` once for this account and region")
        }
    }

    func deployAll(_ stacks: [StackToDeploy]) async throws -> [StackDeployResult] {
        let deployer = StackDeployer(client: client, templates: TemplatePublisher(s3: s3, bucket: stagingBucket), io: io,
                                     options: options, gate: ApprovalGate(io: io), makeToken: makeToken)
        let byName = Dictionary(stacks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let scheduler = StackScheduler(items: stacks.map { .init(name: $0.name, dependencies: $0.dependencies) },
                                       concurrency: options.concurrency)
        let run = await scheduler.run { name in try await deployer.deploy(byName[name]!) }
        try Self.summarize(run.failures, skipped: run.skipped, io: io)
        let order = stacks.map(\.name)
        return run.results.sorted { order.firstIndex(of: $0.0)! < order.firstIndex(of: $1.0)! }.map(\.1)
    }

    /// Prints every failure after the first (the first is thrown), what never started, and what is
    /// still running after Ctrl-C.
    static func summarize(_ failures: [(String, any Error)], skipped: [String], io: DeployIO) throws {
        guard let first = failures.first else { return }
        for (_, error) in failures.dropFirst() { io.err("\(error)") }
        if !skipped.isEmpty { io.err("not started: \(skipped.joined(separator: ", "))") }
        let interrupted = failures.compactMap { ($0.1 as? DeployError)?.kind == .interrupted ? $0.0 : nil }
        if !interrupted.isEmpty {
            io.err("still in progress in CloudFormation: \(interrupted.joined(separator: ", ")) (nothing was cancelled)")
        }
        throw first.1
    }
}
