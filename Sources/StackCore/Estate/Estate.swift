/// An estate: every stack a team keeps, for one environment at a time. `stacks/Estate.swift`
/// declares one; the `stackctl` entry point hands it to the CLI.
///
/// The CLI reads the environment file (StackEnvironment) and hands the estate what constructs see
/// (``StackSettings``) and the estate's own typed `config:` section; StackCore knows no file format.
public protocol Estate: Sendable {
    /// The estate's own settings, decoded strictly from the `config:` section of each environment file.
    associatedtype Config: Decodable & Sendable
    /// The environment used when `--env` is not given.
    static var defaultEnvironment: String { get }
    static func stacks(settings: StackSettings, config: Config) -> [any StackDefinition]
}

extension Estate {
    public static var defaultEnvironment: String { "dev" }
}
