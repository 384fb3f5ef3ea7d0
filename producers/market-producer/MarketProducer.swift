import AWSClient
import CommandLineArguments
import Foundation
import ProducerLogic
import ProducerSupport

// market-producer: ticks to the market stream's Kinesis stream at a fixed cadence (seed 001's producer),
// replayed from a CSV file or drawn from a seeded random walk. AWS settings come from the usual places
// (AWS_PROFILE / env credentials, AWS_REGION); AWS_ENDPOINT_URL points it at an emulator.
@main
struct MarketProducer {
    static let spec = CommandSpec(
        name: "market-producer",
        abstract: "Send market ticks to a Kinesis stream at a fixed cadence, from a CSV file or a seeded random walk.",
        discussion: """
            Each tick is one PutRecord, partition key the symbol: {"symbol","open","high","low","price","previous_close",\
            "volume","timestamp"}. AWS credentials and region come from the environment or ~/.aws (AWS_PROFILE); \
            AWS_ENDPOINT_URL sends to an emulator. Exit codes: 0 done; 1 a send failed; 3 the CSV file cannot be \
            read or parsed; 64 bad command line.
            """,
        parameters: [
            .option("stream", help: "The Kinesis stream's name (the MarketStream stack's StreamName output).", required: true),
            .option("interval", help: "Seconds between ticks.", default: "30"),
            .option("csv", help: "Replay ticks from this CSV file (header: symbol,price|close,previous_close,volume[,timestamp,open,high,low])."),
            .option("symbol", help: "Symbol of the random walk.", default: "AAPL"),
            .option("start-price", help: "Start price of the random walk.", default: "190"),
        ] + RunOptions.parameters)

    var stream: String
    var interval: Double
    var csv: String?
    var symbol: String
    var startPrice: Double
    var options: RunOptions

    init(_ parsed: ParsedArguments) throws(UsageError) {
        stream = parsed.string("stream") ?? ""
        interval = try parsed.double("interval") ?? 30
        csv = parsed.string("csv")
        symbol = parsed.string("symbol") ?? "AAPL"
        startPrice = try parsed.double("start-price") ?? 190
        options = try RunOptions(parsed)
        guard interval >= 0 else { throw parsed.usageError("--interval must be >= 0") }
        if csv != nil, options.seed != nil { throw parsed.usageError("--csv and --seed exclude each other") }
    }

    static func main() async {
        await ProducerMain.run(spec) { parsed in try await MarketProducer(parsed).run() }
    }

    func run() async throws {
        var next: (Int, Date) -> MarketTick
        var total = options.count
        if let csv {
            let rows: [TickCSV.Row]
            do {
                rows = try TickCSV.parse(try String(contentsOfFile: csv, encoding: .utf8))
            } catch {
                FileHandle.standardError.write(Data("error: \(csv): \(error)\n".utf8))
                throw ProducerExit(3)
            }
            total = min(options.count ?? rows.count, rows.count)
            next = { i, date in
                var tick = rows[i].tick
                if !rows[i].hasTimestamp { tick.timestamp = ProducerTime.iso(date) }
                return tick
            }
        } else {
            let seed = options.resolvedSeed
            print("random walk of \(symbol) from \(startPrice), seed \(seed) (--seed \(seed) replays it)")
            var walk = RandomWalk(symbol: symbol, seed: seed, start: startPrice)
            next = { _, date in walk.next(at: date) }
        }

        let kinesis = KinesisClient(context: try ProducerAWS.context())
        let stream = stream
        try await Cadence(interval: interval, count: total).runInRealTime { i in
            let tick = next(i, Date())
            do {
                let result = try await kinesis.putRecord(stream: stream, data: tick.json(), partitionKey: tick.symbol)
                print("\(tick.timestamp) \(tick.symbol) \(tick.price) → \(result.shardId ?? "?") \(result.sequenceNumber ?? "?")")
            } catch {
                FileHandle.standardError.write(Data("error: PutRecord to \(stream) failed: \(error)\n".utf8))
                throw ProducerExit(1)
            }
        }
    }
}

