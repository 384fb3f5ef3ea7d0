#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// SNS Publish (Query protocol: form-encoded POST, XML response).
public struct SNSClient: Sendable {
    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    /// Returns the message id.
    @discardableResult
    public func publish(topicArn: String, message: String, subject: String? = nil) async throws -> String {
        var parameters = QueryParameters(action: "Publish", version: "2010-03-31")
        parameters.add("TopicArn", topicArn)
        parameters.add("Message", message)
        parameters.add("Subject", subject)
        let root = try await context.queryCall(serviceId: "SNS", hostPrefix: "sns", signingName: "sns", parameters)
        guard let id = root.first("MessageId")?.text, !id.isEmpty else {
            throw MalformedResponse(detail: "Publish: no MessageId")
        }
        return id
    }
}
