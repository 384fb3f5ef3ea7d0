import AWSClient
import Foundation
@testable import StackDeploy
import StackTemplate
import TestSupport

/// A scripted transport keyed by API action (`Action=` of Query calls, `METHOD s3` for S3): each
/// action answers from its own queue, in order, so a test scripts what each call returns without
/// fixing how polls interleave. An action with no answer left fails the request (and the test).
actor ActionTransport: Transport {
    struct Unscripted: Error, CustomStringConvertible { var description: String }

    private var queues: [String: [Result<HTTPResponse, any Error>]] = [:]
    private(set) var calls: [(action: String, form: [String: String])] = []

    func on(_ action: String, _ responses: HTTPResponse...) {
        queues[action, default: []] += responses.map { .success($0) }
    }

    func fail(_ action: String, with error: any Error) {
        queues[action, default: []].append(.failure(error))
    }

    func count(_ action: String) -> Int { calls.filter { $0.action == action }.count }
    func forms(_ action: String) -> [[String: String]] { calls.filter { $0.action == action }.map(\.form) }
    var leftover: [String] { queues.filter { !$0.value.isEmpty }.map(\.key).sorted() }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let form = FormBody.decode(request.body)
        let action = form["Action"] ?? "\(request.method) s3"
        calls.append((action, form))
        guard var queue = queues[action], !queue.isEmpty else {
            throw Unscripted(description: "unscripted \(action) (call #\(calls.count))")
        }
        let next = queue.removeFirst()
        queues[action] = queue
        return try next.get()
    }
}

/// CloudFormation and STS answers shaped like AWS's (API reference examples).
enum AWSXML {
    static func ok(_ xml: String) -> HTTPResponse { HTTPResponse(status: 200, headers: ["Content-Type": "text/xml"], body: Data(xml.utf8)) }

