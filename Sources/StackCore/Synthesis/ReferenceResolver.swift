import StackTemplate

/// Replaces every token with `Ref`/`Fn::GetAtt` inside its own stack, or with `Fn::ImportValue` of an
/// export it adds to the owning stack. Records which stacks depend on which; reports dangling and
/// ambiguous references at the path of the resource that holds them.
final class ReferenceResolver {
    let assemblies: [StackAssembly]
    let settings: StackSettings
    var diagnostics = Diagnostics()
    /// Consumer stack → stacks it imports from.
    var stackDependencies: [String: Set<String>] = [:]
    /// Stack → its resources in logical-ID order, each with the IDs it refers to or depends on (for the
    /// cycle check).
    var references: [String: [ResourceReferences]] = [:]

    /// What resolving one stack found: its problems, the stacks it imports from and the exports it needs.
    final class StackResolution {
        var diagnostics = Diagnostics()
        var dependencies: Set<String> = []
        var exports: [Export] = []
        var references: [ResourceReferences] = []
    }

    struct Export {
        var owner: StackAssembly
        var logicalID: String
        var attribute: Token.Attribute
    }

    init(assemblies: [StackAssembly], settings: StackSettings) {
        self.assemblies = assemblies
        self.settings = settings
    }

    /// Each stack resolves on its own core: it rewrites only its own resources and outputs and reads
    /// the others' logical IDs, which no longer change. Exports are added to their owners afterwards.
    func resolveAll() {
        // `resolve` touches only the stack it is given (see above), so sharing the resolver is safe.
        let shared = UncheckedBox(self)
        let results = assemblies.map(UncheckedBox.init).parallelMap { box -> UncheckedBox<StackResolution> in
            UncheckedBox(shared.value.resolve(box.value))
        }.map(\.value)
        for (assembly, result) in zip(assemblies, results) {
            diagnostics.append(contentsOf: result.diagnostics)
            references[assembly.stackName] = result.references
            if !result.dependencies.isEmpty { stackDependencies[assembly.stackName, default: []].formUnion(result.dependencies) }
            for export in result.exports { addExport(export) }
        }
    }

    private func resolve(_ assembly: StackAssembly) -> StackResolution {
        let result = StackResolution()
        // In logical-ID order, so diagnostics and exports come out the same every time. Resources are
        // changed in place through `values`: copying a resource out and back in copied its property
        // dictionary too, for every resource that holds a reference.
        // (`keys[i]` and `values[i]` read one part of an entry; `resources[i]` would copy the whole entry.)
        var order = assembly.resources.indices.map { (id: assembly.resources.keys[$0], index: $0) }
        order.sort { $0.id < $1.id }
        for (logicalID, index) in order {
            // The construct path (a metadata lookup) only when a relative token or a diagnostic needs it.
            var knownPath: String?
            func path() -> String {
                if let knownPath { return knownPath }
                let found = assembly.resources.values[index].constructPath ?? assembly.stackName
                knownPath = found
                return found
            }
            var referenced = assembly.resources.values[index].dependsOn
            var changes: [(Int, TemplateValue)] = []
            do {  // the read-only copy ends here, so the changes below modify the stored properties in place
                let properties = assembly.resources.values[index].properties
                for (property, entry) in properties.entries.enumerated() {
                    let new = entry.value.resolvedTokens({ resolveToken($0, in: assembly, at: path, into: result) },
                                                         references: { referenced.append($0) })
                    if let new { changes.append((property, new)) }
                }
            }
            for (property, new) in changes { assembly.resources.values[index].properties.setValue(new, at: property) }
            result.references.append(ResourceReferences(logicalID: logicalID, references: referenced))
        }
        for name in assembly.outputs.keys.sorted() {
            guard var output = assembly.outputs[name], output.value.containsToken else { continue }
            let path = assembly.stackName + "/" + name
            output.value = output.value.resolvedTokens { self.resolveToken($0, in: assembly, at: { path }, into: result) } ?? output.value
            assembly.outputs[name] = output
        }
        return result
    }

