import StackTemplate

/// A stack made from a list of constructs, for tests, benchmarks and generated estates.
public struct AdHocStack: StackDefinition {
    public let name: String
    /// A `StackBody`, which declares nothing as a stored property: the constructs are `body`'s.
    private let contents: StackBody

    public init(_ name: String, _ constructs: [any Construct]) {
        self.name = name
        self.contents = StackBody(constructs)
    }

    public init(_ name: String, @StackBuilder body: () -> StackBody) {
        self.init(name, body().constructs)
    }

    public var constructs: [any Construct] { contents.constructs }
    public var body: StackBody { contents }
}

extension Synthesizer {
    /// Synthesizes one stack and returns its template (throws the diagnostics on error).
    public func template(_ name: String = "Test", @StackBuilder _ body: () -> StackBody) throws(SynthesisFailed) -> Template {
        let result = try synthesize([AdHocStack(name, body().constructs)])
        return result.stacks[0].template
    }
}

extension StackSettings {
    /// Settings for tests: a fixed account and region, nothing retained.
    public static let testing = StackSettings(
        environment: "test", account: "123456789012", region: "us-east-2", namePrefix: "test")
}
