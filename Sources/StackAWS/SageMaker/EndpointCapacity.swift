import StackCore
import StackTemplate

/// How a `SageMakerEndpoint` runs: serverless (billed per request, cold starts) or on instances. Chosen
/// per environment by the stack, e.g. `settings.environment == "prod" ? .instances(...) : .serverless(...)`.
public enum EndpointCapacity: Sendable, Hashable {
    /// `memoryMB` 1024–6144 in steps of 1024, `maxConcurrency` 1–200 (SageMaker's serverless limits).
    case serverless(memoryMB: Int = 2048, maxConcurrency: Int = 5)
    /// An `ml.*` instance type and how many instances.
    case instances(type: String, count: Int = 1)

    public static let serverlessMemory = 1024...6144
    public static let serverlessMemoryStep = 1024
    public static let serverlessConcurrency = 1...200

    /// The one production variant of the endpoint configuration, serving all traffic.
    func variant(model: TemplateValue) -> TemplateValue {
        switch self {
        case .serverless(let memory, let concurrency):
            return [
                "ModelName": model,
                "ServerlessConfig": ["MaxConcurrency": .int(concurrency), "MemorySizeInMB": .int(memory)],
                "VariantName": "AllTraffic",
            ]
        case .instances(let type, let count):
            return [
                "InitialInstanceCount": .int(count),
                "InitialVariantWeight": 1,
                "InstanceType": .string(type),
                "ModelName": model,
                "VariantName": "AllTraffic",
            ]
        }
    }

    /// Reports SageMaker's limits as diagnostics on `capacity`.
    func validate(in scope: Scope) {
        switch self {
        case .serverless(let memory, let concurrency):
            if !Self.serverlessMemory.contains(memory) || memory % Self.serverlessMemoryStep != 0 {
                scope.error(.outOfRange, "serverless memory \(memory) MB is not one of SageMaker's sizes",
                            hint: "use 1024, 2048, 3072, 4096, 5120 or 6144", property: "capacity")
            }
            if !Self.serverlessConcurrency.contains(concurrency) {
                scope.error(.outOfRange, "serverless max concurrency \(concurrency) is out of range",
                            hint: "use a value from 1 to 200", property: "capacity")
            }
        case .instances(let type, let count):
            if !Self.isInstanceType(type) {
                scope.error(.invalidSageMakerEndpoint, "'\(type)' is not a SageMaker instance type",
                            hint: "write an ml.* type, e.g. ml.m5.large", property: "capacity")
            }
            if count < 1 {
                scope.error(.outOfRange, "instance count \(count) is out of range",
                            hint: "use 1 or more instances", property: "capacity")
            }
        }
    }

    /// `ml.<family>.<size>`: lowercase letters, digits and dots.
    static func isInstanceType(_ type: String) -> Bool {
        let parts = type.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "ml"
            && parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
    }
}
