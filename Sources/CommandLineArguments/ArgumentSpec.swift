/// A positional argument: `stackctl build tick-processor` — matched by position, not by name.
///
/// Positionals are filled in the order they are declared; a repeatable one takes all that are left, so
/// only the last may be repeatable.
public struct ArgumentSpec: Sendable, Equatable {
    /// Shown as `<name>` in usage and help, and the key the parsed value is read with.
    public var name: String
    public var help: String
    /// Takes every remaining positional (`<stacks> ...`).
    public var repeatable: Bool
    /// Absent is fine; otherwise missing is a usage error (for a repeatable one: none given).
    public var optional: Bool

    public init(_ name: String, help: String, repeatable: Bool = false, optional: Bool = false) {
        self.name = name
        self.help = help
        self.repeatable = repeatable
        self.optional = optional
    }

    /// `<name>`, as usage and help show it.
    public var synopsis: String { "<\(name)>" }
}
