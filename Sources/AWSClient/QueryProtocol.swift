#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The AWS Query protocol (SNS, CloudFormation, STS): a form-encoded POST to the service root with
/// `Action` and `Version`, answered with XML. Lists go as `Name.member.N`, maps as
/// `Name.member.N.Key`/`.Value`.
public struct QueryParameters: Sendable, Equatable {
    public private(set) var pairs: [(String, String)] = []

    public init(action: String, version: String) {
        pairs = [("Action", action), ("Version", version)]
    }

    public mutating func add(_ name: String, _ value: String?) {
        if let value { pairs.append((name, value)) }
    }

    public mutating func add(_ name: String, _ value: Bool?) {
        if let value { pairs.append((name, value ? "true" : "false")) }
    }

    /// `Name.member.1=a&Name.member.2=b`.
    public mutating func addList(_ name: String, _ values: [String]) {
        for (index, value) in values.enumerated() { pairs.append(("\(name).member.\(index + 1)", value)) }
    }

    /// `Name.member.1.KEYNAME=k&Name.member.1.VALUENAME=v`, in key order (deterministic requests).
    public mutating func addMap(_ name: String, _ map: [String: String], keyName: String, valueName: String) {
        for (index, key) in map.keys.sorted().enumerated() {
            pairs.append(("\(name).member.\(index + 1).\(keyName)", key))
            pairs.append(("\(name).member.\(index + 1).\(valueName)", map[key]!))
        }
    }

    /// Strict RFC 3986 encoding (space as %20, never +), in the order added.
    public var encoded: String {
        pairs.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
    }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0 == $1 }
    }
}

extension AWSContext {
    /// Sends one Query-protocol call and returns the parsed XML answer (the whole document).
    public func queryCall(serviceId: String, hostPrefix: String, signingName: String,
                          _ parameters: QueryParameters) async throws -> XMLElementNode {
        let request = HTTPRequest(
            method: "POST", url: Self.rootURL(endpoint(serviceId: serviceId, hostPrefix: hostPrefix).url),
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
            body: Data(parameters.encoded.utf8))
        let action = parameters.pairs.first?.1 ?? "?"
        let response: HTTPResponse
        do {
            response = try await send(request, signingName: signingName)
        } catch var error as AWSError {
            error.action = "\(serviceId) \(action)"
            throw error
        }
        do {
            return try XMLElementNode.read(response.body)
        } catch {
            if error.limit != nil { throw AWSError.limitExceeded(response, "\(action): \(error)") }
            throw MalformedResponse(detail: "\(action): the body is not XML: \(error)")
        }
    }
}

extension XMLElementNode {
    /// The first direct child element named `name`.
    public func element(_ name: String) -> XMLElementNode? {
        children.first { $0.name == name }
    }

    /// The `<member>` elements of the direct child list named `name` (`<Outputs><member>…`).
    public func members(_ name: String) -> [XMLElementNode] {
        element(name)?.children.filter { $0.name == "member" } ?? []
    }

    /// A child's text, nil when absent or empty.
    public func string(_ name: String) -> String? {
        guard let text = child(name), !text.isEmpty else { return nil }
        return text
    }
}
