import AWSClient
import ArgumentParser
import Foundation
import ProducerLogic
import ProducerSupport

// tick-producer: simulated ticks to the tick-alerts SQS queue (seed 003's producer), one SendMessage each,
// at a fixed cadence. AWS settings as for the AWS CLI; AWS_ENDPOINT_URL points it at an emulator.
@main
struct TickProducer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick-producer",
        abstract: "Send simulated ticks to an SQS queue at a fixed cadence.",
        discussion: """
            Each tick is one SendMessage: {"price","symbol","timestamp","volume"}, the symbol drawn from --symbols, \
            the price from 100–1500 (so some reach the alert threshold), seeded. AWS credentials and region come \
            from the environment or ~/.aws (AWS_PROFILE); AWS_ENDPOINT_URL sends to an emulator. \
            Exit codes: 0 done; 1 a send failed; 2 bad command line.
            """)

    @Option(help: "The queue's URL (the TickAlerts stack's QueueUrl output).")
    var queue: String

    @Option(help: "Seconds between ticks.")
    var interval: Double = 1

    @Option(help: "Comma-separated symbols to draw from.")
    var symbols: String = "AAPL,MSFT,GOOG,AMZN,TSLA"

    @OptionGroup var options: RunOptions

    func validate() throws {
        guard interval >= 0 else { throw ValidationError("--interval must be >= 0") }
        guard !symbolList.isEmpty else { throw ValidationError("--symbols needs at least one symbol") }
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
                throw ExitCode(1)
            }
        }
    }
}

