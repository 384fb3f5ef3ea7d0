import StackTemplate

/// Function code referenced by a template: a content hash of the product's inputs. Synthesis never
/// compiles; the hash changes only when the inputs do, so unchanged code never changes the template.
public struct Asset: Hashable, Sendable, Codable {
    /// Product name (`market-processing`): an executable target in `functions/`.
    public var product: String
    /// SHA-256 (hex) of the inputs: the files under `sources`, and what the resolver adds (StackAssets'
    /// `SourceAssets` adds the linked packages' versions and the targets' declarations).
    public var hash: String
    /// Input folders, relative to the repository root.
    public var sources: [String]

    public init(product: String, hash: String, sources: [String]) {
        self.product = product
        self.hash = hash
        self.sources = sources
    }

    /// The object key in the staging bucket.
    public var s3Key: String { "\(hash).zip" }

    /// The staging bucket stackctl's bootstrap stack creates in each account and region.
    public static let stagingBucket: TemplateValue = .sub("stackctl-assets-${AWS::AccountId}-${AWS::Region}", [:])

    public static func stagingBucketName(account: String, region: String) -> String {
        "stackctl-assets-\(account)-\(region)"
    }
}

public struct AssetProblem: Error, Sendable {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Finds the asset for a function product.
public protocol AssetResolver: Sendable {
    func asset(forProduct product: String) -> Result<Asset, AssetProblem>
}
