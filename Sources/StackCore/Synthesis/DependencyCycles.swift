import StackTemplate

/// CloudFormation refuses templates whose resources depend on each other in a circle (through `Ref`,
/// `Fn::GetAtt`, `Fn::Sub` or `DependsOn`). Finding it at synthesis names the construct paths.
enum DependencyCycles {
    /// `references`: every resource in logical-ID order with the IDs it refers to or depends on, as the
    /// reference resolver recorded them in its walk (so the values are not walked again here).
    static func check(_ template: Template, references: [ResourceReferences], into diagnostics: inout Diagnostics) {
        // Integers, not strings, in the graph: this runs over every resource of every stack.
        let ids = references.map(\.logicalID)
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        var graph: [[Int]] = Array(repeating: [], count: ids.count)
        for (i, resource) in references.enumerated() {
            var edges = resource.references.compactMap { index[$0] }.filter { $0 != i }
            edges.sort()
            graph[i] = edges
        }

        var state = [UInt8](repeating: 0, count: ids.count)  // 1 on the path, 2 finished
        for start in ids.indices where state[start] == 0 {
            // Iterative DFS: templates can hold hundreds of resources in long chains.
            var frames: [(node: Int, next: Int)] = [(start, 0)]
            var onPath: [Int] = [start]
            state[start] = 1
            while let frame = frames.last {
                let neighbours = graph[frame.node]
                if frame.next < neighbours.count {
                    frames[frames.count - 1].next += 1
                    let n = neighbours[frame.next]
                    if state[n] == 1 {
                        let cycle = Array(onPath.drop(while: { $0 != n })) + [n]
                        let paths = cycle.map { template.resources[ids[$0]]?.constructPath ?? ids[$0] }
                        diagnostics.error(paths[0], .dependencyCycle,
                                          "resources depend on each other in a cycle: \(paths.joined(separator: " → "))",
                                          hint: "break the cycle: refer to a physical name instead of Ref/GetAtt, or drop a DependsOn")
                        return
                    }
                    if state[n] == 0 {
                        state[n] = 1
                        frames.append((n, 0))
                        onPath.append(n)
                    }
                } else {
                    state[frame.node] = 2
                    frames.removeLast()
                    onPath.removeLast()
                }
            }
        }
    }
}

/// One resource's outgoing edges in the dependency graph.
struct ResourceReferences {
    var logicalID: String
    /// Logical IDs from `Ref`, `Fn::GetAtt`, `Fn::Sub` and `DependsOn`; repeats and unknown IDs included.
    var references: [String]
}
