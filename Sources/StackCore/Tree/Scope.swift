import StackTemplate

/// Where a construct adds its resources: a position in the tree (its path) inside the stack being built.
/// Scopes are cheap handles onto the shared `StackAssembly`; `child(_:)` descends one level.
public struct Scope {
    let assembly: StackAssembly
    /// Path relative to the stack (`Processing/Role`); empty for the stack itself.
    public let path: String

    init(assembly: StackAssembly, path: String) {
        self.assembly = assembly
        self.path = path
    }

    public var settings: StackSettings { assembly.settings }
    /// The deletion policy for resources that hold data: kept when the environment retains data,
    /// deleted with the stack otherwise. Types the catalogue says hold data get it on their own.
    public var dataPolicy: DeletionPolicy { assembly.dataPolicy }
    public var stackName: String { assembly.stackName }
    /// `<namePrefix>-<stack in kebab case>`; see `defaultPhysicalName`.
    public var physicalNamePrefix: String { assembly.physicalNamePrefix }
    /// The full construct path, stack included: `MarketStream/Processing/Role`.
    public var fullPath: String { path.isEmpty ? stackName : PathJoin.join(stackName, path) }

    /// The default physical name of a resource here: `<namePrefix>-<stack>-<path>` in kebab case, unique
    /// across stacks and environments (`mkt-dev-tick-alerts-stock-queue`).
    public var defaultPhysicalName: String {
        path.isEmpty ? assembly.physicalNamePrefix : assembly.physicalNamePrefix + "-" + kebabPath
    }

    /// The path's segments in kebab case joined by `-` (`Processing/RawData` → `processing-raw-data`).
    /// Split on UTF-8 bytes: splitting by Character showed in the synthesis profile.
    public var kebabPath: String {
        var out = "", first = true
        for segment in path.utf8.split(separator: UInt8(ascii: "/")) {
            if !first { out += "-" }
            out += Naming.kebab(String(Substring(segment)))
            first = false
        }
        return out
    }

    public func child(_ id: String) -> Scope {
        Scope(assembly: assembly, path: PathJoin.child(path, id))
    }

    /// Synthesizes a construct as a child of this scope, recording that its path exists.
    public func add(_ construct: any Construct) {
        let scope = child(construct.id)
        // A duplicate is reported once and not synthesized, so its resources raise no second error.
        guard assembly.declare(constructPath: scope.path, fullPath: scope.fullPath) else { return }
        // The top level is declared up front; a nested construct can be looked up by the constructs
        // added after it while its parent is synthesized (see `DeclarationTable`).
        let mark = assembly.declarations.begin(construct, under: path.isEmpty ? nil : path)
        construct.synthesize(in: scope)
        assembly.declarations.end(mark)
    }

    /// Adds a resource: the construct's primary one when `name` is empty, else a named child
    /// (`Role` under `Processing`). Returns its logical ID. The path goes into `Metadata`.
    @discardableResult
    public func resource(_ name: String = "", _ resource: Resource) -> String {
        let relative = name.isEmpty ? path : PathJoin.join(path, name)
        return assembly.addResource(relativePath: relative, resource)
    }

    /// Adds the construct's primary resource.
    @discardableResult
    public func resource(_ resource: Resource) -> String { self.resource("", resource) }

    /// A token for one of this construct's own resources (for wiring inside a construct).
    public func ref(_ name: String = "") -> TemplateValue {
        .token(Token(target: path, resource: name, attribute: .ref, isAbsolute: true))
    }

    public func getAtt(_ name: String = "", _ attribute: String) -> TemplateValue {
        .token(Token(target: path, resource: name, attribute: .getAtt(attribute), isAbsolute: true))
    }

    /// Declares the literal value a reference to this construct resolves to, instead of `Ref`/`Fn::GetAtt`.
    /// A bucket with a known physical name uses it so that policies naming it add no dependency
    /// (and other stacks need no import).
    public func provide(_ attribute: Token.Attribute, resource: String = "", value: TemplateValue) {
        assembly.knownValues[Token(target: path, resource: resource, attribute: attribute, isAbsolute: true)] = value
    }

    /// Adds a stack output.
    public func output(_ name: String, _ output: Output) {
        assembly.addOutput(name: name, output, from: fullPath)
    }

    /// Adds a template parameter.
    public func parameter(_ name: String, _ parameter: Parameter) {
        assembly.addParameter(name: name, parameter, from: fullPath)
    }

    /// Changes a resource of another construct in this stack once every construct has been
    /// synthesized (e.g. a trigger adding a notification to its bucket).
    public func amend(target: String, resource: String = "", _ change: @escaping (inout Resource) -> Void) {
        assembly.amendments.append(
            StackAssembly.Amendment(target: target, resource: resource, requestedBy: fullPath, change: change))
    }

    /// The asset for a function product from `functions/`, or nil after reporting why.
    public func asset(product: String, property: String = "product") -> Asset? {
        switch assembly.assets.asset(forProduct: product) {
        case .success(let asset):
            assembly.usedAssets[asset.product] = asset
            return asset
        case .failure(let problem):
            error(.assetNotFound, problem.message, hint: problem.hint, property: property)
            return nil
        }
    }

    // MARK: Diagnostics, always with this scope's path.

    public func error(_ code: DiagnosticCode, _ message: String, hint: String? = nil, property: String? = nil) {
        assembly.diagnostics.error(fullPath, code, message, hint: hint, property: property)
    }

    public func warning(_ code: DiagnosticCode, _ message: String, hint: String? = nil, property: String? = nil) {
        assembly.diagnostics.warning(fullPath, code, message, hint: hint, property: property)
    }

    /// Reports an error when `value` is outside `range`; returns whether it was inside.
    @discardableResult
    public func check<T: Comparable>(
        _ value: T, in range: ClosedRange<T>, property: String, unit: String = "", code: DiagnosticCode = .outOfRange
    ) -> Bool {
        guard !range.contains(value) else { return true }
        error(code, "\(property) \(value)\(unit) is out of range",
              hint: "use a value from \(range.lowerBound) to \(range.upperBound)\(unit)", property: property)
        return false
    }
}
