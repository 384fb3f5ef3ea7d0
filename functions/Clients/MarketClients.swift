import AWSClient
import DynamoDBAttributes
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaEvents
import MarketLogic

/// Raw ticks are JSON objects in one bucket.
extension S3JSONStore: RawTickStore {
    public func putRawTick(key: String, body: Data) async throws { try await put(key: key, body: body) }
}

/// The quotes table (partition `symbol`, sort `timestamp`, both strings).
public struct DynamoDBQuoteStore: QuoteStore {
    let dynamo: DynamoDBClient
    public let table: String

    public init(context: AWSContext, table: String) {
        dynamo = DynamoDBClient(context: context)
        self.table = table
    }

    public func put(_ quote: Quote) async throws {
        try await dynamo.putItem(table: table, item: quote.item)
    }

    public func latest(symbol: String, atOrBefore timestamp: String?, limit: Int) async throws -> [Quote] {
        var text = "#s = :s"
        var names = ["#s": "symbol"]
        var values: DynamoDBItem = [":s": .s(symbol)]
        if let timestamp {
            text += " AND #t <= :t"
            names["#t"] = "timestamp"
            values[":t"] = .s(timestamp)
        }
        let output = try await dynamo.query(table: table, keyCondition: .init(text, names: names, values: values),
                                            limit: limit, scanIndexForward: false)
        var quotes: [Quote] = []
        for item in output.items {
            guard let quote = Quote(item: item) else {
                throw UnreadableQuote(table: table, symbol: symbol, keys: item.keys.sorted())
            }
            quotes.append(quote)
        }
        return quotes.reversed()
    }

    /// A quotes-table item without the attributes of a quote: the table holds something else.
    public struct UnreadableQuote: Error, CustomStringConvertible {
        public let table: String, symbol: String, keys: [String]
        public var description: String {
            "\(table): an item of \(symbol) is not a quote (attributes: \(keys.joined(separator: ", ")))"
        }
    }
}

/// The alert ledger on the quotes table: the cross's own quote item gets `alert_signal`.
public struct DynamoDBAlertLedger: AlertLedger {
    let dynamo: DynamoDBClient
    public let table: String

    public init(context: AWSContext, table: String) {
        dynamo = DynamoDBClient(context: context)
        self.table = table
    }

    private func key(_ cross: CrossSignal) -> DynamoDBItem {
        ["symbol": .s(cross.symbol), "timestamp": .s(cross.timestamp)]
    }

    /// `SET alert_signal = :signal` if not set yet. ConditionalCheckFailedException: claimed before.
    /// `attribute_exists(symbol)` too, so a claim never creates an item for a deleted quote.
    public func claim(_ cross: CrossSignal) async throws -> Bool {
        do {
            try await dynamo.updateItem(
                table: table, key: key(cross),
                update: .init("SET #a = :signal", names: ["#a": "alert_signal"], values: [":signal": .s(cross.signal.rawValue)]),
                condition: .init("attribute_exists(#k) AND attribute_not_exists(#a)", names: ["#k": "symbol"]))
            return true
        } catch let error as AWSError where error.code == "ConditionalCheckFailedException" {
            return false
        }
    }

    public func release(_ cross: CrossSignal) async throws {
        try await dynamo.updateItem(table: table, key: key(cross),
                                    update: .init("REMOVE #a", names: ["#a": "alert_signal"]))
    }
}

/// SNS Publish to one topic. Serves both logic modules' `AlertPublisher` protocols.
public struct SNSAlertPublisher: MarketLogic.AlertPublisher {
    let sns: SNSClient
    public let topicArn: String

    public init(context: AWSContext, topicArn: String) {
        sns = SNSClient(context: context)
        self.topicArn = topicArn
    }

    public func publish(subject: String, message: String) async throws {
        try await sns.publish(topicArn: topicArn, message: message, subject: subject)
    }
}
