import Estate
import Foundation
import StackCore
import StackInvoke
import StackctlCLI
import StackTemplate
import TestSupport
import XCTest

final class TemplateValueResolverTests: XCTestCase {
    static let settings = StackSettings(environment: "test", account: "123456789012", region: "eu-west-1", namePrefix: "t")

    private func stack(_ name: String = "Data", resources: [String: Resource], outputs: [String: Output] = [:],
                       parameters: [String: Parameter] = [:]) -> SynthesizedStack {
        var template = Template()
        template.resources = resources
        template.outputs = outputs
        template.parameters = parameters
        return SynthesizedStack(name: name, physicalName: "t-\(name)", template: template, dependencies: [],
                                terminationProtection: false, tags: [:], assets: [])
    }

    private let resources: [String: Resource] = [
        "Raw": Resource(type: "AWS::S3::Bucket", properties: ["BucketName": .sub("t-raw-${AWS::AccountId}", [:])]),
        "Quotes": Resource(type: "AWS::DynamoDB::Table", properties: ["TableName": "t-quotes"]),
        "Alerts": Resource(type: "AWS::SNS::Topic", properties: ["TopicName": "t-alerts"]),
        "Inbox": Resource(type: "AWS::SQS::Queue", properties: ["QueueName": "t-inbox"]),
        "Ticks": Resource(type: "AWS::Kinesis::Stream", properties: ["Name": "t-ticks"]),
        "Unnamed": Resource(type: "AWS::SQS::Queue", properties: [:]),
        "Role": Resource(type: "AWS::IAM::Role", properties: [:]),
    ]

    func testRefsAndAttributesFollowFromPhysicalNames() throws {
        let stack = stack(resources: resources)
        let resolver = TemplateValueResolver(settings: Self.settings, stacks: [stack])
        func r(_ value: TemplateValue) throws -> String { try resolver.resolve(value, in: stack) }
        XCTAssertEqual(try r(.ref("Raw")), "t-raw-123456789012")
        XCTAssertEqual(try r(.getAtt("Raw", "Arn")), "arn:aws:s3:::t-raw-123456789012")
        XCTAssertEqual(try r(.ref("Quotes")), "t-quotes")
        XCTAssertEqual(try r(.getAtt("Quotes", "Arn")), "arn:aws:dynamodb:eu-west-1:123456789012:table/t-quotes")
        XCTAssertEqual(try r(.ref("Alerts")), "arn:aws:sns:eu-west-1:123456789012:t-alerts", "Ref of a topic is its ARN")
        XCTAssertEqual(try r(.getAtt("Alerts", "TopicName")), "t-alerts")
        XCTAssertEqual(try r(.ref("Inbox")), "https://sqs.eu-west-1.amazonaws.com/123456789012/t-inbox", "Ref of a queue is its URL")
        XCTAssertEqual(try r(.getAtt("Inbox", "Arn")), "arn:aws:sqs:eu-west-1:123456789012:t-inbox")
        XCTAssertEqual(try r(.getAtt("Ticks", "Arn")), "arn:aws:kinesis:eu-west-1:123456789012:stream/t-ticks")
        XCTAssertEqual(try r(.sub("s3://${Raw}/raw/${AWS::Region}/${Alerts.TopicName}/${!Literal}", [:])),
                       "s3://t-raw-123456789012/raw/eu-west-1/t-alerts/${Literal}")
        XCTAssertEqual(try r(.sub("${Prefix}-${AWS::StackName}", ["Prefix": .ref("Quotes")])), "t-quotes-t-Data")
        XCTAssertEqual(try r(.join(":", [.ref("AWS::Partition"), .int(5), "x"])), "aws:5:x")

        // Against an emulator, queue URLs point at it.
        let local = TemplateValueResolver(settings: Self.settings, stacks: [stack], endpoint: "http://127.0.0.1:5000/")
        XCTAssertEqual(try local.resolve(.ref("Inbox"), in: stack), "http://127.0.0.1:5000/123456789012/t-inbox")
    }

    func testWhatOnlyADeployKnowsIsAnErrorSayingWhy() {
        let stack = stack(resources: resources)
        let resolver = TemplateValueResolver(settings: Self.settings, stacks: [stack])
        let cases: [(TemplateValue, String)] = [
            (.getAtt("Quotes", "StreamArn"), "creation time"),
            (.ref("Unnamed"), "sets no QueueName"),
            (.getAtt("Role", "Arn"), "sets no RoleName"),
            (.ref("Nothing"), "no parameter or resource of that name in Data"),
            (.ref("AWS::StackId"), "only known once the stack is deployed"),
            (.getAtt("Quotes", "Nope"), "cannot be computed locally"),
            (.select(0, .list(["a"])), "Fn::Select cannot be evaluated locally"),
            (.sub("${Raw", [:]), "a ${ without its }"),
        ]
        for (value, expected) in cases {
            XCTAssertThrowsError(try resolver.resolve(value, in: stack), "\(value)") {
                XCTAssertTrue("\($0)".contains(expected), "\(value): \($0)")
            }
        }
    }

