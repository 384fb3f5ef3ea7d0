import LambdaEvents
import StackCore
import StackTemplate

/// What goes inside a `Function { ... }` block: its relationships. Scalar settings go in the initializer.
public enum FunctionPart: Equatable, Sendable {
    case trigger(Trigger)
    case environment(Env)
    case grant(Grant)
    case onFailure(FailureDestination)
    case asyncInvoke(AsyncInvoke)
}

/// What both function blocks accept besides triggers: environment, grants, failure destinations, and
/// Swift's `if`/`for`. (Result builders find these static methods through the protocol extension.)
public protocol FunctionBlockBuilding {}

extension FunctionBlockBuilding {
    public static func buildExpression(_ env: Env) -> [FunctionPart] { [.environment(env)] }
    public static func buildExpression(_ allow: Allow) -> [FunctionPart] { allow.grants.map(FunctionPart.grant) }
    public static func buildExpression(_ failure: OnFailure) -> [FunctionPart] { [.onFailure(failure.destination)] }
    public static func buildBlock(_ parts: [FunctionPart]...) -> [FunctionPart] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [FunctionPart]?) -> [FunctionPart] { part ?? [] }
    public static func buildEither(first: [FunctionPart]) -> [FunctionPart] { first }
    public static func buildEither(second: [FunctionPart]) -> [FunctionPart] { second }
    public static func buildArray(_ parts: [[FunctionPart]]) -> [FunctionPart] { parts.flatMap { $0 } }
}

/// The block of a function built from a typed `FunctionProduct<Event>`: triggers must deliver
/// `Event`. A trigger of another event has no `buildExpression` here, so it does not compile.
@resultBuilder
public enum TypedFunctionBuilder<Event: Decodable>: FunctionBlockBuilding {
    public static func buildExpression(_ trigger: EventTrigger<Event>) -> [FunctionPart] { [.trigger(trigger.trigger)] }
}

/// The block of a function named by a plain product string: any trigger (nothing to check it against).
@resultBuilder
public enum FunctionBuilder: FunctionBlockBuilding {
    public static func buildExpression<Event>(_ trigger: EventTrigger<Event>) -> [FunctionPart] { [.trigger(trigger.trigger)] }
}

/// Where failed asynchronous invocations (and failed stream batches) go.
public enum FailureDestination: Equatable, Sendable {
    case queue(Queue)
    case topic(Topic)

    var arn: TemplateValue {
        switch self {
        case .queue(let q): return q.arn
        case .topic(let t): return t.arn
        }
    }

    var grant: Grant {
        switch self {
        case .queue(let q): return q.send
        case .topic(let t): return t.publish
        }
    }

    /// The destination with the declared queue or topic (see `Scope.declared`).
    func declared(in scope: Scope) -> FailureDestination {
        switch self {
        case .queue(let q): return .queue(scope.declared(q, property: "onFailure"))
        case .topic(let t): return .topic(scope.declared(t, property: "onFailure"))
        }
    }
}

/// `OnFailure(.queue(failures))`: failed async invocations go to an on-failure destination, and so do
/// failed Kinesis/DynamoDB stream batches; the function's role may send to it.
public struct OnFailure: Sendable {
    public var destination: FailureDestination
    public init(_ destination: FailureDestination) { self.destination = destination }
}

/// A function's environment, checked against a typed contract shared with the function's code:
/// `Env(ProcessingEnv.self) { $0[.bucket] = raw.name }`. Every case of the contract must be set.
public struct Env: Equatable, Sendable {
    public var contract: String
    public var required: [String]
    public var values: [String: TemplateValue]

    public init<C: CaseIterable & RawRepresentable>(_ contract: C.Type, _ set: (inout EnvValues<C>) -> Void)
    where C.RawValue == String {
        var values = EnvValues<C>()
        set(&values)
        self.contract = _typeName(contract, qualified: false)  // see StackDefinition.name
        self.required = C.allCases.map(\.rawValue)
        self.values = values.values
    }

    /// Plain variables without a contract (prefer a contract: a forgotten variable is then caught at synthesis).
    public init(_ variables: [String: TemplateValue]) {
        self.contract = ""
        self.required = []
        self.values = variables
    }
}

public struct EnvValues<C: RawRepresentable> where C.RawValue == String {
    var values: [String: TemplateValue] = [:]

    public subscript(key: C) -> TemplateValue? {
        get { values[key.rawValue] }
        set { values[key.rawValue] = newValue }
    }
}
