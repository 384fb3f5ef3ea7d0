import ResourceCatalogue

/// The AWS CLI command that removes a resource a stack left behind (from the resource catalogue).
enum CleanupCommand {
    static func command(type: String, physicalId: String?, region: String) -> String {
        guard let id = physicalId, !id.isEmpty else { return "(no physical ID recorded; look for it in the console)" }
        if let command = ResourceCatalogue.entry(type)?.cleanupCommand(physicalID: id, region: region) { return command }
        return "(\(type) \(id): delete it in the console or with the service's CLI)"
    }
}
