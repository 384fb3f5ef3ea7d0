import AWSClient
import Foundation

/// Read-only checks of what a deploy created, through each service's own API (signed requests to an
/// emulator): buckets, functions and their code, event source mappings, tables, topics, queues.
public struct AWSProbe: Sendable {
    public let context: AWSContext

    public init(endpoint: String, region: String = "us-east-1") {
        context = AWSContext(credentials: Credentials(accessKeyId: "testing", secretAccessKey: "testing"), region: region,
                             endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": endpoint]),
                             retryPolicy: .none)
    }

    public struct Failure: Error, CustomStringConvertible { public let description: String }

    public var cloudFormation: CloudFormationClient { CloudFormationClient(context: context) }

    /// Physical IDs by logical ID of a deployed stack.
    public func resources(_ stackName: String) async throws -> [String: String] {
        var found: [String: String] = [:]
        for resource in try await cloudFormation.listStackResources(stackName).items {
            found[resource.logicalId] = resource.physicalId ?? ""
        }
        return found
    }

    public func bucketExists(_ bucket: String) async throws -> Bool {
        let url = S3Addressing(endpoint: context.endpoint(serviceId: "S3", hostPrefix: "s3"), region: context.region).url(bucket: bucket)
        do {
            _ = try await context.send(HTTPRequest(method: "HEAD", url: url), signingName: "s3")
            return true
        } catch let error as AWSError where error.status == 404 {
            return false
        }
    }

    /// Creates a secret holding a placeholder, as CloudFormation would from a `Secret` construct: moto's
    /// CloudFormation skips `AWS::SecretsManager::Secret` (../shared/AWS-NOTES.md), its API does not.
    public func createSecret(_ name: String, placeholder: String = "generated-placeholder") async throws {
        _ = try await context.jsonCall(context.endpoint(serviceId: "Secrets Manager", hostPrefix: "secretsmanager"),
                                       signingName: "secretsmanager", target: "secretsmanager.CreateSecret", jsonVersion: "1.1",
                                       body: ["Name": .string(name), "SecretString": .string(placeholder)])
    }

    /// Lambda GetFunction: the configuration (`CodeSha256`, `Runtime`, `Handler`...).
    public func function(_ name: String) async throws -> JSONValue {
        let base = context.endpoint(serviceId: "Lambda", hostPrefix: "lambda").url
        let response = try await context.send(
            HTTPRequest(method: "GET", url: base.appendingPathComponent("2015-03-31/functions/\(name)")), signingName: "lambda")
        guard let json = JSONValue.decode(response.body), let configuration = json["Configuration"] else {
            throw Failure(description: "GetFunction \(name): no Configuration")
        }
        return configuration
    }

    /// Event source ARNs of a function's mappings.
    public func eventSources(function name: String) async throws -> [String] {
        let base = context.endpoint(serviceId: "Lambda", hostPrefix: "lambda").url
        var components = URLComponents(url: base.appendingPathComponent("2015-03-31/event-source-mappings/"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "FunctionName", value: name)]
        let response = try await context.send(HTTPRequest(method: "GET", url: components.url!), signingName: "lambda")
        guard case .array(let mappings)? = JSONValue.decode(response.body)?["EventSourceMappings"] else {
            throw Failure(description: "ListEventSourceMappings \(name): no EventSourceMappings")
        }
        return mappings.compactMap { $0["EventSourceArn"]?.stringValue }.sorted()
    }

    /// DynamoDB DescribeTable's `Table`.
    public func table(_ name: String) async throws -> JSONValue {
        let json = try await context.jsonCall(context.endpoint(serviceId: "DynamoDB", hostPrefix: "dynamodb"), signingName: "dynamodb",
                                              target: "DynamoDB_20120810.DescribeTable", jsonVersion: "1.0",
                                              body: .object(["TableName": .string(name)]))
        guard let table = json["Table"] else { throw Failure(description: "DescribeTable \(name): no Table") }
        return table
    }

    public func queueURL(_ name: String) async throws -> String? {
        do {
            let json = try await context.jsonCall(context.endpoint(serviceId: "SQS", hostPrefix: "sqs"), signingName: "sqs",
                                                  target: "AmazonSQS.GetQueueUrl", jsonVersion: "1.0",
                                                  body: .object(["QueueName": .string(name)]))
            return json["QueueUrl"]?.stringValue
        } catch let error as AWSError where error.code.contains("NonExistentQueue") || error.code.contains("QueueDoesNotExist") {
            return nil
        }
    }

    public func topicArns() async throws -> [String] {
        let root = try await context.queryCall(serviceId: "SNS", hostPrefix: "sns", signingName: "sns",
                                               QueryParameters(action: "ListTopics", version: "2010-03-31"))
        return (root.first("Topics")?.children ?? []).compactMap { $0.string("TopicArn") }.sorted()
    }

    public func objectKeys(bucket: String) async throws -> [String] {
        let url = S3Addressing(endpoint: context.endpoint(serviceId: "S3", hostPrefix: "s3"), region: context.region)
            .url(bucket: bucket, query: "list-type=2")
        let response = try await context.send(HTTPRequest(method: "GET", url: url), signingName: "s3")
        guard let root = XMLElementNode.parse(response.body) else { throw Failure(description: "ListObjectsV2: not XML") }
        return root.children.filter { $0.name == "Contents" }.compactMap { $0.child("Key") }.sorted()
    }
}
