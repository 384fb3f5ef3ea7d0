import StackTemplate
import XCTest

/// Every Ref/GetAtt/DependsOn edge of a template, walked independently of the synthesizer's own check.
struct DependencyGraph {
    let edges: [String: Set<String>]

    init(_ template: Template) {
        var edges: [String: Set<String>] = [:]
        for (id, resource) in template.resources {
            var deps = Set(resource.dependsOn)
            for value in resource.properties.values { References.collect(value, into: &deps) }
            deps.remove(id)
            edges[id] = deps
        }
        self.edges = edges
    }

    /// Whether `from` depends, directly or not, on `target`.
    func reaches(_ from: String, _ target: String) -> Bool {
        var seen: Set<String> = []
        return reaches(from, target, &seen)
    }

    private func reaches(_ from: String, _ target: String, _ seen: inout Set<String>) -> Bool {
        for next in edges[from] ?? [] {
            if next == target { return true }
            if seen.insert(next).inserted, reaches(next, target, &seen) { return true }
        }
        return false
    }

    func assertNoCycle(file: StaticString = #filePath, line: UInt = #line) {
        for id in edges.keys.sorted() {
            XCTAssertFalse(reaches(id, id), "\(id) depends on itself", file: file, line: line)
        }
    }
}
