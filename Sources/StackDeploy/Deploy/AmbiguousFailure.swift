import AWSClient
import Foundation

/// A failure after which we cannot know whether AWS acted on the request: the connection dropped or
/// the service answered 5xx. Mutating calls that end this way are checked, not blindly repeated.
enum AmbiguousFailure {
    static func matches(_ error: any Error) -> Bool {
        if let error = error as? AWSError { return error.status >= 500 }
        return RetryPolicy().shouldRetry(error)
    }

    /// How many times a mutating call is attempted after ambiguous failures before giving up.
    static let attempts = 5
}
