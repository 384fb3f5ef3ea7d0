import StackTemplate

/// CloudFormation refuses templates whose resources depend on each other in a circle (through `Ref`,
/// `Fn::GetAtt`, `Fn::Sub` or `DependsOn`). Finding it at synthesis names the construct paths.
enum DependencyCycles {
    static func check(_ template: Template, stack: String, into diagnostics: inout Diagnostics) {
        let graph = edges(of: template)
        var state: [String: UInt8] = [:]  // 1 on the stack, 2 finished
        for start in template.resources.keys.sorted() where state[start] == nil {
            // Iterative DFS: templates can hold hundreds of resources in long chains.
            var stackFrames: [(node: String, next: Int)] = [(start, 0)]
            var onPath: [String] = [start]
            state[start] = 1
            while let frame = stackFrames.last {
                let neighbours = graph[frame.node] ?? []
                if frame.next < neighbours.count {
                    stackFrames[stackFrames.count - 1].next += 1
                    let n = neighbours[frame.next]
                    if state[n] == 1 {
                        let cycle = Array(onPath.drop(while: { $0 != n })) + [n]
                        let paths = cycle.map { template.resources[$0]?.constructPath ?? $0 }
                        diagnostics.error(paths[0], "dependency-cycle",
                                          "resources depend on each other in a cycle: \(paths.joined(separator: " → "))",
                                          hint: "break the cycle: refer to a physical name instead of Ref/GetAtt, or drop a DependsOn")
                        return
                    }
                    if state[n] == nil, template.resources[n] != nil {
                        state[n] = 1
                        stackFrames.append((n, 0))
                        onPath.append(n)
                    }
                } else {
                    state[frame.node] = 2
                    stackFrames.removeLast()
                    onPath.removeLast()
                }
            }
        }
    }

    /// Logical ID → logical IDs it depends on (sorted, for deterministic reports).
    static func edges(of template: Template) -> [String: [String]] {
        var graph: [String: [String]] = [:]
        for (id, resource) in template.resources {
            var deps = Set(resource.dependsOn)
            for value in resource.properties.values { References.collect(value, into: &deps) }
            deps.remove(id)
            graph[id] = deps.sorted()
        }
        return graph
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
