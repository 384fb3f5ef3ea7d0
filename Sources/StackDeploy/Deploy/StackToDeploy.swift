import AWSClient
import Foundation
import StackTemplate

/// One stack as the deploy engine gets it: from an in-memory synthesis or an output folder.
public struct StackToDeploy: Sendable {
    /// Estate name (`MarketStream`).
    public var name: String
    /// CloudFormation stack name (`mkt-local-MarketStream`).
    public var stackName: String
    /// The template as sent: compact JSON (moto mishandles some YAML short forms; AWS takes either).
    public var templateBody: String
    /// The same template, parsed, for construct paths, IAM comparisons and deletion policies.
    public var template: Template
    /// Estate names of the stacks it imports from.
    public var dependencies: [String]
    public var terminationProtection: Bool
    public var tags: [String: String]
    public var parameters: [String: String]
    /// Function zips it references (S3 key in the staging bucket and local file).
    public var assets: [LocalAsset]

    public init(name: String, stackName: String, templateBody: String, template: Template, dependencies: [String] = [],
                terminationProtection: Bool = false, tags: [String: String] = [:], parameters: [String: String] = [:],
                assets: [LocalAsset] = []) {
        self.name = name
        self.stackName = stackName
        self.templateBody = templateBody
        self.template = template
        self.dependencies = dependencies
        self.terminationProtection = terminationProtection
        self.tags = tags
        self.parameters = parameters
        self.assets = assets
    }

    /// The acknowledgements CloudFormation demands for this template: IAM resources need
    /// CAPABILITY_IAM, named ones CAPABILITY_NAMED_IAM, a Transform CAPABILITY_AUTO_EXPAND.
    public var capabilities: [CloudFormation.Capability] {
        var result: [CloudFormation.Capability] = []
        let iam = template.resources.values.filter { $0.type.hasPrefix("AWS::IAM::") }
        if !iam.isEmpty { result.append(.iam) }
        let nameKeys = ["RoleName", "PolicyName", "ManagedPolicyName", "UserName", "GroupName", "InstanceProfileName"]
        if iam.contains(where: { resource in
            resource.type != "AWS::IAM::Policy" && nameKeys.contains { resource.properties[$0] != nil }
        }) {
            result.append(.namedIAM)
        }
        if !template.transforms.isEmpty { result.append(.autoExpand) }
        return result
    }

    /// The parameter values as people may see them, sorted by name: a `NoEcho` one is `****`.
    public var shownParameters: [(name: String, value: String)] {
        parameters.keys.sorted().map { name in
            (name, template.parameters[name]?.noEcho == true ? ParameterConstraints.mask : parameters[name]!)
        }
    }

    /// Construct path per logical ID (`stackctl:path` metadata).
    public var constructPaths: [String: String] { template.resources.compactMapValues(\.constructPath) }
}

/// A packaged function zip on disk and the key it goes to.
public struct LocalAsset: Sendable, Hashable {
    public var product: String
    public var s3Key: String
    public var file: URL

    public init(product: String, s3Key: String, file: URL) {
        self.product = product
        self.s3Key = s3Key
        self.file = file
    }
}
