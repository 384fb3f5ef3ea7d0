import StackTemplate

/// One stack, ready to render and deploy.
public struct SynthesizedStack: Sendable, Hashable {
    /// Name in the estate (`MarketStream`).
    public var name: String
    /// Name of the deployed CloudFormation stack (`mkt-dev-MarketStream`).
    public var physicalName: String
    public var template: Template
    /// Estate names of the stacks this one imports from; they deploy first.
    public var dependencies: [String]
    public var terminationProtection: Bool
    public var tags: [String: String]
    public var assets: [Asset]

    public init(name: String, physicalName: String, template: Template, dependencies: [String] = [],
                terminationProtection: Bool = false, tags: [String: String] = [:], assets: [Asset] = []) {
        self.name = name
        self.physicalName = physicalName
        self.template = template
        self.dependencies = dependencies
        self.terminationProtection = terminationProtection
        self.tags = tags
        self.assets = assets
    }
}

public struct SynthesisResult: Sendable {
    public var settings: StackSettings
    /// In dependency order: every stack comes after the stacks it imports from.
    public var stacks: [SynthesizedStack]
    public var assets: [Asset]
    /// Warnings and notes (errors make synthesis throw instead).
    public var diagnostics: Diagnostics
}

/// Turns stack definitions into templates, phase by phase (`SynthesisPhase`): builds every construct,
/// renders owned resource policies, applies amendments, resolves references (turning cross-stack ones
/// into exports and imports), runs the flavor's transforms, then checks the result.
/// Pure: no network, no compiling, no clock.
public struct Synthesizer: Sendable {
    public var settings: StackSettings
    public var assets: any AssetResolver
    /// CloudFormation's per-stack quotas; only benchmarks of over-limit estates turn this off.
    public var checkLimits: Bool
    /// The `transform` phase, in order (empty: plain CloudFormation).
    public var transforms: [any TemplateTransform]

    public init(settings: StackSettings, assets: any AssetResolver, checkLimits: Bool = true,
                transforms: [any TemplateTransform] = []) {
        self.settings = settings
        self.assets = assets
        self.checkLimits = checkLimits
        self.transforms = transforms
    }

    public func synthesize(_ definitions: [any StackDefinition]) throws(SynthesisFailed) -> SynthesisResult {
        var diagnostics = Diagnostics()
        var seenNames: Set<String> = []
        var accepted: [any StackDefinition] = []
        for definition in definitions {
            let name = definition.name
            if !StackNames.check(name, physical: settings.physicalStackName(name), into: &diagnostics) { continue }
            guard seenNames.insert(name).inserted else {
                diagnostics.error(name, .duplicateStack, "two stacks are named '\(name)'",
                                  hint: "give each StackDefinition a unique name")
                continue
            }
            accepted.append(definition)
        }

        // Every stack's declarations first (stored construct properties, then body), so that a construct
        // can look up any declared one, in its stack or another, whatever the order of declaration.
        let declared = accepted.parallelMap { definition -> UncheckedBox<(declarations: [Declaration], diagnostics: Diagnostics)> in
            var found = Diagnostics()
            let declarations = StackDeclarations.collect(definition, stack: definition.name, into: &found)
            return UncheckedBox((declarations, found))
        }.map(\.value)
        let estate = EstateDeclarations(zip(accepted, declared).map { ($0.name, $1.declarations) })

        // construct, resource-policies, amend: stacks are built independently (one per core);
        // references between them are resolved after.
        let settings = self.settings, assets = self.assets
        let assemblies = zip(accepted, declared).map(UncheckedBox.init).parallelMap { box -> UncheckedBox<StackAssembly> in
            let (definition, declared) = box.value
            let assembly = StackAssembly(stackName: definition.name, description: definition.description,
                                         settings: settings, assets: assets, declarations: declared.declarations, estate: estate)
            assembly.diagnostics.append(contentsOf: declared.diagnostics)
            let root = assembly.root
            for declaration in declared.declarations { root.add(declaration.construct) }
            assembly.addSharedConstructs()
            assembly.declarations.reportUnresolved(constructPaths: assembly.constructPaths, into: &assembly.diagnostics)
            assembly.renderResourcePolicies()
            assembly.applyAmendments()
            return UncheckedBox(assembly)
        }.map(\.value)

        // resolve

        let resolver = ReferenceResolver(assemblies: assemblies, settings: settings)
        resolver.resolveAll()
        for assembly in assemblies { diagnostics.append(contentsOf: assembly.diagnostics) }
        diagnostics.append(contentsOf: resolver.diagnostics)

        let order = StackOrder.sort(assemblies.map(\.stackName), dependencies: resolver.stackDependencies, into: &diagnostics)
        let byName = Dictionary(assemblies.map { ($0.stackName, $0) }, uniquingKeysWith: { a, _ in a })
        let stackDependencies = resolver.stackDependencies, references = resolver.references, checkLimits = self.checkLimits
        let transforms = self.transforms
        let checked = order.compactMap { byName[$0].map(UncheckedBox.init) }.parallelMap { box -> (SynthesizedStack, Diagnostics) in
            let assembly = box.value, name = assembly.stackName
            var found = Diagnostics()
            let template = Template(
                description: assembly.description, parameters: assembly.parameters,
                resources: assembly.resources, outputs: assembly.outputs)
            DependencyCycles.check(template, references: references[name] ?? [], into: &found)
            var stack = SynthesizedStack(
                name: name, physicalName: settings.physicalStackName(name), template: template,
                dependencies: stackDependencies[name, default: []].sorted(),
                terminationProtection: settings.terminationProtection, tags: settings.tags,
                assets: assembly.usedAssets.values.sorted { $0.product < $1.product })
            // transform, check
            for transform in transforms { transform.transform(&stack, diagnostics: &found) }
            if checkLimits { Limits.check(stack.template, stack: name, into: &found) }
            return (stack, found)
        }
        let stacks = checked.map(\.0)
        for (_, found) in checked { diagnostics.append(contentsOf: found) }

        if diagnostics.hasErrors { throw SynthesisFailed(diagnostics) }
        var allAssets: [String: Asset] = [:]
        for stack in stacks { for asset in stack.assets { allAssets[asset.product] = asset } }
        return SynthesisResult(settings: settings, stacks: stacks,
                               assets: allAssets.values.sorted { $0.product < $1.product }, diagnostics: diagnostics)
    }
}

/// Stack name rules: `[A-Za-z][-A-Za-z0-9]*`, at most 128 characters once prefixed.
enum StackNames {
    static func check(_ name: String, physical: String, into diagnostics: inout Diagnostics) -> Bool {
        let valid = name.first.map { $0.isASCII && $0.isLetter } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        if !valid {
            diagnostics.error(name.isEmpty ? "<unnamed stack>" : name, .invalidStackName,
                              "stack name '\(name)' must start with a letter and contain only letters, digits and hyphens",
                              hint: "rename the StackDefinition or set its `name`")
            return false
        }
        if physical.count > 128 {
            diagnostics.error(name, .invalidStackName,
                              "stack name '\(physical)' is \(physical.count) characters; CloudFormation allows 128",
                              hint: "shorten the stack name or the environment's namePrefix")
            return false
        }
        return true
    }
}
