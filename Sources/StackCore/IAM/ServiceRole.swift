import StackTemplate

/// The role a construct acts through — a function, a state machine, a Glue job or crawler, a delivery
/// stream, a model, a schedule: a trust policy for its service, one inline policy merging every grant,
/// and the readiness the construct's own resource waits for.
///
/// ```swift
/// let role = ServiceRole(service: "glue.amazonaws.com", description: "Service role of \(scope.fullPath)", grants: grants)
/// let ready = role.add(in: scope)          // children Role and Policy
/// scope.resource(Resource(type: "AWS::Glue::Job", properties: ["Role": ready.arn, ...], dependsOn: ready.dependsOn))
/// ```
public struct ServiceRole: Sendable {
    /// The service principal that assumes the role (`lambda.amazonaws.com`).
    public var service: String
    public var description: String
    public var statements: [PolicyStatement]

    public init(service: String, description: String, grants: [Grant] = [], statements: [PolicyStatement] = []) {
        self.service = service
        self.description = description
        self.statements = statements + grants.flatMap(\.statements)
    }

    /// What the owning resource needs: the role's ARN, and what to depend on so the policy is attached
    /// before the resource first acts (an event source polling, a job starting).
    public struct Ready: Sendable {
        public var arn: TemplateValue
        public var dependsOn: [String]
    }

    /// Adds `<prefix>Role` and, when anything is granted, `<prefix>Policy` (named after the construct's
    /// logical ID) below the scope. A grant of wildcard actions is a `wildcard-action` error.
    @discardableResult
    public func add(in scope: Scope, prefix: String = "") -> Ready {
        let statements = PolicyStatement.applicable(self.statements, in: scope)
        for statement in statements where !statement.wildcardActions.isEmpty {
            scope.error(.wildcardAction, "a grant allows \(statement.wildcardActions.joined(separator: ", "))",
                        hint: "grant named actions; stackctl never emits wildcard actions")
        }
        let roleName = prefix + "Role"
        scope.resource(roleName, Resource(type: "AWS::IAM::Role", properties: [
            "AssumeRolePolicyDocument": TrustPolicy.for(service),
            "Description": .string(description),
        ]))
        guard !statements.isEmpty else { return Ready(arn: scope.getAtt(roleName, "Arn"), dependsOn: []) }
        // Map literals here list their keys in sorted order: TemplateMap then builds them without moving anything.
        let policyID = scope.resource(prefix + "Policy", Resource(type: "AWS::IAM::Policy", properties: [
            "PolicyDocument": PolicyStatement.document(StatementMerger.merge(statements)),
            "PolicyName": .string(LogicalID.from(relativePath: scope.path + prefix) + "Policy"),
            "Roles": [scope.ref(roleName)],
        ]))
        return Ready(arn: scope.getAtt(roleName, "Arn"), dependsOn: [policyID])
    }
}

/// A construct that acts through a `ServiceRole`: grants name what it may do. `Allow(...)` in its block
/// and `allowing(...)` add to them, for every kind of principal alike.
public protocol Grantable {
    var grants: [Grant] { get set }
}

extension Grantable {
    /// A copy that may also do what `more` allow.
    public func allowing(_ more: Grant...) -> Self {
        var copy = self
        copy.grants += more
        return copy
    }
}

/// Attaches grants to a principal's role: `Allow(raw.write(keys: "raw/*"), quotes.writeData)`.
public struct Allow: Sendable {
    public var grants: [Grant]
    public init(_ grants: Grant...) { self.grants = grants }
    public init(_ grants: [Grant]) { self.grants = grants }
}

/// The block of a principal that takes nothing but grants: `GlueJob("Curate", ...) { Allow(raw.read()) }`.
@resultBuilder
public enum GrantBuilder {
    public static func buildExpression(_ allow: Allow) -> [Grant] { allow.grants }
    public static func buildExpression(_ grant: Grant) -> [Grant] { [grant] }
    public static func buildBlock(_ parts: [Grant]...) -> [Grant] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Grant]?) -> [Grant] { part ?? [] }
    public static func buildEither(first: [Grant]) -> [Grant] { first }
    public static func buildEither(second: [Grant]) -> [Grant] { second }
    public static func buildArray(_ parts: [[Grant]]) -> [Grant] { parts.flatMap { $0 } }
}
