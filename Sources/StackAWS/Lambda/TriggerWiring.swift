import StackCore
import StackTemplate

/// Adds the resources each trigger needs inside the function's scope and returns the grants the
/// function's role needs for it (a stream trigger reads its stream; an S3 trigger needs none).
struct TriggerWiring {
    let function: Function
    let scope: Scope
    let destination: FailureDestination?
    /// Whether any trigger invokes the function asynchronously (S3, schedule): then an on-failure
    /// destination applies to those invocations.
    private(set) var hasAsyncSources = false
    private var schedules = 0
    private var usedNames: Set<String> = []

    init(function: Function, scope: Scope, destination: FailureDestination?) {
        self.function = function
        self.scope = scope
        self.destination = destination
    }

    /// Checks read the declared source (`Scope.declared`), not the copy the trigger was handed.
    mutating func add(_ trigger: Trigger) -> [PolicyStatement] {
        switch trigger.source {
        case .kinesis(let stream, let options):
            let stream = scope.declared(stream, property: "trigger")
            streamMapping(name: unique(stream.id + "Source"), arn: stream.arn, options: options)
            return stream.read.statements
        case .dynamoDB(let table, let options):
            let table = scope.declared(table, property: "trigger")
            guard table.stream != nil else {
                scope.error(.streamNotEnabled, "DynamoDB stream trigger needs a stream on \(scope.stackName)/\(table.id)",
                            hint: "pass stream: .newImage to Table(\"\(table.id)\", ...)", property: "trigger")
                return []
            }
            streamMapping(name: unique(table.id + "StreamSource"), arn: table.streamArn, options: options)
            return table.streamRead.statements
        case .sqs(let queue, let batchSize, let window, let report, let maxConcurrency):
            let queue = scope.declared(queue, property: "trigger")
            sqsMapping(queue, batchSize: batchSize, window: window, report: report, maxConcurrency: maxConcurrency)
            return queue.consume.statements
        case .s3(let bucket, let events, let prefix, let suffix):
            let bucket = scope.declared(bucket, property: "trigger")
            hasAsyncSources = true
            s3Notification(bucket, events: events, prefix: prefix, suffix: suffix)
            return []
        case .schedule(let schedule, let input):
            hasAsyncSources = true
            ScheduleRule.add(in: scope, name: scheduleName(), schedule: schedule,
                             functionArn: scope.getAtt("", "Arn"), input: input)
            return []
        }
    }

    /// `Schedule`, `Schedule2`…: the rule and its `<name>Permission` must both be free (an S3 trigger on a
    /// bucket named `Schedule` takes `SchedulePermission`).
    private mutating func scheduleName() -> String {
        while true {
            schedules += 1
            let name = schedules == 1 ? "Schedule" : "Schedule\(schedules)"
            if !usedNames.contains(name), !usedNames.contains(name + "Permission") {
                usedNames.insert(name)
                usedNames.insert(name + "Permission")
                return name
            }
        }
    }

    private mutating func unique(_ name: String) -> String {
        var candidate = name
        var n = 2
        while !usedNames.insert(candidate).inserted { candidate = name + String(n); n += 1 }
        return candidate
    }

    private func streamMapping(name: String, arn: TemplateValue, options: Trigger.StreamOptions) {
        scope.check(options.batchSize, in: 1...10_000, property: "batchSize")
        let window = options.batchingWindow.map { scope.check($0, in: 0...300, .seconds, property: "batchingWindow") }
        if let r = options.retries { scope.check(r, in: -1...10_000, property: "retries") }
        if let p = options.parallelization { scope.check(p, in: 1...10, property: "parallelization") }
        var properties: TemplateMap = [
            "BatchSize": .int(options.batchSize),
            "EventSourceArn": arn,
            "FunctionName": scope.ref(),
            "StartingPosition": .string(options.start.rawValue),
        ]
        if let window { properties["MaximumBatchingWindowInSeconds"] = .int(window) }
        if let r = options.retries { properties["MaximumRetryAttempts"] = .int(r) }
        if options.bisectOnError { properties["BisectBatchOnFunctionError"] = true }
        if let p = options.parallelization { properties["ParallelizationFactor"] = .int(p) }
        if options.reportBatchItemFailures { properties["FunctionResponseTypes"] = ["ReportBatchItemFailures"] }
        if let destination { properties["DestinationConfig"] = ["OnFailure": ["Destination": destination.arn]] }
        scope.resource(name, Resource(type: "AWS::Lambda::EventSourceMapping", properties: properties))
    }

