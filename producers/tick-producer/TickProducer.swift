import AWSClient
import CommandLineArguments
import Foundation
import ProducerLogic
import ProducerSupport

// tick-producer: simulated ticks to the tick-alerts SQS queue (seed 003's producer), one SendMessage each,
// at a fixed cadence. AWS settings as for the AWS CLI; AWS_ENDPOINT_URL points it at an emulator.
@main
struct TickProducer {
    static let spec = CommandSpec(
        name: "tick-producer",
        abstract: "Send simulated ticks to an SQS queue at a fixed cadence.",
        discussion: """
            Each tick is one SendMessage: {"price","symbol","timestamp","volume"}, the symbol drawn from --symbols, \
            the price from 100–1500 (so some reach the alert threshold), seeded. AWS credentials and region come \
            from the environment or ~/.aws (AWS_PROFILE); AWS_ENDPOINT_URL sends to an emulator. \
            Exit codes: 0 done; 1 a send failed; 64 bad command line.
            """,
        parameters: [
            .option("queue", help: "The queue's URL (the TickAlerts stack's QueueUrl output).", required: true),
            .option("interval", help: "Seconds between ticks.", default: "1"),
            .option("symbols", help: "Comma-separated symbols to draw from.", default: "AAPL,MSFT,GOOG,AMZN,TSLA"),
        ] + RunOptions.parameters)

    var queue: String
    var interval: Double
    var symbols: String
    var options: RunOptions

    init(_ parsed: ParsedArguments) throws(UsageError) {
        queue = parsed.string("queue") ?? ""
        interval = try parsed.double("interval") ?? 1
        symbols = parsed.string("symbols") ?? "AAPL,MSFT,GOOG,AMZN,TSLA"
        options = try RunOptions(parsed)
        guard interval >= 0 else { throw parsed.usageError("--interval must be >= 0") }
        guard !symbolList.isEmpty else { throw parsed.usageError("--symbols needs at least one symbol") }
    }

    static func main() async {
        await ProducerMain.run(spec) { parsed in try await TickProducer(parsed).run() }
    }

    var symbolList: [String] {
        symbols.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    }

    func run() async throws {
        let seed = options.resolvedSeed
        print("simulated ticks of \(symbolList.joined(separator: ", ")), seed \(seed) (--seed \(seed) replays it)")
        var ticks = SimulatedTicks(seed: seed, symbols: symbolList)
        let sqs = SQSClient(context: try ProducerAWS.context())
        let queue = queue
        try await Cadence(interval: interval, count: options.count).runInRealTime { _ in
            let tick = ticks.next(at: Date())
            do {
                let sent = try await sqs.sendMessage(queueURL: queue, body: tick.json())
                print("\(tick.timestamp) \(tick.symbol) \(tick.price) → \(sent.messageId)")
            } catch {
                FileHandle.standardError.write(Data("error: SendMessage to \(queue) failed: \(error)\n".utf8))
                throw ProducerExit(1)
            }
        }
    }
}

