import StackCore
import StackTemplate

/// The Lambda functions of a synthesis result, found by product name (`tick-processor`) or construct
/// path (`TickAlerts/Processor`): what `build` and `invoke` accept as a FUNCTION.
struct FunctionCatalog {
    struct Entry {
        /// `STACK/Function`.
        var path: String
        var stack: SynthesizedStack
        var logicalID: String
        var asset: Asset
    }

    let entries: [Entry]
    let environment: String

    init(_ result: SynthesisResult) {
        var entries: [Entry] = []
        for stack in result.stacks {
            for (logicalID, resource) in stack.template.resources where resource.type == "AWS::Lambda::Function" {
                guard let path = resource.constructPath,
                      case .map(let code)? = resource.properties["Code"],
                      case .string(let key)? = code["S3Key"],
                      let asset = stack.assets.first(where: { $0.s3Key == key })
                else { continue }
                entries.append(Entry(path: path, stack: stack, logicalID: logicalID, asset: asset))
            }
        }
        self.entries = entries.sorted { $0.path < $1.path }
        environment = result.settings.environment
    }

    /// The functions a name means: the one at a construct path, or every function built from a product.
    func matches(_ name: String) -> [Entry] {
        if let byPath = entries.first(where: { $0.path == name }) { return [byPath] }
        return entries.filter { $0.asset.product == name }
    }

    /// A usage error for a name that matches nothing, listing what would.
    func unknown(_ name: String) -> CLIError {
        let products = Array(Set(entries.map(\.asset.product))).sorted()
        return CLIError(
            "no function '\(name)' in the \(environment) environment",
            hint: "known products: \(products.joined(separator: ", ")); "
                + "construct paths: \(entries.map(\.path).joined(separator: ", "))",
            status: .usage)
    }
}
