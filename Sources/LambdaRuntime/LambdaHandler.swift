/// A function's code: one typed event in, one encodable output out. The runtime decodes the
/// event with a plain `JSONDecoder` and encodes the output with a plain `JSONEncoder`.
/// Throwing reports the invocation as failed (to the runtime API's error endpoint); the runtime
/// then goes on with the next invocation.
public protocol LambdaHandler: Sendable {
    associatedtype Event: Decodable
    associatedtype Output: Encodable
    func handle(_ event: Event, context: LambdaContext) async throws -> Output
}

/// An error that names its own `errorType` for the runtime API (`Category.Reason` by AWS's
/// convention). Other errors are reported under their Swift type name.
public protocol LambdaReportableError: Error {
    var errorType: String { get }
}
