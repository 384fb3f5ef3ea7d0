/// Every code a synthesis diagnostic can carry: stable, kebab-case, and the list the README's
/// diagnostics table is checked against. A new diagnostic adds its case here (in its area).
public enum DiagnosticCode: String, CaseIterable, Sendable {
    // Tree and references
    case duplicateID = "duplicate-id"
    case duplicateLogicalID = "duplicate-logical-id"
    case invalidID = "invalid-id"
    case logicalIDTooLong = "logical-id-too-long"
    case danglingReference = "dangling-reference"
    case ambiguousReference = "ambiguous-reference"
    case constructMismatch = "construct-mismatch"
    case undeclaredConstruct = "undeclared-construct"
    case targetNotInStack = "target-not-in-stack"
    case dependencyCycle = "dependency-cycle"
    case stackDependencyCycle = "stack-dependency-cycle"
    case duplicateStack = "duplicate-stack"
    case invalidStackName = "invalid-stack-name"
    // CloudFormation limits
    case tooManyResources = "too-many-resources"
    case tooManyOutputs = "too-many-outputs"
    case tooManyParameters = "too-many-parameters"
    case templateUploaded = "template-uploaded"
    case templateTooLarge = "template-too-large"
    // Names
    case invalidBucketName = "invalid-bucket-name"
    case invalidQueueName = "invalid-queue-name"
    case invalidTopicName = "invalid-topic-name"
    case invalidStreamName = "invalid-stream-name"
    case invalidTableName = "invalid-table-name"
    case invalidGlueDatabase = "invalid-glue-database"
    case invalidGlueTable = "invalid-glue-table"
    case invalidGlueCrawler = "invalid-glue-crawler"
    case invalidDeliveryStream = "invalid-delivery-stream"
    case invalidWorkgroup = "invalid-workgroup"
    case invalidNamedQuery = "invalid-named-query"
    case invalidOutputName = "invalid-output-name"
    case invalidOutput = "invalid-output"
    case duplicateOutput = "duplicate-output"
    case invalidParameterName = "invalid-parameter-name"
    case duplicateParameter = "duplicate-parameter"
    case invalidParameter = "invalid-parameter"
    case invalidEmail = "invalid-email"
    case invalidAttributeName = "invalid-attribute-name"
    case invalidSecretName = "invalid-secret-name"
    case invalidSageMakerEndpoint = "invalid-sagemaker-endpoint"
    // Values
    case outOfRange = "out-of-range"
    case inexactDuration = "inexact-duration"
    case invalidSchedule = "invalid-schedule"
    case invalidRule = "invalid-rule"
    case duplicateKey = "duplicate-key"
    case duplicateLifecycleRuleID = "duplicate-lifecycle-rule-id"
    case emptyLifecycleRule = "empty-lifecycle-rule"
    case noncurrentWithoutVersioning = "noncurrent-without-versioning"
    case invalidErrorPrefix = "invalid-error-prefix"
    case dynamicPartitioningBuffering = "dynamic-partitioning-buffering"
    // Functions and triggers
    case envVarUnset = "env-var-unset"
    case envVarInvalid = "env-var-invalid"
    case streamNotEnabled = "stream-not-enabled"
    case visibilityTimeoutTooShort = "visibility-timeout-too-short"
    case batchingWindowRequired = "batching-window-required"
    case batchingWindowUnsupported = "batching-window-unsupported"
    case duplicateOnFailure = "duplicate-on-failure"
    case duplicateAsyncInvoke = "duplicate-async-invoke"
    case invalidProduct = "invalid-product"
    case assetNotFound = "asset-not-found"
    case wildcardAction = "wildcard-action"
    case unsupportedSubscription = "unsupported-subscription"
    case duplicateSubscription = "duplicate-subscription"
    // Escape hatches
    case invalidResourceType = "invalid-resource-type"
    case invalidOverride = "invalid-override"

    /// The row of the README's diagnostics table the code belongs to.
    public var area: String {
        switch self {
        case .duplicateID, .duplicateLogicalID, .invalidID, .logicalIDTooLong, .danglingReference, .ambiguousReference,
             .constructMismatch, .undeclaredConstruct, .targetNotInStack, .dependencyCycle, .stackDependencyCycle,
             .duplicateStack, .invalidStackName:
            return "tree and references"
        case .tooManyResources, .tooManyOutputs, .tooManyParameters, .templateUploaded, .templateTooLarge:
            return "CloudFormation limits"
        case .invalidBucketName, .invalidQueueName, .invalidTopicName, .invalidStreamName, .invalidTableName,
             .invalidGlueDatabase, .invalidGlueTable, .invalidGlueCrawler, .invalidDeliveryStream, .invalidWorkgroup, .invalidNamedQuery, .invalidOutputName, .invalidOutput,
             .duplicateOutput, .invalidParameterName, .duplicateParameter, .invalidParameter, .invalidEmail, .invalidAttributeName,
             .invalidSecretName, .invalidSageMakerEndpoint:
            return "names"
        case .outOfRange, .inexactDuration, .invalidSchedule, .invalidRule, .duplicateKey, .duplicateLifecycleRuleID,
             .emptyLifecycleRule, .noncurrentWithoutVersioning, .invalidErrorPrefix, .dynamicPartitioningBuffering:
            return "values"
        case .envVarUnset, .envVarInvalid, .streamNotEnabled, .visibilityTimeoutTooShort, .batchingWindowRequired,
             .batchingWindowUnsupported, .duplicateOnFailure, .duplicateAsyncInvoke, .invalidProduct, .assetNotFound, .wildcardAction,
             .unsupportedSubscription, .duplicateSubscription:
            return "functions and triggers"
        case .invalidResourceType, .invalidOverride:
            return "escape hatches"
        }
    }
}
