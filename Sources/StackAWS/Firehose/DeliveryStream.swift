import StackCore
import StackTemplate

/// A Firehose delivery stream that producers put records into (DirectPut) and that writes them, buffered and
/// compressed, under a prefix of one of the stack's buckets.
///
/// ```swift
/// DeliveryStream("Quotes", bucket: raw, prefix: "quotes/dt=!{timestamp:yyyy-MM-dd}/",
///                errorPrefix: "errors/quotes/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/")
/// ```
///
/// Buffering defaults to 5 MiB or 60 s (whichever comes first). Its role (children `Role`, `Policy`) writes
/// objects only under the two prefixes (`bucket/<static part>*`), lists only that bucket, and writes only
/// its own log stream (`LogGroup`, `LogStream`); with a customer managed key it encrypts the stream and the
/// objects with the stack's key. The stream has a known name (`<namePrefix>-<stack>-<path>` unless `name`).
public struct DeliveryStream: Referenceable {
    public enum Compression: String, Hashable, Sendable {
        case uncompressed = "UNCOMPRESSED", gzip = "GZIP", zip = "ZIP", snappy = "Snappy", hadoopSnappy = "HADOOP_SNAPPY"
    }

    public let id: String
    public let bucket: Bucket
    /// Where objects go; `!{timestamp:...}` expressions make date partitions.
    public let prefix: String
    /// Where records that failed go; with expressions in `prefix` it must contain `!{firehose:error-output-type}`.
    public let errorPrefix: String
    /// Buffer size in MiB (1–128).
    public let bufferSize: Int
    /// Buffer interval (0–900 s, whole seconds).
    public let bufferInterval: Duration
    public let compression: Compression
    public let dynamicPartitioning: DynamicPartitioning?
    public let explicitName: String?

    public init(
        _ id: String, bucket: Bucket, prefix: String, errorPrefix: String, bufferSize: Int = 5,
        bufferInterval: Duration = .seconds(60), compression: Compression = .gzip,
        dynamicPartitioning: DynamicPartitioning? = nil, name: String? = nil
    ) {
        self.id = id
        self.bucket = bucket
        self.prefix = prefix
        self.errorPrefix = errorPrefix
        self.bufferSize = bufferSize
        self.bufferInterval = bufferInterval
        self.compression = compression
        self.dynamicPartitioning = dynamicPartitioning
        self.explicitName = name
    }

    /// The smallest buffering Firehose accepts with dynamic partitioning.
    public static let dynamicPartitioningMinimum = (sizeMiB: 64, seconds: 60)

    // MARK: References

    /// The stream name (`Ref`).
    public var name: TemplateValue { ref() }
    /// The stream ARN (`Fn::GetAtt Arn`).
    public var arn: TemplateValue { attribute("Arn") }

    /// `name`, or `<namePrefix>-<stack>-<path>` in kebab case.
    public func physicalName(in scope: Scope) -> String { explicitName ?? scope.defaultPhysicalName }

    // MARK: Grants

    /// What a producer needs to put records (`firehose:PutRecord`, `firehose:PutRecordBatch`).
    public var put: Grant {
        Grant("put records into \(id)", actions: FirehoseActions.put, resources: [arn])
    }

    // MARK: Synthesis

