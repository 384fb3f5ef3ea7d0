import Foundation

/// Ticks replayed from a CSV file by the market producer. A header names the columns, in any order:
/// `symbol`, `price` (or `close`), `previous_close`, `volume` are required; `timestamp`, `open`, `high`,
/// `low` are optional (a missing timestamp is the send time; missing open/high/low are the price).
/// Plain comma-separated values, no quoting — what spreadsheet and market-data exports of prices give.
public enum TickCSV {
    public struct Row: Sendable, Equatable {
        public var tick: MarketTick
        /// Whether the file gave the timestamp (otherwise the producer stamps the send time).
        public var hasTimestamp: Bool
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws(Problem) -> [Row] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let headerIndex = lines.firstIndex(where: { !$0.isEmpty }) else { throw Problem(line: 1, message: "the file is empty") }
        let header = lines[headerIndex].lowercased().split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ names: String...) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        guard let symbol = column("symbol"), let price = column("price", "close"), let previous = column("previous_close"),
              let volume = column("volume") else {
            throw Problem(line: headerIndex + 1, message: "the header needs symbol, price (or close), previous_close and volume; found \(header.joined(separator: ","))")
        }
        let timestamp = column("timestamp"), open = column("open"), high = column("high"), low = column("low")

        var rows: [Row] = []
        for (index, line) in lines.enumerated().dropFirst(headerIndex + 1) where !line.isEmpty {
            let number = index + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == header.count else {
                throw Problem(line: number, message: "\(fields.count) fields, the header has \(header.count)")
            }
            func decimal(_ at: Int, _ name: String) throws(Problem) -> Double {
                guard let value = Double(fields[at]), value.isFinite, value > 0 else {
                    throw Problem(line: number, message: "\(name) must be a number > 0: \"\(fields[at])\"")
                }
                return value
            }
            let p = try decimal(price, header[price])
            guard let v = Int(fields[volume]), v >= 0 else {
                throw Problem(line: number, message: "volume must be a whole number >= 0: \"\(fields[volume])\"")
            }
            guard !fields[symbol].isEmpty else { throw Problem(line: number, message: "symbol is empty") }
            let stamp = timestamp.map { fields[$0] } ?? ""
            let tick = MarketTick(
                symbol: fields[symbol].uppercased(),
                open: try open.map { i throws(Problem) in try decimal(i, "open") } ?? p,
                high: try high.map { i throws(Problem) in try decimal(i, "high") } ?? p,
                low: try low.map { i throws(Problem) in try decimal(i, "low") } ?? p,
                price: p, previousClose: try decimal(previous, "previous_close"), volume: v, timestamp: stamp)
            rows.append(Row(tick: tick, hasTimestamp: !stamp.isEmpty))
        }
        guard !rows.isEmpty else { throw Problem(line: headerIndex + 1, message: "no rows after the header") }
        return rows
    }
}