    func testImportValueReadsTheExportingStackAndParametersTheirDefault() throws {
        let owner = stack("Owner", resources: resources, outputs: [
            "TopicArn": Output(value: .ref("Alerts"), exportName: .sub("${AWS::StackName}-TopicArn", [:])),
        ])
        let user = stack("User", resources: [:], parameters: [
            "Level": Parameter(type: "String", defaultValue: "INFO"), "Secret": Parameter(type: "String"),
        ])
        let resolver = TemplateValueResolver(settings: Self.settings, stacks: [owner, user])
        XCTAssertEqual(try resolver.resolve(.importValue("t-Owner-TopicArn"), in: user), "arn:aws:sns:eu-west-1:123456789012:t-alerts")
        XCTAssertEqual(try resolver.resolve(.ref("Level"), in: user), "INFO")
        XCTAssertThrowsError(try resolver.resolve(.importValue("t-Other-X"), in: user)) {
            XCTAssertTrue("\($0)".contains("no stack of the environment exports it"), "\($0)")
        }
        XCTAssertThrowsError(try resolver.resolve(.ref("Secret"), in: user)) {
            XCTAssertTrue("\($0)".contains("has no default"), "\($0)")
        }
    }

    /// The bundled estate's functions in the local environment: every variable resolves, to the names the
    /// templates give the bucket, table and topics.
    func testTheBundledFunctionsResolveForTheLocalEnvironment() throws {
        let (settings, definitions, _) = try AnyEstate(PipelineEstate.self).load("local", repositoryRoot.appendingPathComponent("environments"))
        let result = try Synthesizer(settings: settings, assets: pinnedAssets).synthesize(definitions)
        let resolver = TemplateValueResolver(settings: settings, stacks: result.stacks, endpoint: settings.endpoint)
        func function(_ stackName: String, _ logicalID: String, _ product: String) throws -> LocalFunction {
            let stack = try XCTUnwrap(result.stacks.first { $0.name == stackName })
            return try LocalFunction(logicalID: logicalID, in: stack, product: product, resolver: resolver)
        }
        let processing = try function("MarketStream", "Processing", "market-processing")
        XCTAssertEqual(processing.variables, [
            "RAW_BUCKET": "mkt-local-market-stream-raw-data-123456789012", "RAW_PREFIX": "raw-data/",
            "QUOTES_TABLE": "mkt-local-stock-market-data",
        ])
        XCTAssertEqual(processing.path, "MarketStream/Processing")
        XCTAssertEqual(processing.timeoutSeconds, 30)
        XCTAssertEqual(processing.memoryMB, 256)
        XCTAssertEqual(processing.functionName, "mkt-local-MarketStream-Processing")
        XCTAssertEqual(processing.functionARN, "arn:aws:lambda:us-east-1:123456789012:function:mkt-local-MarketStream-Processing")
        XCTAssertEqual(processing.logGroup, "/stackctl/mkt-local/MarketStream/Processing")

        let analysis = try function("MarketStream", "Analysis", "market-analysis")
        XCTAssertEqual(analysis.variables, [
            "QUOTES_TABLE": "mkt-local-stock-market-data",
            "ALERT_TOPIC_ARN": "arn:aws:sns:us-east-1:123456789012:mkt-local-market-stream-trend-alerts",
        ])
        XCTAssertEqual(analysis.timeoutSeconds, 60)

        let processor = try function("TickAlerts", "Processor", "tick-processor")
        XCTAssertEqual(processor.variables, [
            "BUCKET": "mkt-local-tick-alerts-processed-data-123456789012", "PROCESSED_PREFIX": "processed/",
            "SNS_TOPIC_ARN": "arn:aws:sns:us-east-1:123456789012:mkt-local-tick-alerts-stock-alerts", "ALERT_THRESHOLD": "1200.0",
        ])

        let environment = processor.processEnvironment(
            region: "us-east-1", runtimeAPI: "127.0.0.1:9", taskRoot: "/tmp/x",
            credentials: ["AWS_ACCESS_KEY_ID": "id", "AWS_SECRET_ACCESS_KEY": "secret"],
            endpoints: ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"], overrides: ["ALERT_THRESHOLD": "1"])
        XCTAssertEqual(environment["ALERT_THRESHOLD"], "1", "--set wins")
        XCTAssertEqual(environment["BUCKET"], "mkt-local-tick-alerts-processed-data-123456789012")
        XCTAssertEqual(environment["AWS_LAMBDA_RUNTIME_API"], "127.0.0.1:9")
        XCTAssertEqual(environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "256")
        XCTAssertEqual(environment["AWS_LAMBDA_LOG_FORMAT"], "JSON")
        XCTAssertEqual(environment["AWS_ENDPOINT_URL"], "http://127.0.0.1:5000")
        XCTAssertEqual(environment["AWS_REGION"], "us-east-1")
        XCTAssertEqual(environment["_HANDLER"], "bootstrap")
    }
}
