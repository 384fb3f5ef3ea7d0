/// The partial-batch response of a function whose event source mapping has
/// `FunctionResponseTypes: [ReportBatchItemFailures]`:
/// `{"batchItemFailures":[{"itemIdentifier":"..."}]}`.
///
/// The identifier is the sequence number for Kinesis and DynamoDB streams (Lambda retries the
/// batch from the lowest one reported) and the `messageId` for SQS (only those messages return to
/// the queue). An empty list means the whole batch succeeded. Lambda treats an empty or null
/// identifier as a failure of the whole batch, so never report one.
public struct BatchItemFailures: Codable, Sendable, Equatable {
    public struct Failure: Codable, Sendable, Equatable {
        public let itemIdentifier: String
        public init(itemIdentifier: String) { self.itemIdentifier = itemIdentifier }
    }

    public var batchItemFailures: [Failure]

    public init(_ identifiers: [String] = []) {
        batchItemFailures = identifiers.map(Failure.init(itemIdentifier:))
    }

    public var identifiers: [String] { batchItemFailures.map(\.itemIdentifier) }
    public var isEmpty: Bool { batchItemFailures.isEmpty }

    public mutating func append(_ identifier: String) {
        batchItemFailures.append(Failure(itemIdentifier: identifier))
    }
}