    static func error(_ code: String, _ message: String, status: Int = 400) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/xml"], body: Data("""
            <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error>
              <RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId>
            </ErrorResponse>
            """.utf8))
    }

    static func missing(_ stack: String) -> HTTPResponse { error("ValidationError", "Stack with id \(stack) does not exist") }

    static func identity(_ account: String) -> HTTPResponse {
        ok("""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
              <Arn>arn:aws:iam::\(account):user/deployer</Arn><UserId>AIDAEXAMPLE</UserId><Account>\(account)</Account>
            </GetCallerIdentityResult></GetCallerIdentityResponse>
            """)
    }

    static func stack(_ name: String, status: String, reason: String? = nil, protection: Bool = false,
                      outputs: [(String, String)] = []) -> HTTPResponse {
        let outputXML = outputs.map { "<member><OutputKey>\($0.0)</OutputKey><OutputValue>\($0.1)</OutputValue></member>" }.joined()
        return ok("""
            <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>
              <StackName>\(name)</StackName><StackId>\(stackId(name))</StackId>
              <CreationTime>2026-11-23T10:00:00.000Z</CreationTime><StackStatus>\(status)</StackStatus>
              \(reason.map { "<StackStatusReason>\($0)</StackStatusReason>" } ?? "")
              <EnableTerminationProtection>\(protection)</EnableTerminationProtection>
              <Outputs>\(outputXML)</Outputs>
            </member></Stacks></DescribeStacksResult></DescribeStacksResponse>
            """)
    }

    static func stackId(_ name: String) -> String { "arn:aws:cloudformation:us-east-1:123456789012:stack/\(name)/4f1b0e40-0000-11f0-a000-0a1b2c3d4e5f" }

    static func created(_ stack: String, changeSet: String = "cs") -> HTTPResponse {
        ok("""
            <CreateChangeSetResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><CreateChangeSetResult>
              <Id>arn:aws:cloudformation:us-east-1:123456789012:changeSet/\(changeSet)/7e0a6b1c</Id><StackId>\(stackId(stack))</StackId>
            </CreateChangeSetResult></CreateChangeSetResponse>
            """)
    }

    /// (action, logicalId, type, replacement)
    static func changeSet(_ stack: String, status: String = "CREATE_COMPLETE", reason: String? = nil, execution: String = "AVAILABLE",
                          changes: [(String, String, String, String?)]) -> HTTPResponse {
        let members = changes.map { change in
            """
            <member><Type>Resource</Type><ResourceChange><Action>\(change.0)</Action><LogicalResourceId>\(change.1)</LogicalResourceId>
              <ResourceType>\(change.2)</ResourceType>\(change.3.map { "<Replacement>\($0)</Replacement>" } ?? "")
            </ResourceChange></member>
            """
        }.joined()
        return ok("""
            <DescribeChangeSetResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeChangeSetResult>
              <ChangeSetId>arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/7e0a6b1c</ChangeSetId>
              <StackId>\(stackId(stack))</StackId><StackName>\(stack)</StackName>
              <Status>\(status)</Status><ExecutionStatus>\(execution)</ExecutionStatus>
              \(reason.map { "<StatusReason>\($0)</StatusReason>" } ?? "")
              <Changes>\(members)</Changes>
            </DescribeChangeSetResult></DescribeChangeSetResponse>
            """)
    }

    /// Events newest first, as AWS lists them: (id, logicalId, type, status, reason, seconds after 10:00:00).
    static func events(_ stack: String, _ events: [(String, String, String, String, String?, Double)]) -> HTTPResponse {
        let members = events.sorted { $0.5 > $1.5 }.map { event in
            let stamp = String(format: "2026-11-23T10:%02d:%06.3fZ", Int(event.5) / 60, event.5.truncatingRemainder(dividingBy: 60))
            return """
                <member><EventId>\(event.0)</EventId><StackId>\(stackId(stack))</StackId><StackName>\(stack)</StackName>
                  <LogicalResourceId>\(event.1)</LogicalResourceId><ResourceType>\(event.2)</ResourceType>
                  <Timestamp>\(stamp)</Timestamp><ResourceStatus>\(event.3)</ResourceStatus>
                  \(event.4.map { "<ResourceStatusReason>\($0)</ResourceStatusReason>" } ?? "")
                </member>
                """
        }.joined()
        return ok("<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>\(members)</StackEvents></DescribeStackEventsResult></DescribeStackEventsResponse>")
    }

    static func resources(_ items: [(String, String, String, String, String?)]) -> HTTPResponse {
        let members = items.map {
            "<member><LogicalResourceId>\($0.0)</LogicalResourceId><ResourceType>\($0.1)</ResourceType><PhysicalResourceId>\($0.2)</PhysicalResourceId><ResourceStatus>\($0.3)</ResourceStatus>\($0.4.map { "<ResourceStatusReason>\($0)</ResourceStatusReason>" } ?? "")</member>"
        }.joined()
        return ok("<ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries>\(members)</StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>")
    }

    static func template(_ text: String) -> HTTPResponse {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return ok("<GetTemplateResponse><GetTemplateResult><TemplateBody>\(escaped)</TemplateBody></GetTemplateResult></GetTemplateResponse>")
    }

    static func empty(_ action: String) -> HTTPResponse {
        ok("<\(action)Response><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></\(action)Response>")
    }
}

/// Captured engine output and an IO that never waits and answers questions from a script.
final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private var outLines: [String] = []
    private var errLines: [String] = []
    var out: String { lock.lock(); defer { lock.unlock() }; return outLines.joined(separator: "\n") }
    var err: String { lock.lock(); defer { lock.unlock() }; return errLines.joined(separator: "\n") }

    func io(answer: Bool? = nil, stop: StopSignal = StopSignal(), onSleep: @escaping @Sendable () -> Void = {}) -> DeployIO {
        DeployIO(out: { line in self.lock.lock(); self.outLines.append(line); self.lock.unlock() },
                 err: { line in self.lock.lock(); self.errLines.append(line); self.lock.unlock() },
                 ask: { _ in answer }, sleep: { _ in onSleep() }, stop: stop, pollInterval: 0)
    }
}

func scriptedContext(_ transport: ActionTransport) -> AWSContext {
    AWSContext(credentials: Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"), region: "us-east-1",
               transport: transport, retryPolicy: RetryPolicy(maxRetries: 3, sleep: { _ in }))
}

/// A small stack: a queue and a function with its role, paths in metadata.
func sampleStack(name: String = "App", stackName: String = "app-dev-App", protection: Bool = false,
                 policyActions: [String] = ["sqs:SendMessage"]) -> StackToDeploy {
    let template = Template(resources: [
        "Queue": Resource(type: "AWS::SQS::Queue", properties: ["QueueName": "app-dev-queue"],
                          metadata: [Resource.pathMetadataKey: "App/Queue"]),
        "Worker": Resource(type: "AWS::Lambda::Function", properties: ["Handler": "bootstrap"],
                           metadata: [Resource.pathMetadataKey: "App/Worker"]),
        "WorkerPolicy": Resource(type: "AWS::IAM::Policy", properties: [
            "PolicyName": "WorkerPolicy",
            "PolicyDocument": ["Statement": .list(policyActions.map { ["Effect": "Allow", "Action": .string($0), "Resource": "*"] })],
        ], metadata: [Resource.pathMetadataKey: "App/Worker/Policy"]),
    ])
    return StackToDeploy(name: name, stackName: stackName, templateBody: (try? JSONRenderer.render(template, pretty: false)) ?? "{}",
                         template: template, terminationProtection: protection, tags: ["team": "data"])
}