    public func synthesize(in scope: Scope) {
        let streamName = physicalName(in: scope)
        let bucket = scope.declared(self.bucket, property: "bucket")
        let interval = scope.check(bufferInterval, in: 0...900, .seconds, property: "bufferInterval")
        validate(streamName, interval: interval, in: scope)

        let logGroup = FunctionLogGroup.add(in: scope)
        let logStream = "S3Delivery"
        scope.resource("LogStream", Resource(type: "AWS::Logs::LogStream", properties: [
            "LogGroupName": .string(logGroup), "LogStreamName": .string(logStream),
        ]))
        let bucketArn = bucket.arn
        let role = ServiceRole(service: "firehose.amazonaws.com", description: "Service role of Firehose delivery stream \(scope.fullPath)",
                               statements: roleStatements(bucket: bucket, bucketArn: bucketArn, logGroup: logGroup, logStream: logStream))
        let ready = role.add(in: scope)

        var destination: TemplateMap = [  // keys in sorted order: see TemplateMap
            "BucketARN": bucketArn,
            "BufferingHints": ["IntervalInSeconds": .int(interval), "SizeInMBs": .int(bufferSize)],
            "CloudWatchLoggingOptions": ["Enabled": true, "LogGroupName": .string(logGroup), "LogStreamName": .string(logStream)],
            "CompressionFormat": .string(compression.rawValue),
            "ErrorOutputPrefix": .string(errorPrefix),
            "Prefix": .string(prefix),
            "RoleARN": ready.arn,
        ]
        if bucket.encryption == nil, let key = scope.customerKey {
            destination["EncryptionConfiguration"] = ["KMSEncryptionConfig": ["AWSKMSKeyARN": key]]
        }
        if let dynamicPartitioning {
            destination["DynamicPartitioningConfiguration"] = ["Enabled": true, "RetryOptions": ["DurationInSeconds": 300]]
            destination["ProcessingConfiguration"] = dynamicPartitioning.processing
        }
        var properties: TemplateMap = [
            "DeliveryStreamName": .string(streamName),
            "DeliveryStreamType": "DirectPut",
            "ExtendedS3DestinationConfiguration": .map(destination),
        ]
        // Encrypted at rest in every environment, with the stack's key where asked: what checkov's Firehose checks
        // (CKV_AWS_240/241) require — for Terraform only; checkov 3.3.30 has no CloudFormation check of this type.
        if let key = scope.customerKey {
            properties["DeliveryStreamEncryptionConfigurationInput"] = ["KeyARN": key, "KeyType": "CUSTOMER_MANAGED_CMK"]
        } else {
            properties["DeliveryStreamEncryptionConfigurationInput"] = ["KeyType": "AWS_OWNED_CMK"]
        }
        scope.resource(Resource(type: "AWS::KinesisFirehose::DeliveryStream", properties: properties, dependsOn: ready.dependsOn))
    }

    /// Objects under the two prefixes, the bucket's listing and location, the key when the bucket uses it,
    /// and the stream's own log stream.
    func roleStatements(bucket: Bucket, bucketArn: TemplateValue, logGroup: String, logStream: String) -> [PolicyStatement] {
        let objects = [DeliveryPrefix.staticPart(prefix), DeliveryPrefix.staticPart(errorPrefix)]
        var seen = Set<String>()
        let resources = objects.filter { seen.insert($0).inserted }.map { part -> TemplateValue in "\(bucketArn)/\(part)*" }
        var statements = [
            PolicyStatement(actions: FirehoseActions.writeObjects, resources: resources),
            PolicyStatement(actions: FirehoseActions.bucket, resources: [bucketArn]),
        ]
        // A bucket with an explicit encryption does not use the stack's key.
        if bucket.encryption == nil { statements.append(.dataKey(DataKey.encrypt)) }
        statements.append(PolicyStatement(actions: FirehoseActions.writeLogs, resources: [
            Arn.build(service: "logs", resource: .string("log-group:\(logGroup):log-stream:\(logStream)")),
        ]))
        return statements
    }

    private func validate(_ streamName: String, interval: Int, in scope: Scope) {
        scope.checkName(streamName, what: "delivery stream name", problem: NameRules.deliveryStreamNameProblem(streamName),
                        code: .invalidDeliveryStream, hint: "use 1–64 letters, digits, '_', '.' or '-'")
        scope.check(bufferSize, in: 1...128, property: "bufferSize", unit: " MiB")
        if let dynamicPartitioning { validate(dynamicPartitioning, interval: interval, in: scope) }
        validatePrefixes(in: scope)
    }

