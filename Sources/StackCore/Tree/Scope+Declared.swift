extension Scope {
    /// The declared construct that `copy` stands for. A construct handed to another (a trigger's queue,
    /// a subscription's topic, a failure destination) is a copy of a value; the stack's declaration of
    /// that id is the truth, so checks read what this returns.
    ///
    /// Looked up as a reference to `copy` would be resolved (see `DeclarationTable`). A copy whose
    /// settings differ from the declared construct's is a `construct-mismatch` naming both paths and the
    /// settings; the declared one is returned. A construct declared nowhere is an `undeclared-construct`
    /// naming what to declare (its references then report nothing more), and the copy is returned.
    public func declared<C: Construct>(_ copy: C, property: String? = nil) -> C {
        switch assembly.declarations.lookUp(copy.id, from: path, in: stackName) {
        case .found(let declaration, let stack, let path):
            if let same = declaration.construct as? C {
                if same != copy { reportMismatch(copy, declared: same, site: declaration.site, at: stack + "/" + path, property: property) }
                return same
            }
            let declaredType = SettingDifferences.withArticle(SettingDifferences.typeName(declaration.construct))
            error(.constructMismatch, "\(stack)/\(path) is \(declaredType), not the \(Self.typeName(C.self)) handed here",
                  hint: "give the \(Self.typeName(C.self)) its own id, or pass \(declaredType) where one is expected", property: property)
            return copy
        case .ambiguous:
            return copy
        case .notFound:
            assembly.declarations.notFound(copy.id, from: path, reporter: fullPath, property: property, type: Self.typeName(C.self))
            return copy
        }
    }

    private func reportMismatch<C: Construct>(_ copy: C, declared: C, site: DeclarationSite, at declaredPath: String, property: String?) {
        let type = Self.typeName(C.self)
        let differences = SettingDifferences.between(copy, declared, first: "here", second: "at \(declaredPath)")
        error(.constructMismatch, "the \(type) handed here differs from the one declared at \(declaredPath): \(differences)",
              hint: "pass the construct declared by \(site.phrase(at: declaredPath)) instead of a new \(type)(\"\(copy.id)\", ...)",
              property: property)
    }

    private static func typeName(_ type: Any.Type) -> String { _typeName(type, qualified: false) }
}
