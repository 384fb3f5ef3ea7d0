import StackCore
import StackTemplate

/// A function of a synthesized stack as a local invoke runs it: its names, limits and the environment
/// variables the stack gives it, resolved to concrete strings for the environment.
public struct LocalFunction: Sendable, Equatable {
    /// `STACK/Function`.
    public var path: String
    public var product: String
    public var functionName: String
    public var functionARN: String
    public var timeoutSeconds: Int
    public var memoryMB: Int
    public var handler: String
    /// The template's `Environment.Variables`, resolved.
    public var variables: [String: String]
    public var logGroup: String?
    public var logFormat: String?

    /// A variable whose value cannot be computed without deploying.
    public struct Unresolved: Error, Equatable, CustomStringConvertible {
        public var variable: String
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot resolve the environment variable \(variable): \(reason)" }
    }

    /// CloudFormation's defaults when the template leaves them out.
    static let defaultTimeout = 3, defaultMemory = 128

    public init(logicalID: String, in stack: SynthesizedStack, product: String, resolver: TemplateValueResolver) throws(Unresolved) {
        guard let resource = stack.template.resources[logicalID] else {
            throw Unresolved(variable: "-", path: "\(stack.name)/\(logicalID)", reason: "no such resource")
        }
        let path = resource.constructPath ?? "\(stack.name)/\(logicalID)"
        let properties = resource.properties
        func resolve(_ value: TemplateValue, _ name: String) throws(Unresolved) -> String {
            do { return try resolver.resolve(value, in: stack) } catch {
                throw Unresolved(variable: name, path: path, reason: error.reason)
            }
        }
        self.path = path
        self.product = product
        // Without a FunctionName CloudFormation generates `<stack>-<logicalID>-<suffix>`; the suffix is random.
        functionName = try properties["FunctionName"].map { v throws(Unresolved) in try resolve(v, "FunctionName") }
            ?? "\(stack.physicalName)-\(logicalID)"
        functionARN = resolver.attribute("Arn", of: "AWS::Lambda::Function", named: functionName) ?? functionName
        timeoutSeconds = Self.int(properties["Timeout"]) ?? Self.defaultTimeout
        memoryMB = Self.int(properties["MemorySize"]) ?? Self.defaultMemory
        handler = properties["Handler"]?.stringValue ?? "bootstrap"

        var variables: [String: String] = [:]
        if case .map(let declared)? = properties["Environment"]?["Variables"] {
            for (name, value) in declared { variables[name] = try resolve(value, name) }
        }
        self.variables = variables
        logFormat = properties["LoggingConfig"]?["LogFormat"]?.stringValue
        logGroup = try properties["LoggingConfig"]?["LogGroup"].map { v throws(Unresolved) in try resolve(v, "LoggingConfig.LogGroup") }
    }

    static func int(_ value: TemplateValue?) -> Int? {
        switch value {
        case .int(let number)?: number
        case .string(let text)?: Int(text)
        case .double(let number)?: Int(number)
        default: nil
        }
    }

    /// The process environment of the function: what Lambda sets for a custom runtime (region, names,
    /// memory, the runtime API, the task root), the stack's variables, then the caller's credentials and
    /// endpoints. Nothing else of the caller's environment leaks in, as on Lambda.
    public func processEnvironment(
        region: String, runtimeAPI: String, taskRoot: String, credentials: [String: String],
        endpoints: [String: String], overrides: [String: String] = [:], path: String? = nil
    ) -> [String: String] {
        var environment: [String: String] = [
            "AWS_REGION": region, "AWS_DEFAULT_REGION": region,
            "AWS_LAMBDA_FUNCTION_NAME": functionName, "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(memoryMB),
            "AWS_LAMBDA_LOG_GROUP_NAME": logGroup ?? "/aws/lambda/\(functionName)",
            "AWS_LAMBDA_LOG_STREAM_NAME": "local/[$LATEST]stackctl-invoke",
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_LAMBDA_RUNTIME_API": runtimeAPI, "LAMBDA_TASK_ROOT": taskRoot, "LAMBDA_RUNTIME_DIR": taskRoot,
            "_HANDLER": handler, "TZ": ":UTC", "LANG": "en_US.UTF-8",
            "PATH": path ?? "/usr/local/bin:/usr/bin:/bin",
        ]
        if let logFormat { environment["AWS_LAMBDA_LOG_FORMAT"] = logFormat }
        environment.merge(variables) { _, stack in stack }
        environment.merge(credentials) { _, given in given }
        environment.merge(endpoints) { _, given in given }
        environment.merge(overrides) { _, given in given }
        return environment
    }
}
