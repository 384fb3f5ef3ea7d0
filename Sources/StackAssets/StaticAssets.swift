import StackCore

/// Fixed assets, for tests and benchmarks: synthesis with known hashes and no file system.
public struct StaticAssets: AssetResolver {
    public var assets: [String: Asset]
    public init(_ assets: [Asset]) { self.assets = Dictionary(assets.map { ($0.product, $0) }, uniquingKeysWith: { a, _ in a }) }

    public func asset(forProduct product: String) -> Result<Asset, AssetProblem> {
        if let a = assets[product] { return .success(a) }
        return .failure(AssetProblem("no function product named '\(product)'",
                                     hint: "known products: \(assets.keys.sorted().joined(separator: ", "))"))
    }
}
