#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// STS GetCallerIdentity: who the credentials belong to (needs no permissions).
public struct STSClient: Sendable {
    public struct CallerIdentity: Sendable, Equatable {
        public var account: String
        public var arn: String
        public var userId: String
    }

    public let context: AWSContext

    public init(context: AWSContext) { self.context = context }

    public func getCallerIdentity() async throws -> CallerIdentity {
        let root = try await context.queryCall(serviceId: "STS", hostPrefix: "sts", signingName: "sts",
                                               QueryParameters(action: "GetCallerIdentity", version: "2011-06-15"))
        let result = root.first("GetCallerIdentityResult") ?? root
        guard let account = result.string("Account") else { throw MalformedResponse(detail: "GetCallerIdentity: no Account") }
        return CallerIdentity(account: account, arn: result.string("Arn") ?? "", userId: result.string("UserId") ?? "")
    }
}

extension AWSError {
    /// The credentials were refused as such (expired, unknown, badly signed), not the request.
    public var isCredentialProblem: Bool {
        ["ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException",
         "SignatureDoesNotMatch", "InvalidAccessKeyId", "AuthFailure", "RequestExpired"].contains(code)
    }
}