    private mutating func sqsMapping(_ queue: Queue, batchSize: Int, window: Duration?, report: Bool, maxConcurrency: Int?) {
        let limit = queue.fifo ? 10 : 10_000
        scope.check(batchSize, in: 1...limit, property: "batchSize")
        // Lambda does not support a batching window on FIFO queues (Lambda Developer Guide, SQS event source
        // mapping parameters): for them a batch over 10 is only out of range, and advising a window would not help.
        if queue.fifo {
            if let window, window > .zero {
                scope.error(.batchingWindowUnsupported, "the FIFO queue \(queue.id) does not support a batching window",
                            hint: "remove batchingWindow: Lambda reads FIFO queues without one", property: "batchingWindow")
            }
        } else {
            if batchSize > 10, (window ?? .zero) < .seconds(1) {
                scope.error(.batchingWindowRequired, "an SQS batch size over 10 needs a batching window",
                            hint: "pass batchingWindow: .seconds(1) or more, or use batchSize: 10", property: "batchingWindow")
            }
        }
        let windowSeconds = queue.fifo ? nil : window.map { scope.check($0, in: 0...300, .seconds, property: "batchingWindow") }
        if let maxConcurrency { scope.check(maxConcurrency, in: 2...1_000, property: "maxConcurrency") }
        if queue.visibilityTimeout < function.timeout {
            scope.error(.visibilityTimeoutTooShort,
                        "queue \(queue.id) has a visibility timeout of \(queue.visibilityTimeout.formatted(in: .seconds)), shorter than the function timeout of \(function.timeout.formatted(in: .seconds))",
                        hint: "set visibilityTimeout: \((function.timeout * 6).code) on Queue(\"\(queue.id)\") (AWS recommends six times the timeout)",
                        property: "trigger")
        }
        var properties: TemplateMap = [
            "BatchSize": .int(batchSize),
            "EventSourceArn": queue.arn,
            "FunctionName": scope.ref(),
        ]
        if let windowSeconds { properties["MaximumBatchingWindowInSeconds"] = .int(windowSeconds) }
        if report { properties["FunctionResponseTypes"] = ["ReportBatchItemFailures"] }
        if let maxConcurrency { properties["ScalingConfig"] = ["MaximumConcurrency": .int(maxConcurrency)] }
        scope.resource(unique(queue.id + "Source"), Resource(type: "AWS::Lambda::EventSourceMapping", properties: properties))
    }

    /// The bucket's notification refers to the function, and the permission refers to the bucket by its
    /// physical name (see `Bucket`), so the bucket can depend on the permission without a cycle.
    private mutating func s3Notification(_ bucket: Bucket, events: [String], prefix: String?, suffix: String?) {
        let permissionName = unique(bucket.id + "Permission")
        // The bucket's ARN resolves to a literal built from its physical name: no dependency on it.
        let permissionID = scope.resource(permissionName, LambdaPermission.invoke(
            scope.getAtt("", "Arn"), by: "s3.amazonaws.com", sourceArn: bucket.arn, sourceAccount: .accountId))
        var filterRules: [TemplateValue] = []
        if let prefix { filterRules.append(["Name": "prefix", "Value": .string(prefix)]) }
        if let suffix { filterRules.append(["Name": "suffix", "Value": .string(suffix)]) }
        let functionArn = scope.getAtt("", "Arn")
        var configurations: [TemplateValue] = []
        for event in events {
            var configuration: [String: TemplateValue] = ["Event": .string(event), "Function": functionArn]
            if !filterRules.isEmpty { configuration["Filter"] = ["S3Key": ["Rules": .list(filterRules)]] }
            configurations.append(.map(configuration))
        }
        scope.amend(target: bucket.id) { resource in
            var notification = resource.properties["NotificationConfiguration"].flatMap { value -> [String: TemplateValue]? in
                if case .map(let fields) = value { return fields.dictionary } else { return nil }
            } ?? [:]
            var existing: [TemplateValue] = []
            if case .list(let items)? = notification["LambdaConfigurations"] { existing = items }
            notification["LambdaConfigurations"] = .list(existing + configurations)
            resource.properties["NotificationConfiguration"] = .map(notification)
            if !resource.dependsOn.contains(permissionID) { resource.dependsOn.append(permissionID) }
        }
    }
}
