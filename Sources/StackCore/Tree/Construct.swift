import StackTemplate

/// A piece of a stack. Constructs are values: their identity is their path in the tree, and they
/// add their resources when the synthesizer hands them a scope. Nothing registers itself on init.
///
/// Equatable because a construct handed to another (a trigger's queue, a subscription's topic) is a copy:
/// the synthesizer compares it with the one the stack declares, and the declared one is the truth.
/// Encodable only so that a stack's stored constructs can be found without reflection: the default
/// `encode(to:)` declares the construct to `StoredConstructs` and encodes nothing.
public protocol Construct: Sendable, Equatable, Encodable {
    /// The construct's name within its parent; becomes a path segment and part of logical IDs.
    var id: String { get }
    /// Adds this construct's resources, outputs and diagnostics to the stack being built.
    func synthesize(in scope: Scope)
}

/// A stack. Estates describe their stacks as `StackDefinition`s, and a stack declares each construct once:
/// either as a stored property (a construct, or an optional, array or struct holding constructs; other
/// constructs refer to it by that property) or as a line of `body` (constructs nothing else refers to,
/// such as functions). The synthesizer takes the stored ones in declaration order, then `body`'s.
///
/// Encodable so that the compiler lists the stored properties (see `StoredConstructs`): every stored
/// property's type must be Encodable (constructs, `StackSettings`, `Duration`, strings, numbers and
/// `Codable` config types are).
public protocol StackDefinition: Sendable, Encodable {
    /// The stack's name in the estate (default: the type name), e.g. `MarketStream`.
    var name: String { get }
    var description: String { get }
    /// The constructs that are not stored properties (default: none).
    @StackBuilder var body: StackBody { get }
}

extension StackDefinition {
    public var body: StackBody { StackBody([]) }

    // `_typeName`, not `String(describing:)`: the latter asks the runtime for several protocol
    // conformances first, each a scan of every conformance record in the binary (visible at start-up).
    public var name: String { _typeName(type(of: self), qualified: false) }
    public var description: String { "\(name) (managed by stackctl)" }
}

extension Construct {
    public func encode(to encoder: any Encoder) throws { StoredConstructs.visit(self, with: encoder) }

    /// Whether `other` is the same construct: same type, equal settings.
    public func isSame(as other: any Construct) -> Bool { (other as? Self) == self }
}

/// The constructs of a stack, as built by `@StackBuilder`.
public struct StackBody: Sendable, Encodable {
    public var constructs: [any Construct]
    public init(_ constructs: [any Construct]) { self.constructs = constructs }

    /// Encodes nothing: a body's constructs are declared by `body`, not as stored properties.
    public func encode(to encoder: any Encoder) throws {}
}

/// Collects a stack's constructs; supports `if`, `if/else`, optionals and `for` loops.
@resultBuilder
public enum StackBuilder {
    public static func buildExpression(_ construct: any Construct) -> [any Construct] { [construct] }
    public static func buildExpression(_ constructs: [any Construct]) -> [any Construct] { constructs }
    public static func buildExpression(_ body: StackBody) -> [any Construct] { body.constructs }
    public static func buildBlock(_ parts: [any Construct]...) -> [any Construct] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any Construct]?) -> [any Construct] { part ?? [] }
    public static func buildEither(first: [any Construct]) -> [any Construct] { first }
    public static func buildEither(second: [any Construct]) -> [any Construct] { second }
    public static func buildArray(_ parts: [[any Construct]]) -> [any Construct] { parts.flatMap { $0 } }
    public static func buildFinalResult(_ parts: [any Construct]) -> StackBody { StackBody(parts) }
}

/// A construct whose references point at its primary resource: `Ref` and `Fn::GetAtt` tokens.
public protocol Referenceable: Construct {}

extension Referenceable {
    /// `Ref` of the construct's primary resource (or of a named child resource).
    public func ref(_ resource: String = "") -> TemplateValue {
        .token(Token(target: id, resource: resource, attribute: .ref))
    }

    /// `Fn::GetAtt` of the construct's primary resource (or of a named child resource).
    public func attribute(_ name: String, of resource: String = "") -> TemplateValue {
        .token(Token(target: id, resource: resource, attribute: .getAtt(name)))
    }
}
