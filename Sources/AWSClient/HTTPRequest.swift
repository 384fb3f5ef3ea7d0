#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One header field. Kept as an ordered list (not a dictionary) because HTTP allows repeated names
/// and SigV4 joins repeated values with commas.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

/// Header fields with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [HTTPHeader]

    public init(_ fields: [HTTPHeader] = []) { self.fields = fields }
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { HTTPHeader($0.0, $0.1) }
    }

    /// The first value for `name`; setting replaces every field of that name (nil removes them).
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.lowercased() == name.lowercased() }?.value }
        set {
            let lower = name.lowercased()
            fields.removeAll { $0.name.lowercased() == lower }
            if let newValue { fields.append(HTTPHeader(name, newValue)) }
        }
    }

    public mutating func add(_ name: String, _ value: String) { fields.append(HTTPHeader(name, value)) }
    public func makeIterator() -> IndexingIterator<[HTTPHeader]> { fields.makeIterator() }
}

public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The full URL, path and query percent-encoded as they go on the wire.
    public var url: URL
    public var headers: HTTPHeaders
    public var body: Data

    public init(method: String, url: URL, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}
