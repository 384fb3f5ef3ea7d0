import Estate
import Foundation
import StackAWS
import StackAssets
import StackCore
import StackctlCLI
import StackTemplate

// Synthesis benchmark. Two modes:
//   stackctl-bench scale N STACKS OUTDIR   one whole synth of N generated units over STACKS stacks,
//                                          written as OUTDIR/Scale<i>.template.json (timed from outside,
//                                          as a user runs it: see scripts/bench.sh)
//   stackctl-bench phases [ROUNDS]         in-process timings of each phase (synthesize; render and write,
//                                          which overlap as in `stackctl synth`)
//                                          for the bundled estate and the generated ones
//   stackctl-bench diff [ROUNDS]           in-process timings of `stackctl diff`'s work (parse the base
//                                          templates, diff every stack) for one 500-resource template
//                                          and a 10,000-resource estate, unchanged and changed
// A unit is bucket + queue + function wired by an SQS trigger. With stackctl's safe defaults that is
// 8 resources (bucket, TLS-only bucket policy, queue, function, role, policy, log group, event source
// mapping); the generated stacks hold more than 500 resources at 2,000 units over 25 stacks, so the
// per-stack limit check is off here, as troposphere's is in its anchor (--over-limit).

struct Unit: Construct {
    let id: String
    var batchSize = 10
    func synthesize(in scope: Scope) {
        // Children refer to each other by id; references resolve inside the unit first.
        let bucket = Bucket("Bucket")
        let queue = Queue("Queue")
        scope.add(bucket)
        scope.add(queue)
        scope.add(Function("Fn", product: "bench") {
            Trigger.sqs(queue, batchSize: batchSize)
            Env(["BUCKET": bucket.name])
            Allow(bucket.write())
        })
    }
}

/// `changedEvery`: every n-th unit gets another batch size (a diff with some updates).
func generated(units: Int, stacks: Int, changedEvery: Int = 0) -> [any StackDefinition] {
    let base = units / stacks, extra = units % stacks
    var next = 0
    return (0..<stacks).map { s in
        let count = base + (s < extra ? 1 : 0)
        defer { next += count }
        return AdHocStack("Scale\(s)", (next..<(next + count)).map {
            Unit(id: "Unit\($0)", batchSize: changedEvery > 0 && $0 % changedEvery == 0 ? 5 : 10)
        })
    }
}

let settings = StackSettings(environment: "bench", account: "123456789012", region: "us-east-2", namePrefix: "bench")
let benchAsset = Asset(product: "bench", hash: String(repeating: "ab", count: 32), sources: ["functions/bench"])

func synthesizeAndWrite(_ stacks: [any StackDefinition], to out: URL) throws -> (Int, [Double]) {
    let clock = ContinuousClock()
    let t0 = clock.now
    let result = try Synthesizer(settings: settings, assets: StaticAssets([benchAsset]), checkLimits: false).synthesize(stacks)
    let t1 = clock.now
    // As `stackctl synth` does: each template is rendered on all cores as the folder writer reaches it.
    let (files, _) = StackTemplateFile.files(result.stacks, format: .json)
    try? FileManager.default.removeItem(at: out)  // every timed run starts from an empty folder
    try OutputFolder.write(files, to: out)
    let t2 = clock.now
    let resources = result.stacks.reduce(0) { $0 + $1.template.resources.count }
    ProcessEnd.keepUntilExit(result)
    let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    return (resources, [seconds(t1 - t0), seconds(t2 - t1)])
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch args.first {
    case "scale" where args.count == 4:
        guard let n = Int(args[1]), let s = Int(args[2]), n > 0, s > 0 else {
            FileHandle.standardError.write(Data("usage: stackctl-bench scale UNITS STACKS OUTDIR\n".utf8))
            exit(2)
        }
        var started = timespec()
        clock_gettime(CLOCK_MONOTONIC, &started)
        let (_, times) = try synthesizeAndWrite(generated(units: n, stacks: s), to: URL(fileURLWithPath: args[3]))
        if ProcessInfo.processInfo.environment["STACKCTL_BENCH_TRACE"] != nil {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let ms = { (t: timespec) in Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6 }
            // Monotonic clock readings, so a caller can place start-up and exit around the phases.
            FileHandle.standardError.write(Data(String(format: "synth %.1f ms, render+write %.1f ms, main %.3f..%.3f\n",
                                                       times[0] * 1000, times[1] * 1000, ms(started), ms(now)).utf8))
        }
    case "phases":
        let rounds = args.count > 1 ? Int(args[1]) ?? 5 : 5
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("stackctl-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: tmp) }
        print("case                      resources   synth ms  render+write ms   (median of \(rounds))")
        for (label, units, stacks) in [("10 units / 1 stack", 10, 1), ("500 units / 7 stacks", 500, 7), ("2000 units / 25 stacks", 2000, 25)] {
            var runs: [[Double]] = []
            var count = 0
            for _ in 0..<rounds {
                let (c, times) = try synthesizeAndWrite(generated(units: units, stacks: stacks), to: tmp)
                count = c
                runs.append(times)
            }
            let median = (0..<2).map { i in runs.map { $0[i] }.sorted()[runs.count / 2] * 1000 }
            print(label.padding(toLength: 26, withPad: " ", startingAt: 0)
                  + String(format: "%9d %10.2f %16.2f", count, median[0], median[1]))
        }
    case "diff":
        try DiffBench.run(rounds: args.count > 1 ? Int(args[1]) ?? 9 : 9)
    default:
        FileHandle.standardError.write(Data("usage: stackctl-bench scale UNITS STACKS OUTDIR | stackctl-bench phases [ROUNDS] | stackctl-bench diff [ROUNDS]\n".utf8))
        exit(2)
    }
} catch let failure as SynthesisFailed {
    FileHandle.standardError.write(Data((failure.diagnostics.report + "\n").utf8))
    exit(1)
} catch let error as CLIError {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
