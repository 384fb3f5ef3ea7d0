import ResourceCatalogue
import StackTemplate

/// The stack being built: resources by logical ID, which path owns which ID, outputs, parameters,
/// diagnostics, and the amendments constructs asked for. One per stack per synthesis.
public final class StackAssembly {
    struct Amendment {
        var target: String
        var resource: String
        var requestedBy: String
        var change: (inout Resource) -> Void
    }

    public let stackName: String
    public let description: String
    public let settings: StackSettings
    let assets: any AssetResolver

    var resources: [String: Resource] = [:]
    /// Relative resource path → logical ID, for resolving tokens.
    var logicalIDs: [String: String] = [:]
    /// Construct paths declared in this stack (relative), for resolving tokens to constructs.
    var constructPaths: Set<String> = []
    /// The declared constructs `Scope.declared` looks up; see DeclaredConstructs.swift.
    var declarations: DeclarationTable
    var outputs: [String: Output] = [:]
    var parameters: [String: Parameter] = [:]
    var amendments: [Amendment] = []
    var policyOwners: [ResourcePolicyOwner] = []
    var policyContributions: [ResourcePolicyContribution] = []
    /// Constructs of the stack's top level that constructs asked for (`Scope.requireShared`), in order.
    var sharedConstructs: [(id: String, make: @Sendable () -> any Construct)] = []
    /// Values a construct knows for its own references (e.g. a bucket's ARN from its physical name),
    /// keyed by `Token` without the target stack; used instead of `Ref`/`Fn::GetAtt`/imports.
    var knownValues: [Token: TemplateValue] = [:]
    var usedAssets: [String: Asset] = [:]
    var diagnostics = Diagnostics()

    /// `<namePrefix>-<stack in kebab case>`, the start of every default physical name in the stack.
    let physicalNamePrefix: String

    init(stackName: String, description: String, settings: StackSettings, assets: any AssetResolver,
         declarations: [Declaration] = [], estate: EstateDeclarations = EstateDeclarations([])) {
        self.stackName = stackName
        self.declarations = DeclarationTable(topLevel: declarations, estate: estate)
        physicalNamePrefix = settings.namePrefix + "-" + Naming.kebab(stackName)
        self.description = description
        self.settings = settings
        self.assets = assets
    }

    var root: Scope { Scope(assembly: self, path: "") }

    /// The deletion policy for resources that hold data: kept when the environment retains data,
    /// deleted with the stack otherwise.
    var dataPolicy: DeletionPolicy { settings.retainData ? .retain : .delete }

    func fullPath(_ relative: String) -> String { relative.isEmpty ? stackName : PathJoin.join(stackName, relative) }

    func declare(constructPath: String, fullPath: @autoclosure () -> String) -> Bool {
        if constructPaths.insert(constructPath).inserted { return true }
        diagnostics.error(fullPath(), .duplicateID, "two constructs in \(stackName) have the id '\(constructPath)'",
                          hint: "give each construct a unique id within its parent")
        return false
    }

    func addResource(relativePath: String, _ resource: Resource) -> String {
        let logicalID = LogicalID.from(relativePath: relativePath)
        let path = fullPath(relativePath)
        if logicalID.isEmpty {
            diagnostics.error(path, .invalidID, "the path '\(relativePath)' gives no letters or digits for a logical ID",
                              hint: "use construct ids made of letters and digits")
            return logicalID
        }
        if logicalID.utf8.count > LogicalID.maxLength {
            diagnostics.error(path, .logicalIDTooLong,
                              "logical ID '\(logicalID.prefix(40))…' is \(logicalID.utf8.count) characters; CloudFormation allows \(LogicalID.maxLength)",
                              hint: "shorten the construct ids along this path")
        }
        var resource = resource
        resource.metadata[Resource.pathMetadataKey] = .string(path)
        // Retention follows the catalogue: a construct cannot forget it on a type that holds data.
        if resource.deletionPolicy == nil, resource.updateReplacePolicy == nil, ResourceCatalogue.holdsData(resource.type) {
            resource.deletionPolicy = dataPolicy
            resource.updateReplacePolicy = dataPolicy
        }
        // One hash lookup for the common case: insert, and put the first one back on a collision.
        if let other = resources.updateValue(resource, forKey: logicalID) {
            resources[logicalID] = other
            diagnostics.error(path, .duplicateLogicalID,
                              "logical ID '\(logicalID)' is also produced by \(other.constructPath ?? stackName)",
                              hint: "rename one of the constructs; logical IDs are the path in PascalCase without punctuation")
            return logicalID
        }
        logicalIDs[relativePath] = logicalID
        return logicalID
    }

    func addOutput(name: String, _ output: Output, from path: String) {
        guard LogicalID.isValid(name) else {
            diagnostics.error(path, .invalidOutputName, "output name '\(name)' must be letters and digits only",
                              hint: "use a name like 'QueueUrl'")
            return
        }
        if outputs[name] != nil {
            diagnostics.error(path, .duplicateOutput, "output '\(name)' is defined twice in \(stackName)",
                              hint: "give each output a unique name")
        }
        outputs[name] = output
    }

    func addParameter(name: String, _ parameter: Parameter, from path: String) {
        guard LogicalID.isValid(name) else {
            diagnostics.error(path, .invalidParameterName, "parameter name '\(name)' must be letters and digits only")
            return
        }
        if let existing = parameters[name], existing != parameter {
            diagnostics.error(path, .duplicateParameter, "parameter '\(name)' is defined twice, differently")
        }
        parameters[name] = parameter
    }

    /// Adds the shared constructs asked for while the stack's own were synthesized (and those they ask
    /// for in turn), each once, at the top level.
    func addSharedConstructs() {
        var index = 0
        while index < sharedConstructs.count {
            let construct = sharedConstructs[index].make()
            if !constructPaths.contains(construct.id) { root.add(construct) }
            index += 1
        }
    }

    /// Applies amendments in the order they were requested; the target is looked up like a reference
    /// (innermost enclosing construct first); a target outside this stack is an error.
    func applyAmendments() {
        for amendment in amendments {
            let holder = ReferenceResolver.relativeToStack(amendment.requestedBy, stackName)
            let found = ReferenceResolver.candidates(for: amendment.target, from: holder).lazy.compactMap { target -> String? in
                guard self.constructPaths.contains(target) else { return nil }
                return self.logicalIDs[amendment.resource.isEmpty ? target : PathJoin.join(target, amendment.resource)]
            }.first
            guard let logicalID = found, var resource = resources[logicalID] else {
                diagnostics.error(amendment.requestedBy, .targetNotInStack,
                                  "\(amendment.target) is not a construct of \(stackName)",
                                  hint: "declare it in the same stack; this wiring cannot cross stacks")
                continue
            }
            amendment.change(&resource)
            resources[logicalID] = resource
        }
        amendments.removeAll()
    }
}
