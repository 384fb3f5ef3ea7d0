/// Why a deploy, destroy or bootstrap stopped; the CLI maps the kind to an exit code.
public struct DeployError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// CloudFormation or another AWS API failed the operation (rollback, API error).
        case failed
        /// AWS refused the credentials (expired, unknown, badly signed): nothing was attempted with them.
        case credentials
        /// stackctl refused for safety: wrong account, approval missing or declined, termination
        /// protection, a stack that must be recreated, no bootstrap.
        case refused
        /// Ctrl-C: stopped watching, the operation goes on in AWS.
        case interrupted
    }

    public var kind: Kind
    public var message: String
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
