import Foundation
import XCTest
@testable import AWSClient
import TestSupport

/// CloudFormation and STS against a ScriptedTransport: the form sent and the parsing of answers shaped
/// like AWS's own (from the CloudFormation API reference examples).
final class CloudFormationClientTests: XCTestCase {
    var transport: ScriptedTransport!
    var context: AWSContext!

    override func setUp() {
        transport = ScriptedTransport()
        context = AWSContext(credentials: Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"),
                             region: "us-east-2", transport: transport,
                             retryPolicy: RetryPolicy(maxRetries: 3, sleep: { _ in }),
                             now: { Date(timeIntervalSince1970: 1_709_285_415) })
    }

    func respond(_ xml: String, status: Int = 200) async {
        await transport.respond(HTTPResponse(status: status, headers: ["Content-Type": "text/xml"], body: Data(xml.utf8)),
                                method: "POST", path: "/")
    }

    func form(_ index: Int) async -> [String: String] {
        FormBody.decode(await transport.requests[index].body)
    }

    var client: CloudFormationClient { CloudFormationClient(context: context) }

    func testCreateChangeSetSendsEveryField() async throws {
        await respond("""
            <CreateChangeSetResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <CreateChangeSetResult>
                <Id>arn:aws:cloudformation:us-east-2:111111111111:changeSet/stackctl-1/1a2345b6-0000-00a0-a123-00abc0abc000</Id>
                <StackId>arn:aws:cloudformation:us-east-2:111111111111:stack/mkt-dev-MarketStream/1a2345b6-0000-00a0-a123-00abc0abc000</StackId>
              </CreateChangeSetResult>
              <ResponseMetadata><RequestId>1a2345b6-0000-00a0-a123-00abc0abc000</RequestId></ResponseMetadata>
            </CreateChangeSetResponse>
            """)
        let created = try await client.createChangeSet(.init(
            stackName: "mkt-dev-MarketStream", changeSetName: "stackctl-1", type: .create, templateBody: #"{"Resources":{}}"#,
            parameters: ["B": "2", "A": "1"], capabilities: [.iam, .namedIAM], tags: ["project": "x", "env": "dev"],
            clientToken: "tok-1"))
        XCTAssertTrue(created.changeSetId.hasSuffix(":changeSet/stackctl-1/1a2345b6-0000-00a0-a123-00abc0abc000"))
        XCTAssertEqual(created.stackId?.contains(":stack/mkt-dev-MarketStream/"), true)
        let sent = await form(0)
        XCTAssertEqual(sent["Action"], "CreateChangeSet")
        XCTAssertEqual(sent["Version"], "2010-05-15")
        XCTAssertEqual(sent["ChangeSetType"], "CREATE")
        XCTAssertEqual(sent["TemplateBody"], #"{"Resources":{}}"#)
        XCTAssertEqual(sent["Parameters.member.1.ParameterKey"], "A")
        XCTAssertEqual(sent["Parameters.member.2.ParameterValue"], "2")
        XCTAssertEqual(sent["Capabilities.member.1"], "CAPABILITY_IAM")
        XCTAssertEqual(sent["Capabilities.member.2"], "CAPABILITY_NAMED_IAM")
        XCTAssertEqual(sent["Tags.member.1.Key"], "env")
        XCTAssertEqual(sent["Tags.member.2.Value"], "x")
        XCTAssertEqual(sent["ClientToken"], "tok-1")
        XCTAssertNil(sent["TemplateURL"])
        let requests = await transport.requests
        XCTAssertTrue(requests[0].headers["Authorization"]?.contains("/us-east-2/cloudformation/aws4_request") == true)
        XCTAssertEqual(requests[0].url.absoluteString, "https://cloudformation.us-east-2.amazonaws.com/")
    }

    func testDescribeChangeSetReadsEveryPage() async throws {
        await respond("""
            <DescribeChangeSetResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeChangeSetResult>
                <ChangeSetId>arn:aws:cloudformation:us-east-2:111111111111:changeSet/cs/1</ChangeSetId>
                <StackId>arn:aws:cloudformation:us-east-2:111111111111:stack/s/1</StackId>
                <Status>CREATE_COMPLETE</Status>
                <ExecutionStatus>AVAILABLE</ExecutionStatus>
                <Changes>
                  <member>
                    <Type>Resource</Type>
                    <ResourceChange>
                      <Action>Modify</Action>
                      <LogicalResourceId>Quotes</LogicalResourceId>
                      <PhysicalResourceId>mkt-dev-quotes</PhysicalResourceId>
                      <ResourceType>AWS::DynamoDB::Table</ResourceType>
                      <Replacement>True</Replacement>
                      <Scope><member>Properties</member></Scope>
                      <Details>
                        <member>
                          <Evaluation>Static</Evaluation>
                          <ChangeSource>DirectModification</ChangeSource>
                          <Target><Attribute>Properties</Attribute><Name>KeySchema</Name><RequiresRecreation>Always</RequiresRecreation></Target>
                        </member>
                      </Details>
                    </ResourceChange>
                  </member>
                </Changes>
                <NextToken>page-2</NextToken>
              </DescribeChangeSetResult>
            </DescribeChangeSetResponse>
            """)
        await respond("""
            <DescribeChangeSetResponse><DescribeChangeSetResult>
              <Status>CREATE_COMPLETE</Status>
              <Changes><member><Type>Resource</Type><ResourceChange><Action>Add</Action>
                <LogicalResourceId>Alerts</LogicalResourceId><ResourceType>AWS::SNS::Topic</ResourceType></ResourceChange></member></Changes>
            </DescribeChangeSetResult></DescribeChangeSetResponse>
            """)
        let changeSet = try await client.describeChangeSet("cs", stackName: "s")
        XCTAssertEqual(changeSet.status, "CREATE_COMPLETE")
        XCTAssertEqual(changeSet.executionStatus, "AVAILABLE")
        XCTAssertEqual(changeSet.changes.map(\.logicalId), ["Quotes", "Alerts"])
        XCTAssertEqual(changeSet.changes[0].replacement, "True")
        XCTAssertEqual(changeSet.changes[0].details.first?.name, "KeySchema")
        XCTAssertEqual(changeSet.changes[0].details.first?.requiresRecreation, "Always")
        let second = await form(1)
        XCTAssertEqual(second["NextToken"], "page-2")
        XCTAssertFalse(changeSet.hasNoChanges)
    }

    func testNoChangesIsRecognizedFromStatusAndReason() async throws {
        await respond("""
            <DescribeChangeSetResponse><DescribeChangeSetResult>
              <Status>FAILED</Status><ExecutionStatus>UNAVAILABLE</ExecutionStatus>
              <StatusReason>The submitted information didn't contain changes. Submit different information to create a change set.</StatusReason>
              <Changes/>
            </DescribeChangeSetResult></DescribeChangeSetResponse>
            """)
        let changeSet = try await client.describeChangeSet("cs", stackName: "s")
        XCTAssertTrue(changeSet.hasNoChanges)
    }

    func testDescribeStacksParsesOutputsAndProtectionAndMissingIsNil() async throws {
        await respond("""
            <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeStacksResult><Stacks><member>
                <StackName>mkt-prod-MarketStream</StackName>
                <StackId>arn:aws:cloudformation:us-east-1:222222222222:stack/mkt-prod-MarketStream/abc</StackId>
                <CreationTime>2026-11-23T13:48:16.273Z</CreationTime>
                <StackStatus>UPDATE_COMPLETE</StackStatus>
                <EnableTerminationProtection>true</EnableTerminationProtection>
                <Outputs>
                  <member><OutputKey>StreamName</OutputKey><OutputValue>mkt-prod-ticks</OutputValue>
                    <Description>Kinesis stream</Description><ExportName>mkt-prod-StreamName</ExportName></member>
                </Outputs>
                <Tags><member><Key>project</Key><Value>stock-pipelines</Value></member></Tags>
              </member></Stacks></DescribeStacksResult>
            </DescribeStacksResponse>
            """)
        await respond("""
            <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id nope does not exist</Message></Error>
              <RequestId>5ccc7dcd-744c-11e5-be70-example</RequestId>
            </ErrorResponse>
            """, status: 400)
        let described = try await client.describeStack("mkt-prod-MarketStream")
        let stack = try XCTUnwrap(described)
        XCTAssertEqual(stack.status, "UPDATE_COMPLETE")
        XCTAssertTrue(stack.terminationProtection)
        XCTAssertEqual(stack.outputs, [.init(key: "StreamName", value: "mkt-prod-ticks", description: "Kinesis stream",
                                             exportName: "mkt-prod-StreamName")])
        XCTAssertEqual(stack.tags, ["project": "stock-pipelines"])
        let missing = try await client.describeStack("nope")
        XCTAssertNil(missing)
    }

    func testStackEventsAndResourcesArePaged() async throws {
        await respond("""
            <DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>
              <member><EventId>Queue-CREATE_FAILED-2026-11-23T10:00:05.000Z</EventId><StackName>s</StackName>
                <LogicalResourceId>Queue</LogicalResourceId><ResourceType>AWS::SQS::Queue</ResourceType>
                <Timestamp>2026-11-23T10:00:05.120Z</Timestamp><ResourceStatus>CREATE_FAILED</ResourceStatus>
                <ResourceStatusReason>Resource handler returned message: "Invalid request"</ResourceStatusReason>
                <ClientRequestToken>exec-1</ClientRequestToken></member>
            </StackEvents><NextToken>t2</NextToken></DescribeStackEventsResult></DescribeStackEventsResponse>
            """)
        await respond("""
            <ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries>
              <member><LogicalResourceId>Raw</LogicalResourceId><PhysicalResourceId>mkt-raw</PhysicalResourceId>
                <ResourceType>AWS::S3::Bucket</ResourceType><ResourceStatus>DELETE_FAILED</ResourceStatus>
                <ResourceStatusReason>The bucket you tried to delete is not empty</ResourceStatusReason></member>
            </StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>
            """)
        let events = try await client.describeStackEvents("s", nextToken: "t1")
        XCTAssertEqual(events.nextToken, "t2")
        let event = try XCTUnwrap(events.items.first)
        XCTAssertEqual(event.status, "CREATE_FAILED")
        XCTAssertEqual(event.reason, #"Resource handler returned message: "Invalid request""#)
        XCTAssertEqual(event.clientRequestToken, "exec-1")
        XCTAssertEqual(event.timestamp.timeIntervalSince1970, 1_795_428_005.12, accuracy: 0.001)
        let sentEvents = await form(0)
        XCTAssertEqual(sentEvents["NextToken"], "t1")
        let resources = try await client.listStackResources("s")
        XCTAssertEqual(resources.items.first?.statusReason, "The bucket you tried to delete is not empty")
    }

    func testExecuteIsNotRetriedAfterAmbiguousFailureButIsAfterThrottling() async throws {
        await respond("<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>", status: 400)
        await respond("<ExecuteChangeSetResponse><ExecuteChangeSetResult/></ExecuteChangeSetResponse>")
        try await client.executeChangeSet("cs", stackName: "s", clientRequestToken: "exec-1")
        await transport.respond(HTTPResponse(status: 500, body: Data("<html>oops</html>".utf8)))
        do {
            try await client.executeChangeSet("cs", stackName: "s", clientRequestToken: "exec-1")
            XCTFail("a 500 on ExecuteChangeSet must reach the caller")
        } catch let error as AWSError {
            XCTAssertEqual(error.status, 500)
        }
        let sent = await form(1)
        XCTAssertEqual(sent["ClientRequestToken"], "exec-1")
        let count = await transport.requests.count
        XCTAssertEqual(count, 3)
    }

    func testGetTemplateAndTerminationProtectionAndDelete() async throws {
        await respond("""
            <GetTemplateResponse><GetTemplateResult><TemplateBody>{"Resources":{"A":{"Type":"AWS::SNS::Topic"}}}</TemplateBody>
              <StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable></GetTemplateResult></GetTemplateResponse>
            """)
        await respond("<UpdateTerminationProtectionResponse><UpdateTerminationProtectionResult><StackId>x</StackId></UpdateTerminationProtectionResult></UpdateTerminationProtectionResponse>")
        await respond("<DeleteStackResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteStackResponse>")
        let body = try await client.getTemplate(stackName: "s")
        XCTAssertEqual(body, #"{"Resources":{"A":{"Type":"AWS::SNS::Topic"}}}"#)
        try await client.updateTerminationProtection("s", enabled: false)
        try await client.deleteStack("s", clientRequestToken: "del-1")
        let protection = await form(1), deletion = await form(2)
        XCTAssertEqual(protection["EnableTerminationProtection"], "false")
        XCTAssertEqual(deletion["ClientRequestToken"], "del-1")
    }

    func testCallerIdentityAndExpiredToken() async throws {
        await respond("""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:sts::123456789012:assumed-role/deployer/ci</Arn>
                <UserId>AROAEXAMPLE:ci</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """)
        await respond("""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error>
              <RequestId>r</RequestId>
            </ErrorResponse>
            """, status: 403)
        let sts = STSClient(context: context)
        let identity = try await sts.getCallerIdentity()
        XCTAssertEqual(identity.account, "123456789012")
        XCTAssertEqual(identity.arn, "arn:aws:sts::123456789012:assumed-role/deployer/ci")
        do {
            _ = try await sts.getCallerIdentity()
            XCTFail("expired credentials must fail")
        } catch let error as AWSError {
            XCTAssertTrue(error.isCredentialProblem)
        }
        let requests = await transport.requests
        XCTAssertEqual(requests[0].url.absoluteString, "https://sts.us-east-2.amazonaws.com/")
        XCTAssertEqual(String(decoding: requests[0].body, as: UTF8.self), "Action=GetCallerIdentity&Version=2011-06-15")
    }
}
