import LambdaEvents
import StackCore
import StackTemplate

/// A Swift Lambda function built from a product in `functions/`, on the `provided.al2023` runtime.
///
/// Adds: the function, its role, one inline policy with every grant (logs, triggers, `Allow`s,
/// failure destinations), a log group with the environment's retention, and whatever its triggers need.
public struct Function: Referenceable, Grantable {
    public enum Architecture: String, Sendable { case x86_64, arm64 }

    public let id: String
    public var product: String
    public var memory: Int
    /// Whole seconds, 1 s to 15 minutes.
    public var timeout: Duration
    public var architecture: Architecture
    public var reservedConcurrency: Int?
    public var description: String?
    /// Dead-letter queue for asynchronous invocations that failed every retry.
    public var deadLetterQueue: Queue?
    public var parts: [FunctionPart]

    public init(
        _ id: String, product: String, memory: Int = 256, timeout: Duration = .seconds(30), architecture: Architecture = .x86_64,
        reservedConcurrency: Int? = nil, description: String? = nil, deadLetterQueue: Queue? = nil,
        @FunctionBuilder _ parts: () -> [FunctionPart] = { [] }
    ) {
        self.id = id
        self.product = product
        self.memory = memory
        self.timeout = timeout
        self.architecture = architecture
        self.reservedConcurrency = reservedConcurrency
        self.description = description
        self.deadLetterQueue = deadLetterQueue
        self.parts = parts()
    }

    /// A function from a typed product: its triggers must deliver the event the product's handler
    /// takes (checked by the compiler; see `FunctionProduct`).
    public init<Event>(
        _ id: String, product: FunctionProduct<Event>, memory: Int = 256, timeout: Duration = .seconds(30),
        architecture: Architecture = .x86_64, reservedConcurrency: Int? = nil, description: String? = nil,
        deadLetterQueue: Queue? = nil, @TypedFunctionBuilder<Event> _ parts: () -> [FunctionPart] = { [] }
    ) {
        self.init(id, product: product.name, memory: memory, timeout: timeout, architecture: architecture,
                  reservedConcurrency: reservedConcurrency, description: description, deadLetterQueue: deadLetterQueue) {}
        self.parts = parts()
    }

    /// Grants given with `Allow(...)` in the block (or `allowing(...)`).
    public var grants: [Grant] {
        get { parts.compactMap { if case .grant(let grant) = $0 { grant } else { nil } } }
        set {
            parts.removeAll { if case .grant = $0 { true } else { false } }
            parts += newValue.map(FunctionPart.grant)
        }
    }

    public var arn: TemplateValue { attribute("Arn") }
    public var name: TemplateValue { ref() }
    /// Lets another principal's role invoke this function.
    public var invoke: Grant { Grant("invoke \(id)", actions: LambdaActions.invoke, resources: [arn]) }

