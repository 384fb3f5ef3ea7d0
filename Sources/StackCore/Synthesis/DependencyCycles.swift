import StackTemplate

/// CloudFormation refuses templates whose resources depend on each other in a circle (through `Ref`,
/// `Fn::GetAtt`, `Fn::Sub` or `DependsOn`). Finding it at synthesis names the construct paths.
enum DependencyCycles {
    static func check(_ template: Template, stack: String, into diagnostics: inout Diagnostics) {
        // Integers, not strings, in the graph: this runs over every resource of every stack.
        let ids = template.resources.keys.sorted()
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        var graph: [[Int]] = Array(repeating: [], count: ids.count)
        var names = Set<String>()
        for (i, id) in ids.enumerated() {
            let resource = template.resources[id]!
            names.removeAll(keepingCapacity: true)
            names.formUnion(resource.dependsOn)
            for value in resource.properties.values { References.collect(value, into: &names) }
            var edges = names.compactMap { index[$0] }.filter { $0 != i }
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
                        diagnostics.error(paths[0], "dependency-cycle",
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

/// Logical IDs a value refers to (`Ref`, `Fn::GetAtt`, `${X}` in `Fn::Sub`), pseudo parameters excluded.
public enum References {
    public static func collect(_ value: TemplateValue, into out: inout Set<String>) {
        switch value {
        case .ref(let id): if !id.hasPrefix("AWS::") { out.insert(id) }
        case .getAtt(let id, _): out.insert(id)
        case .sub(let format, let vars):
            for name in subVariables(format) where vars[name] == nil {
                let id = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
                if !id.hasPrefix("AWS::") { out.insert(id) }
            }
            for v in vars.values { collect(v, into: &out) }
        case .string, .int, .double, .bool, .null, .condition, .token: return
        case .list(let items), .and(let items), .or(let items), .join(_, let items):
            for item in items { collect(item, into: &out) }
        case .map(let fields): for v in fields.values { collect(v, into: &out) }
        case .select(_, let v), .split(_, let v), .not(let v), .importValue(let v), .base64(let v), .getAZs(let v):
            collect(v, into: &out)
        case .if(_, let a, let b), .equals(let a, let b):
            collect(a, into: &out); collect(b, into: &out)
        case .findInMap(let a, let b, let c), .cidr(let a, let b, let c):
            collect(a, into: &out); collect(b, into: &out); collect(c, into: &out)
        }
    }

    /// Names inside `${...}` in a `Fn::Sub` format string; `${!Literal}` is an escape, not a variable.
    public static func subVariables(_ format: String) -> [String] {
        var names: [String] = []
        let chars = Array(format.utf8)
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == UInt8(ascii: "$"), chars[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            var j = i + 2
            while j < chars.count, chars[j] != UInt8(ascii: "}") { j += 1 }
            guard j < chars.count else { break }
            let name = String(decoding: chars[(i + 2)..<j], as: UTF8.self)
            if !name.hasPrefix("!") { names.append(name) }
            i = j + 1
        }
        return names
    }
}
