import StackCore
import StackTemplate

/// `manifest.json` in an output folder: what deploy and diff need besides the templates — stacks in
/// dependency order, their deployed names, dependencies, protection, tags and parameters, and assets.
public enum Manifest {
    public static let fileName = "manifest.json"
    public static let version = 1

    public static func value(for run: SynthesisRun) -> TemplateValue {
        let settings = run.result.settings
        let stacks: [TemplateValue] = run.selected.map { stack in
            [
                "name": .string(stack.name),
                "stackName": .string(stack.physicalName),
                "template": .string("\(stack.name).\(run.format.fileExtension)"),
                "dependencies": .list(stack.dependencies.map(TemplateValue.string)),
                "terminationProtection": .bool(stack.terminationProtection),
                "tags": .map(stack.tags.mapValues(TemplateValue.string)),
                "parameters": .list(stack.template.parameters.keys.sorted().map(TemplateValue.string)),
                "resources": .int(stack.template.resources.count),
                "assets": .list(stack.assets.map { .string($0.product) }),
            ]
        }
        let assets: [TemplateValue] = run.result.assets.map { asset in
            [
                "product": .string(asset.product),
                "hash": .string(asset.hash),
                "s3Key": .string(asset.s3Key),
                "sources": .list(asset.sources.map(TemplateValue.string)),
            ]
        }
        return [
            "version": .int(version),
            "environment": [
                "name": .string(settings.environment),
                "account": .string(settings.account),
                "region": .string(settings.region),
                "stagingBucket": .string(Asset.stagingBucketName(account: settings.account, region: settings.region)),
            ],
            "stacks": .list(stacks),
            "assets": .list(assets),
        ]
    }
}
