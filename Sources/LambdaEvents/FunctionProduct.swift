/// A function product (an executable in `functions/`) and the event type its handler takes.
///
/// Declared once, in `Contracts`, and used on both sides so the compiler checks the wiring: the
/// function's `main.swift` runs a handler whose `Event` must be `Event`
/// (`runtime.run(MarketStreamFunctions.processing) { ... }`), and a stack wiring the product can only
/// add triggers that deliver `Event` (`Function("Processing", product: MarketStreamFunctions.processing)
/// { Trigger.kinesis(ticks) }`; an SQS trigger there does not compile).
public struct FunctionProduct<Event: Decodable>: Sendable, Hashable {
    /// The executable target's name: the folder in `functions/`.
    public let name: String

    public init(_ name: String, handles event: Event.Type) {
        self.name = name
    }
}
