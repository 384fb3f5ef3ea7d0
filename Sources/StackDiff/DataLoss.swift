import ResourceCatalogue
import StackTemplate

/// Data-loss risk: a stateful resource whose physical resource goes away — replaced without
/// `UpdateReplacePolicy` retention, or removed without `DeletionPolicy` retention — or that loses the
/// retention that would have kept it (an environment switching `retainData` off).
enum DataLoss {
    /// Types that hold data a replacement or deletion destroys (the catalogue's `holdsData`).
    static func holdsData(_ type: String) -> Bool { ResourceCatalogue.holdsData(type) }

    static func keeps(_ policy: DeletionPolicy?) -> Bool {
        switch policy {
        case .retain?, .snapshot?, .retainExceptOnCreate?: return true
        case .delete?, nil: return false
        }
    }

    /// The risk for a resource with this impact, old and new definitions (either may be absent).
    static func risk(impact: Impact, old: Resource?, new: Resource?) -> Risk? {
        switch impact {
        case .replace:
            guard let old, holdsData(old.type) else { return nil }
            // The policy CloudFormation applies to the old resource is the one in the new template.
            guard !keeps(new?.updateReplacePolicy) else { return nil }
            return Risk(kind: .dataLoss, message: "\(old.type) is replaced and the old one deleted with its data (no UpdateReplacePolicy: Retain)")
        case .mayReplace:
            guard let old, holdsData(old.type), !keeps(new?.updateReplacePolicy) else { return nil }
            return Risk(kind: .dataLoss, message: "\(old.type) may be replaced, and the old one would be deleted with its data (no UpdateReplacePolicy: Retain)")
        case .remove:
            // Snapshot: the resource goes, a snapshot of its data stays.
            guard let old, holdsData(old.type), !keeps(old.deletionPolicy) else { return nil }
            return Risk(kind: .dataLoss, message: "\(old.type) is deleted with its data (no DeletionPolicy: Retain)")
        case .update:
            // Nothing is lost yet, but the next deletion or replacement would take the data with it.
            guard let old, let new, holdsData(old.type) else { return nil }
            if keeps(old.deletionPolicy) && !keeps(new.deletionPolicy) {
                return Risk(kind: .dataLoss, message: "\(old.type) loses its DeletionPolicy retention: deleting it later destroys its data")
            }
            if keeps(old.updateReplacePolicy) && !keeps(new.updateReplacePolicy) {
                return Risk(kind: .dataLoss, message: "\(old.type) loses its UpdateReplacePolicy retention: replacing it later destroys its data")
            }
            return nil
        default:
            return nil
        }
    }
}