    public func synthesize(in scope: Scope) {
        let productValid = validate(in: scope)
        var statements = [PolicyStatement(actions: LogsActions.write, resources: [scope.getAtt("LogGroup", "Arn")])]
        var variables: [String: TemplateValue] = [:]
        var destination: FailureDestination?
        var asyncInvoke: AsyncInvoke?
        let deadLetterQueue = self.deadLetterQueue.map { scope.declared($0, property: "deadLetterQueue") }

        for part in parts {
            switch part {
            case .grant(let grant):
                statements += grant.statements
            case .environment(let env):
                checkContract(env, in: scope)
                variables.merge(env.values) { _, new in new }
            case .onFailure(let failure):
                if destination != nil {
                    scope.error(.duplicateOnFailure, "\(id) has more than one OnFailure destination",
                                hint: "keep one OnFailure(...) in the function's block")
                }
                let failure = failure.declared(in: scope)
                destination = failure
                statements += failure.grant.statements
            case .asyncInvoke(let settings):
                if asyncInvoke != nil {
                    scope.error(.duplicateAsyncInvoke, "\(id) has more than one AsyncInvoke setting",
                                hint: "keep one AsyncInvoke(...) in the function's block")
                }
                asyncInvoke = settings
            case .trigger:
                break
            }
        }
        if let dlq = deadLetterQueue { statements += dlq.send.statements }

        var wiring = TriggerWiring(function: self, scope: scope, destination: destination)
        for case .trigger(let trigger) in parts {
            statements += wiring.add(trigger)
        }
        // Asynchronous invocations that fail every retry are kept, not dropped: a dead-letter queue of
        // the function's own unless it names a destination.
        let deadLetters = deadLetterQueue ?? (wiring.hasAsyncSources && destination == nil ? Self.addDeadLetters(in: scope) : nil)
        if let deadLetters, deadLetterQueue == nil { statements += deadLetters.send.statements }

        FunctionLogGroup.add(in: scope)
        let role = ServiceRole(service: "lambda.amazonaws.com", description: "Execution role of \(scope.fullPath)",
                               statements: statements).add(in: scope)

        // An empty product is reported by `validate` alone. A missing asset is reported, and the function
        // is still added: its triggers, permissions and others' `invoke` grants refer to it, and would
        // otherwise each report a dangling reference. Synthesis fails on the error, so the empty key
        // is never rendered.
        let asset = productValid ? scope.asset(product: product) : nil
        var properties: TemplateMap = [
            "Architectures": [.string(architecture.rawValue)],
            "Code": ["S3Bucket": Asset.stagingBucket, "S3Key": .string(asset?.s3Key ?? "")],
            "Handler": "bootstrap",
            "LoggingConfig": ["LogFormat": "JSON", "LogGroup": scope.ref("LogGroup")],
            "MemorySize": .int(memory),
            "Role": role.arn,
            "Runtime": "provided.al2023",
            "Timeout": .int(timeout.whole(.seconds) ?? 0),  // checked in `validate`
        ]
        if !variables.isEmpty {
            properties["Environment"] = ["Variables": .map(variables)]
            if let key = scope.customerKey { properties["KmsKeyArn"] = key }
        }
        if let reservedConcurrency { properties["ReservedConcurrentExecutions"] = .int(reservedConcurrency) }
        if let description { properties["Description"] = .string(description) }
        if let deadLetters { properties["DeadLetterConfig"] = ["TargetArn": deadLetters.arn] }
        // The policy must exist before the function's event sources start polling.
        scope.resource("", Resource(type: "AWS::Lambda::Function", properties: properties, dependsOn: role.dependsOn))

        // Stream sources take their destination on the mapping; asynchronous ones here. AsyncInvoke
        // applies to every asynchronous caller, so it is emitted with or without an async trigger.
        let asyncDestination = wiring.hasAsyncSources ? destination : nil
        if asyncDestination != nil || asyncInvoke != nil {
            var config: TemplateMap = ["FunctionName": scope.ref(), "Qualifier": "$LATEST"]
            if let asyncDestination { config["DestinationConfig"] = ["OnFailure": ["Destination": asyncDestination.arn]] }
            for (key, value) in asyncInvoke?.properties(in: scope) ?? [:] { config[key] = value }
            scope.resource("InvokeConfig", Resource(type: "AWS::Lambda::EventInvokeConfig", properties: config))
        }
    }

    /// The default dead-letter queue of a function invoked asynchronously: child `DeadLetters`, kept
    /// for the longest retention SQS allows.
    private static func addDeadLetters(in scope: Scope) -> Queue {
        let queue = Queue("DeadLetters", retentionPeriod: Queue.maxRetention)
        scope.add(queue)
        return queue
    }

    /// Reports out-of-range settings; returns whether the product name can be looked up.
    private func validate(in scope: Scope) -> Bool {
        scope.check(memory, in: 128...10_240, property: "memory", unit: " MB")
        scope.check(timeout, in: 1...900, .seconds, property: "timeout")
        if let reservedConcurrency { scope.check(reservedConcurrency, in: 0...1_000, property: "reservedConcurrency") }
        if product.isEmpty {
            scope.error(.invalidProduct, "product name is empty", hint: "name an executable target in functions/", property: "product")
            return false
        }
        return true
    }

    private func checkContract(_ env: Env, in scope: Scope) {
        for key in env.required where env.values[key] == nil {
            scope.error(.envVarUnset, "environment variable \(key) of \(env.contract) is not set",
                        hint: "set it in Env(\(env.contract).self) { $0[...] = ... }", property: "environment.\(key)")
        }
        for (key, value) in env.values where key.hasPrefix("AWS_") || value == .null {
            scope.error(.envVarInvalid, "environment variable \(key) cannot be set",
                        hint: key.hasPrefix("AWS_") ? "names starting with AWS_ are reserved by Lambda" : "give it a value",
                        property: "environment.\(key)")
        }
    }
}

/// Action sets for Lambda and CloudWatch Logs grants.
public enum LambdaActions {
    public static let invoke = ["lambda:InvokeFunction"]
}

public enum LogsActions {
    /// What a function needs to write its own logs (the log group exists already).
    public static let write = ["logs:CreateLogStream", "logs:PutLogEvents"]
}
