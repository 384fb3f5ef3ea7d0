/// What a function product's asset hash covers, derived from Package.swift's target graph by
/// `scripts/generate-function-inputs.py` (the checked-in table is ``FunctionInputTable/generated``).
public struct FunctionInputTable: Sendable {
    /// SHA-256 (hex) of the Package.swift the table was generated from: a different manifest means
    /// the table may miss an edge, so hashing refuses it rather than hash too little.
    public var manifestDigest: String
    /// By product name (`market-processing`): the executable targets under `functions/`.
    public var products: [String: FunctionInputs]

    public init(manifestDigest: String, products: [String: FunctionInputs]) {
        self.manifestDigest = manifestDigest
        self.products = products
    }
}

/// The inputs of one function product.
public struct FunctionInputs: Sendable, Equatable {
    /// Source folders, relative to the repository root, of the product's target and of every target
    /// it depends on, transitively (Swift, C and system library targets alike); sorted.
    public var folders: [String]
    /// External packages whose products the closure links; sorted by identity.
    public var packages: [LinkedPackage]
    /// SHA-256 of the closure's declarations in Package.swift (settings, excludes, dependency entries,
    /// tools version): building the same folders differently is a different binary.
    public var declarationDigest: String

    public init(folders: [String], packages: [LinkedPackage], declarationDigest: String) {
        self.folders = folders
        self.packages = packages
        self.declarationDigest = declarationDigest
    }
}

/// An external package a function links.
public struct LinkedPackage: Sendable, Equatable {
    /// The package identity, as Package.resolved names it (`swift-crypto`).
    public var identity: String
    /// The products linked from it (`Crypto`).
    public var products: [String]
    /// The requirement Package.swift declares (`3.12.3..<4.0.0`): hashed only when Package.resolved
    /// pins no version for the package (see ``PackagePins``).
    public var declared: String

    public init(identity: String, products: [String], declared: String) {
        self.identity = identity
        self.products = products
        self.declared = declared
    }
}
