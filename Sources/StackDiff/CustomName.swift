import ResourceCatalogue
import StackTemplate

/// CloudFormation cannot replace a resource whose custom physical name stays the same: the new one
/// would need the name the old one still holds, and the update fails ("CloudFormation cannot update a
/// stack when a custom-named resource requires replacing"). A replacement that keeps its name gets a
/// note saying so, before anyone finds out during the deploy.
enum CustomName {
    static func kept(old: NormalizedResource, new: NormalizedResource) -> String? {
        for path in ResourceCatalogue.entry(new.type)?.createOnlyProperties ?? [] where path.count == 1 && path[0].hasSuffix("Name") {
            guard case .string(let name)? = new.properties[path[0]], old.properties[path[0]] == new.properties[path[0]] else { continue }
            return "note: it keeps its custom name (Properties.\(path[0]) = \(name)); CloudFormation cannot replace a custom-named resource, so the update will fail unless the name changes too"
        }
        return nil
    }
}
