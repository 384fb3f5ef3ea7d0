import Foundation

/// SNS Publish (query protocol: form-encoded POST, XML response).
public struct SNSClient: Sendable {
    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    /// Returns the message id.
    @discardableResult
    public func publish(topicArn: String, message: String, subject: String? = nil) async throws -> String {
        var parameters = [("Action", "Publish"), ("Version", "2010-03-31"), ("TopicArn", topicArn), ("Message", message)]
        if let subject { parameters.append(("Subject", subject)) }
        let request = HTTPRequest(
            method: "POST", url: AWSContext.rootURL(context.endpoint(serviceId: "SNS", hostPrefix: "sns").url),
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
            body: Data(Self.formEncode(parameters).utf8))
        let response = try await context.send(request, signingName: "sns")
        guard let id = XMLElementNode.parse(response.body)?.first("MessageId")?.text, !id.isEmpty else {
            throw MalformedResponse(detail: "Publish: no MessageId")
        }
        return id
    }

    /// Strict RFC 3986 encoding (space as %20, never +), in the order given.
    static func formEncode(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
    }
}