    /// `path`: the construct path of the resource holding the token (computed on first use).
    private func resolveToken(_ token: Token, in assembly: StackAssembly, at path: () -> String,
                              into result: StackResolution) -> TemplateValue {
        // Only declared constructs count: a function's own `Role` child must not capture a reference
        // to a top-level construct named `Role`.
        func local(_ target: String) -> TemplateValue? {
            guard assembly.constructPaths.contains(target) else { return nil }
            let scoped = Token(target: target, resource: token.resource, attribute: token.attribute, isAbsolute: true)
            if let known = assembly.knownValues[scoped] { return known }
            return assembly.logicalIDs[Self.relativePath(scoped)].map { Self.local($0, token.attribute) }
        }
        if token.isAbsolute {
            if let found = local(token.target) { return found }
        } else {
            // Lexical lookup: a construct nested in another refers to its siblings by id, so try the
            // holder's ancestors from the innermost outwards before the stack's top level.
            for target in Self.candidates(for: token.target, from: Self.relativeToStack(path(), assembly.stackName)) {
                if let found = local(target) { return found }
            }
        }
        let relative = Self.relativePath(token)
        let owners = assemblies.filter { $0 !== assembly && $0.logicalIDs[relative] != nil }
        guard owners.count == 1, let owner = owners.first, let logicalID = owner.logicalIDs[relative] else {
            if owners.isEmpty {
                if !assembly.declarations.isReportedUndeclared(token.target, from: path()) {
                    result.diagnostics.error(path(), .danglingReference,
                                      "refers to '\(token.display)', which is not a construct of any stack",
                                      hint: "declare '\(token.target)' in a stack (a stored property or a line in its body), or refer to a construct that is in one")
                }
            } else {
                let names = owners.map { $0.stackName + "/" + relative }.sorted().joined(separator: " and ")
                result.diagnostics.error(path(), .ambiguousReference,
                                  "refers to '\(token.display)', which exists in several stacks: \(names)",
                                  hint: "give the constructs distinct ids so the reference names one of them")
            }
            return .null
        }
        var absolute = token
        absolute.isAbsolute = true
        if let known = owner.knownValues[absolute], !known.containsToken { return known }
        result.dependencies.insert(owner.stackName)
        result.exports.append(Export(owner: owner, logicalID: logicalID, attribute: token.attribute))
        return .importValue(.string(Self.exportName(logicalID, token.attribute, owner: settings.physicalStackName(owner.stackName))))
    }

    static func relativePath(_ token: Token) -> String {
        token.resource.isEmpty ? token.target : PathJoin.join(token.target, token.resource)
    }

    /// `target` under each ancestor of `holder`, innermost first, ending with `target` itself.
    /// On raw UTF-8 bytes with integer offsets: paths split at ASCII `/`, and walking `String` indices
    /// made this a large part of resolving references.
    static func candidates(for target: String, from holder: String) -> [String] {
        var out: [String] = []
        var holder = holder, target = target
        holder.withUTF8 { bytes in
            target.withUTF8 { tail in
                var end = bytes.count
                while end > 0 {
                    out.append(PathJoin.join(UnsafeBufferPointer(rebasing: bytes[..<end]), tail))
                    guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) else { break }
                    end = slash
                }
            }
        }
        out.append(target)
        return out
    }

    /// `path` without its leading `stack/`, or "" when it is not inside the stack.
    static func relativeToStack(_ path: String, _ stack: String) -> String {
        var path = path, stack = stack
        return path.withUTF8 { bytes in
            stack.withUTF8 { name in
                guard bytes.count > name.count, bytes[name.count] == UInt8(ascii: "/"),
                      bytes[..<name.count].elementsEqual(name) else { return "" }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(name.count + 1)...]), as: UTF8.self)
            }
        }
    }

    static func local(_ logicalID: String, _ attribute: Token.Attribute) -> TemplateValue {
        switch attribute {
        case .ref: return .ref(logicalID)
        case .getAtt(let name): return .getAtt(logicalID, name)
        }
    }

    static func attributeName(_ attribute: Token.Attribute) -> String {
        switch attribute {
        case .ref: return "Ref"
        case .getAtt(let name): return String(name.filter { $0 != "." })
        }
    }

    static func exportName(_ logicalID: String, _ attribute: Token.Attribute, owner physicalStack: String) -> String {
        "\(physicalStack):\(logicalID):\(attributeName(attribute))"
    }

    /// Adds (once) the output exporting a value another stack imports.
    private func addExport(_ export: Export) {
        let outputName = "Export\(export.logicalID)\(Self.attributeName(export.attribute))"
        guard export.owner.outputs[outputName] == nil else { return }
        let name = Self.exportName(export.logicalID, export.attribute, owner: settings.physicalStackName(export.owner.stackName))
        export.owner.outputs[outputName] = Output(
            value: Self.local(export.logicalID, export.attribute),
            description: "Exported for other stacks by stackctl", exportName: .string(name))
    }
}

/// Orders stacks so that every stack follows those it imports from; reports cycles.
enum StackOrder {
    static func sort(_ names: [String], dependencies: [String: Set<String>], into diagnostics: inout Diagnostics) -> [String] {
        var order: [String] = []
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var reported = false

        func visit(_ name: String, _ trail: [String]) {
            if state[name] == 2 { return }
            if state[name] == 1 {
                if !reported {
                    let cycle = trail.drop(while: { $0 != name }) + [name]
                    diagnostics.error(name, .stackDependencyCycle,
                                      "stacks import from each other in a cycle: \(cycle.joined(separator: " → "))",
                                      hint: "move the shared constructs into a stack of their own that both import from")
                    reported = true
                }
                return
            }
            state[name] = 1
            for dep in (dependencies[name] ?? []).sorted() { visit(dep, trail + [name]) }
            state[name] = 2
            order.append(name)
        }
        for name in names { visit(name, []) }
        return order
    }
}
