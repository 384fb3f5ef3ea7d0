import StackCore
import StackTemplate

/// How Lambda retries asynchronous invocations (S3, SNS, EventBridge): `AsyncInvoke(retries: 0, maxEventAge: .hours(1))`
/// in a function's block becomes `MaximumRetryAttempts` / `MaximumEventAgeInSeconds` on its
/// `AWS::Lambda::EventInvokeConfig`. Lambda's defaults, when left out, are 2 retries and 6 hours.
public struct AsyncInvoke: Equatable, Sendable {
    /// Retries after a failed invocation, 0 to 2.
    public var retries: Int?
    /// How long an event waits in Lambda's queue before it goes to the failure destination, 60 s to 6 h.
    public var maxEventAge: Duration?

    public init(retries: Int? = nil, maxEventAge: Duration? = nil) {
        self.retries = retries
        self.maxEventAge = maxEventAge
    }

    /// The config's properties, with each setting checked against Lambda's range.
    func properties(in scope: Scope) -> TemplateMap {
        var properties: TemplateMap = [:]
        if let retries {
            scope.check(retries, in: 0...2, property: "retries")
            properties["MaximumRetryAttempts"] = .int(retries)
        }
        if let maxEventAge {
            properties["MaximumEventAgeInSeconds"] = .int(scope.check(maxEventAge, in: 60...21_600, .seconds, property: "maxEventAge"))
        }
        return properties
    }
}

extension FunctionBlockBuilding {
    public static func buildExpression(_ settings: AsyncInvoke) -> [FunctionPart] { [.asyncInvoke(settings)] }
}
