import Foundation

/// Runs an operation over stacks in dependency order, independent ones concurrently (at most
/// `concurrency` at a time). After a failure nothing new starts; what is running finishes.
/// `reversed` walks the other way (destroy: dependents first).
public struct StackScheduler: Sendable {
    public struct Item: Sendable {
        public var name: String
        public var dependencies: [String]
        public init(name: String, dependencies: [String]) { self.name = name; self.dependencies = dependencies }
    }

    public var items: [Item]
    public var concurrency: Int
    public var reversed: Bool

    public init(items: [Item], concurrency: Int, reversed: Bool = false) {
        self.items = items
        self.concurrency = max(1, concurrency)
        self.reversed = reversed
    }

    /// What must be done before `name` (only among the scheduled items).
    func prerequisites(_ name: String) -> Set<String> {
        let names = Set(items.map(\.name))
        if reversed { return Set(items.filter { $0.dependencies.contains(name) }.map(\.name)) }
        return Set(items.first { $0.name == name }?.dependencies ?? []).intersection(names)
    }

    /// Results and failures in completion order, and the names that never started.
    public func run<R: Sendable>(_ operation: @escaping @Sendable (String) async throws -> R) async -> (results: [(String, R)], failures: [(String, any Error)], skipped: [String]) {
        var pending = reversed ? items.map(\.name).reversed() : items.map(\.name)
        var done: Set<String> = []
        var results: [(String, R)] = []
        var failures: [(String, any Error)] = []
        await withTaskGroup(of: (String, Result<R, any Error>).self) { group in
            var running = 0
            func startReady() {
                while running < concurrency, failures.isEmpty,
                      let index = pending.firstIndex(where: { prerequisites($0).isSubset(of: done) }) {
                    let name = pending.remove(at: index)
                    running += 1
                    group.addTask {
                        do { return (name, .success(try await operation(name))) } catch { return (name, .failure(error)) }
                    }
                }
            }
            startReady()
            while let (name, result) = await group.next() {
                running -= 1
                switch result {
                case .success(let value): results.append((name, value)); done.insert(name)
                case .failure(let error): failures.append((name, error))
                }
                startReady()
            }
        }
        return (results, failures, pending)
    }
}
