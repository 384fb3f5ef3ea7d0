import Foundation
import StackAssets
import StackCore
import StackDiff
import StackctlCLI
import StackTemplate

/// `stackctl-bench diff`: what `stackctl diff` spends on the comparison itself. The base side is JSON
/// text (as a --base-dir or --base folder holds), parsed and diffed per stack on all cores; the current
/// side is the synthesized model, as in the CLI. Synthesis of the current side is timed by `phases`.
enum DiffBench {
    struct Estate {
        var stacks: [(name: String, template: Template)]
        var texts: [String: String]
        var resources: Int
    }

    static func synthesize(units: Int, stacks: Int, prefix: String = "bench", changedEvery: Int = 0) throws -> Estate {
        let settings = StackSettings(environment: "bench", account: "123456789012", region: "us-east-2", namePrefix: prefix)
        let result = try Synthesizer(settings: settings, assets: StaticAssets([benchAsset]), checkLimits: false)
            .synthesize(generated(units: units, stacks: stacks, changedEvery: changedEvery))
        var texts: [String: String] = [:]
        for stack in result.stacks { texts[stack.name] = try JSONRenderer.render(stack.template, pretty: true) }
        return Estate(stacks: result.stacks.map { ($0.name, $0.template) }, texts: texts,
                      resources: result.stacks.reduce(0) { $0 + $1.template.resources.count })
    }

    /// Parse the base texts and diff every stack; returns (parse seconds, diff seconds, changed resources).
    static func measure(base: Estate, current: Estate) throws -> (Double, Double, Int) {
        let clock = ContinuousClock()
        let t0 = clock.now
        let names = current.stacks.map(\.name)
        let texts = base.texts
        let parsed = try names.parallelMap { try TemplateParser.parse(texts[$0]!) }
        let t1 = clock.now
        let pairs = Array(zip(current.stacks, parsed))
        let diffs = pairs.parallelMap { stack, old in TemplateDiffer.diff(stack: stack.name, old: old, new: stack.template) }
        let t2 = clock.now
        ProcessEnd.keepUntilExit(parsed)
        ProcessEnd.keepUntilExit(diffs)
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return (seconds(t1 - t0), seconds(t2 - t1), diffs.reduce(0) { $0 + $1.resources.count })
    }

    static func run(rounds: Int) throws {
        print("case                                           resources  changed   parse ms    diff ms   (median of \(rounds))")
        let cases: [(String, Int, Int)] = [("500 resources, 1 stack", 63, 1), ("10,000 resources, 20 stacks", 1250, 20)]
        for (label, units, stacks) in cases {
            let base = try synthesize(units: units, stacks: stacks)
            let variants: [(String, Estate)] = [
                ("unchanged", base),
                ("1 unit in 10 updated", try synthesize(units: units, stacks: stacks, changedEvery: 10)),
                ("every name changed", try synthesize(units: units, stacks: stacks, prefix: "other")),
            ]
            for (variant, current) in variants {
                var parse: [Double] = [], diff: [Double] = []
                var changed = 0
                for _ in 0..<rounds {
                    let (p, d, c) = try measure(base: base, current: current)
                    parse.append(p); diff.append(d); changed = c
                }
                let median = { (xs: [Double]) in xs.sorted()[xs.count / 2] * 1000 }
                print("\(label), \(variant)".padding(toLength: 46, withPad: " ", startingAt: 0)
                      + String(format: "%10d %8d %10.2f %10.2f", base.resources, changed, median(parse), median(diff)))
            }
        }
    }
}
