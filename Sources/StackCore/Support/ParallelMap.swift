import Dispatch

extension Array where Element: Sendable {
    /// `map` over the machine's cores, results in order. For independent, CPU-bound work per stack
    /// (building, checking, rendering): each index is written by exactly one worker.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) throws -> Result) rethrows -> [Result] {
        guard count > 1 else { return try map(transform) }
        var results = [Swift.Result<Result, Error>?](repeating: nil, count: count)
        let items = self
        results.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedBox(slots)
            DispatchQueue.concurrentPerform(iterations: items.count) { i in
                slots.value[i] = Swift.Result { try transform(items[i]) }
            }
        }
        return try results.map { try $0!.get() }
    }
}

/// Hands a value to concurrent workers that are known not to race on it (distinct slots, or objects
/// each owned by one worker).
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
