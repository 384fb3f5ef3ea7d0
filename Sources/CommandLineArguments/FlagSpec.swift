/// An option without a value (`--quiet`): present or not.
public struct FlagSpec: Sendable, Equatable {
    /// The long name without dashes (`allow-glibc-mismatch`).
    public var name: String
    public var help: String

    public init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }

    /// `--name`, as users type it.
    public var flag: String { "--" + name }
}