    /// Each prefix's shape, then how the two relate (only when both are well formed).
    private func validatePrefixes(in scope: Scope) {
        let keys = dynamicPartitioning.map { Set($0.keys.keys) }
        var wellFormed = true
        for (what, value, isError, property) in [("prefix", prefix, false, "prefix"), ("error prefix", errorPrefix, true, "errorPrefix")] {
            if let problem = DeliveryPrefix.problem(value, what: what, isError: isError, dynamicKeys: keys) {
                scope.error(.invalidDeliveryStream, problem.message, hint: problem.hint, property: property)
                wellFormed = false
            }
        }
        guard wellFormed else { return }
        let dataFolder = DeliveryPrefix.folder(prefix)
        let prefixUsesExpressions = DeliveryPrefix.expressions(prefix).map { !$0.isEmpty } ?? false
        if prefixUsesExpressions, DeliveryPrefix.expressions(errorPrefix)?.contains(DeliveryPrefix.errorOutputType) == false {
            scope.error(.invalidErrorPrefix,
                        "the prefix uses expressions, so Firehose requires the error prefix to contain !{firehose:error-output-type}",
                        hint: "write e.g. errorPrefix: \"errors/!{firehose:error-output-type}/\(dataFolder)\"",
                        property: "errorPrefix")
        }
        if !dataFolder.isEmpty, DeliveryPrefix.staticPart(errorPrefix).hasPrefix(dataFolder) {
            // Failed records under the data prefix would be crawled as data.
            scope.error(.invalidErrorPrefix, "the error prefix '\(errorPrefix)' lies under the prefix '\(prefix)'",
                        hint: "start the prefix with a folder (\"quotes/...\") and the error prefix with another (\"errors/...\")",
                        property: "errorPrefix")
        }
    }

    /// AWS's buffering minimum for dynamic partitioning (cfn-lint does not check it), and keys the prefix uses.
    private func validate(_ dynamicPartitioning: DynamicPartitioning, interval: Int, in scope: Scope) {
        let minimum = Self.dynamicPartitioningMinimum
        if bufferSize < minimum.sizeMiB || interval < minimum.seconds {
            scope.error(.dynamicPartitioningBuffering,
                        "dynamic partitioning needs buffering of at least \(minimum.sizeMiB) MiB and \(minimum.seconds) s; "
                            + "this stream buffers \(bufferSize) MiB and \(interval) s",
                        hint: "pass bufferSize: \(max(bufferSize, minimum.sizeMiB)), bufferInterval: .seconds(\(max(interval, minimum.seconds))); "
                            + "or drop dynamicPartitioning (a !{timestamp:...} prefix needs none)",
                        property: "dynamicPartitioning")
        }
        if dynamicPartitioning.keys.isEmpty {
            scope.error(.invalidDeliveryStream, "dynamic partitioning has no keys",
                        hint: "extract a key: DynamicPartitioning(keys: [\"symbol\": \".symbol\"])", property: "dynamicPartitioning")
        }
        if DeliveryPrefix.expressions(prefix)?.contains(where: { $0.hasPrefix(DeliveryPrefix.queryKey) }) == false {
            scope.error(.invalidDeliveryStream, "dynamic partitioning is enabled but the prefix uses no !{partitionKeyFromQuery:...}",
                        hint: "add the keys to the prefix, e.g. \"quotes/symbol=!{partitionKeyFromQuery:symbol}/\"", property: "prefix")
        }
    }
}

/// Partitioning by fields of the records (`!{partitionKeyFromQuery:KEY}` in the prefix), extracted by jq
/// queries. Firehose allows it only with at least 64 MiB and 60 s of buffering, and only when the stream is
/// created: adding it to an existing stream fails on deploy.
public struct DynamicPartitioning: Hashable, Sendable {
    /// Key name → jq expression on the record, e.g. `["symbol": ".symbol"]`.
    public let keys: [String: String]

    public init(keys: [String: String]) { self.keys = keys }

    /// The metadata-extraction processor, keys sorted so the template is deterministic.
    var processing: TemplateValue {
        let query = "{" + keys.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",") + "}"
        return ["Enabled": true, "Processors": [[
            "Parameters": [
                ["ParameterName": "MetadataExtractionQuery", "ParameterValue": .string(query)],
                ["ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"],
            ],
            "Type": "MetadataExtraction",
        ]]]
    }
}
