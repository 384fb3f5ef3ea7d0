/// The top-level constructs a stack declares: its stored constructs (declaration order; see
/// `StoredConstructs`), then `body`'s. A computed property that builds a construct is not a declaration
/// (its value could differ on each read).
///
/// A construct both stored and listed in `body` (or stored twice, say as an alias) is one declaration when
/// the values are equal; different values under one id are a `duplicate-id` naming both sites and the
/// settings that differ. Two `body` lines with one id stay the `duplicate-id` the tree reports.
enum StackDeclarations {
    static func collect(_ definition: any StackDefinition, stack: String, into diagnostics: inout Diagnostics) -> [Declaration] {
        var declarations: [Declaration] = []
        var storedIndex: [String: Int] = [:]  // id → index of its stored declaration

        func merge(_ construct: any Construct, _ site: DeclarationSite) -> Bool {
            guard let index = storedIndex[construct.id] else { return false }
            let first = declarations[index], path = PathJoin.join(stack, construct.id)
            if !first.construct.isSame(as: construct) {
                let differences = SettingDifferences.between(first.construct, construct, first: "in \(first.site.phrase(at: path))",
                                                             second: "in \(site.phrase(at: path))")
                diagnostics.error(path, .duplicateID,
                                  "\(first.site.phrase(at: path)) and \(site.phrase(at: path)) declare '\(construct.id)' differently: \(differences)",
                                  hint: "declare the construct once, as a stored property, and refer to that property")
            }
            return true
        }

        // An AdHocStack's constructs are all in `body` (generated estates have thousands of them).
        let stored = definition is AdHocStack ? [] : StoredConstructs.of(definition)
        for (construct, label) in stored where !merge(construct, .property(label)) {
            storedIndex[construct.id] = declarations.count
            declarations.append(Declaration(construct: construct, site: .property(label)))
        }
        for construct in definition.body.constructs where !merge(construct, .body) {
            declarations.append(Declaration(construct: construct, site: .body))
        }
        return declarations
    }
}
