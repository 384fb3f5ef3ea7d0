import StackAWS
import StackCore
import StackDiff
import StackTemplate
import TestSupport
import XCTest

/// A SageMaker endpoint is a model, an endpoint configuration and the endpoint, serving a Hugging Face
/// model from the region's inference image, through a least-privilege execution role.
final class SageMakerEndpointTests: XCTestCase {
    static let modelID = "distilbert-base-uncased-finetuned-sst-2-english"
    static let image = "763104351884.dkr.ecr.us-east-2.amazonaws.com/huggingface-pytorch-inference:1.13.1-transformers4.26.0-cpu-py39-ubuntu20.04"

    private func arn(_ service: String, _ resource: String) -> TemplateValue {
        .join("", ["arn:", .partition, ":\(service):", .region, ":", .accountId, ":\(resource)"])
    }

    private func endpoint(_ capacity: EndpointCapacity = .serverless(), modelID: String = modelID, name: String? = nil) -> SageMakerEndpoint {
        SageMakerEndpoint("Sentiment", modelID: modelID, capacity: capacity, name: name)
    }

    func testServerlessEndpointHasAnUnnamedModelAndConfigAndANamedEndpoint() throws {
        let template = try template { endpoint(.serverless(memoryMB: 3072, maxConcurrency: 10)) }
        let model = try XCTUnwrap(template.resource("SentimentModel"))
        XCTAssertEqual(model.type, "AWS::SageMaker::Model")
        XCTAssertEqual(model.properties, [
            "ExecutionRoleArn": .getAtt("SentimentRole", "Arn"),
            "PrimaryContainer": [
                "Environment": ["HF_MODEL_ID": .string(Self.modelID), "HF_TASK": "text-classification"],
                "Image": .string(Self.image),
            ],
        ])
        XCTAssertEqual(model.dependsOn, ["SentimentPolicy"], "the role can pull the image before the model is created")
        XCTAssertEqual(template.resource("SentimentConfig")?.properties, [
            "ProductionVariants": [[
                "ModelName": .getAtt("SentimentModel", "ModelName"),
                "ServerlessConfig": ["MaxConcurrency": 10, "MemorySizeInMB": 3072],
                "VariantName": "AllTraffic",
            ]],
        ])
        let served = try XCTUnwrap(template.resource("Sentiment"))
        XCTAssertEqual(served.type, "AWS::SageMaker::Endpoint")
        XCTAssertEqual(served.properties, [
            "EndpointConfigName": .getAtt("SentimentConfig", "EndpointConfigName"),
            "EndpointName": "test-test-sentiment",
        ])
        XCTAssertEqual(served.constructPath, "Test/Sentiment")
        XCTAssertEqual(template.resources.count, 5, "Role, Policy, Model, Config, Endpoint")
    }

    func testInstanceCapacityIsAnInstanceVariant() throws {
        let template = try template { endpoint(.instances(type: "ml.m5.large", count: 2), name: "tweet-sentiment") }
        XCTAssertEqual(template.resource("SentimentConfig")?.properties["ProductionVariants"], [[
            "InitialInstanceCount": 2, "InitialVariantWeight": 1, "InstanceType": "ml.m5.large",
            "ModelName": .getAtt("SentimentModel", "ModelName"), "VariantName": "AllTraffic",
        ]])
        XCTAssertEqual(template.resource("Sentiment")?.properties["EndpointName"], "tweet-sentiment")
    }

    func testTheImageAccountFollowsTheRegionAndPartition() throws {
        for (region, uri) in [
            ("eu-south-1", "692866216735.dkr.ecr.eu-south-1.amazonaws.com"),
            ("cn-north-1", "727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn"),
            ("us-gov-west-1", "442386744353.dkr.ecr.us-gov-west-1.amazonaws.com"),
        ] {
            var settings = StackSettings.testing
            settings.region = region
            let model = try template(settings) { endpoint() }.resources["SentimentModel"]
            XCTAssertEqual(model?.properties["PrimaryContainer"]?["Image"],
                           .string("\(uri)/huggingface-pytorch-inference:\(HuggingFaceImage.tag)"), region)
        }
    }

    func testExecutionRoleOnlyPullsTheImageAndWritesTheEndpointsLogs() throws {
        let template = try template { endpoint() }
        XCTAssertEqual(template.resource("SentimentRole")?.properties["AssumeRolePolicyDocument"], [
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Principal": ["Service": "sagemaker.amazonaws.com"], "Action": "sts:AssumeRole"]],
        ])
        XCTAssertNil(template.resource("SentimentRole")?.properties["ManagedPolicyArns"], "not AmazonSageMakerFullAccess")
        XCTAssertEqual(template.resource("SentimentPolicy")?.properties["PolicyDocument"]?["Statement"], [
            ["Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"],
            ["Effect": "Allow",
             "Action": ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
             "Resource": .join("", ["arn:", .partition, ":ecr:", .region, ":763104351884:repository/huggingface-pytorch-inference"])],
            ["Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
             "Resource": arn("logs", "log-group:/aws/sagemaker/Endpoints/test-test-sentiment:*")],
        ])
    }

    func testInvokeGrantsInvokeEndpointOnTheEndpointsArn() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let sentiment = endpoint()
            sentiment
            Function("Fn", product: "fn") { Env(["ENDPOINT": sentiment.name]); Allow(sentiment.invoke) }
        })
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["sagemaker:InvokeEndpoint"], arn("sagemaker", "endpoint/test-test-sentiment")),
        ])
        XCTAssertEqual(template.resource("Fn")?.properties["Environment"]?["Variables"]?["ENDPOINT"], "test-test-sentiment")
    }

    /// A new model ID replaces the model and, through its generated name, the configuration; the endpoint
    /// keeps its name and is updated in place to the new configuration.
    func testDiffOfANewModelIDReplacesModelAndConfigAndUpdatesTheEndpoint() throws {
        let old = try template { endpoint() }
        let new = try template { endpoint(modelID: "cardiffnlp/twitter-roberta-base-sentiment-latest") }
        let diff = TemplateDiffer.diff(stack: "Test", old: old, new: new)
        let impacts = Dictionary(uniqueKeysWithValues: diff.resources.map { ($0.logicalID, $0.impact) })
        XCTAssertEqual(impacts, ["SentimentModel": .replace, "SentimentConfig": .replace, "Sentiment": .update])
    }

    /// Moving an environment from serverless to instances keeps the model and replaces only the configuration.
    func testDiffOfANewCapacityReplacesOnlyTheConfig() throws {
        let old = try template { endpoint(.serverless()) }
        let new = try template { endpoint(.instances(type: "ml.m5.large")) }
        let impacts = Dictionary(uniqueKeysWithValues: TemplateDiffer.diff(stack: "Test", old: old, new: new).resources.map { ($0.logicalID, $0.impact) })
        XCTAssertEqual(impacts, ["SentimentConfig": .replace, "Sentiment": .update])
    }

    /// The conformance example is serverless; the instance variant and another partition pass cfn-lint too.
    func testInstanceEndpointInChinaPassesCfnLint() throws {
        var settings = StackSettings.testing
        settings.region = "cn-north-1"
        assertLintClean(["sagemaker-instances": try template(settings) { endpoint(.instances(type: "ml.m5.large", count: 2)) }])
    }

    // MARK: Diagnostics

    func testUnknownRegionIsADiagnostic() {
        var settings = StackSettings.testing
        settings.region = "mars-east-1"
        let found = failures(settings) { endpoint() }
        assertDiagnostic(found, code: "invalid-sagemaker-endpoint", path: "Test/Sentiment", property: "modelID",
                         message: "no Hugging Face inference image is known for region mars-east-1")
        XCTAssertEqual(found.first?.hint?.contains("us-east-1"), true)
    }

    func testServerlessMemoryOutsideSageMakersSizesIsOutOfRange() {
        for memory in [512, 1500, 7168] {
            assertDiagnostic(failures { endpoint(.serverless(memoryMB: memory)) }, code: "out-of-range", path: "Test/Sentiment",
                             property: "capacity", message: "serverless memory \(memory) MB is not one of SageMaker's sizes")
        }
    }

    func testServerlessConcurrencyOutside1To200IsOutOfRange() {
        for concurrency in [0, 201] {
            assertDiagnostic(failures { endpoint(.serverless(maxConcurrency: concurrency)) }, code: "out-of-range",
                             path: "Test/Sentiment", property: "capacity",
                             message: "serverless max concurrency \(concurrency) is out of range")
        }
        XCTAssertNotNil(try? template { endpoint(.serverless(memoryMB: 6144, maxConcurrency: 200)) }, "the limits themselves are allowed")
    }

    func testInstanceCountBelowOneIsOutOfRange() {
        assertDiagnostic(failures { endpoint(.instances(type: "ml.m5.large", count: 0)) }, code: "out-of-range",
                         path: "Test/Sentiment", property: "capacity", message: "instance count 0 is out of range")
    }

    func testAnInstanceTypeThatIsNotMLIsADiagnostic() {
        assertDiagnostic(failures { endpoint(.instances(type: "m5.large")) }, code: "invalid-sagemaker-endpoint",
                         path: "Test/Sentiment", property: "capacity", message: "'m5.large' is not a SageMaker instance type")
    }

    func testAnInvalidEndpointNameIsADiagnostic() {
        assertDiagnostic(failures { endpoint(name: "Tweet_Sentiment") }, code: "invalid-sagemaker-endpoint", path: "Test/Sentiment",
                         property: "name", message: "endpoint name 'Tweet_Sentiment' may contain only lowercase letters, digits and hyphens")
        let long = String(repeating: "a", count: 64)
        assertDiagnostic(failures { endpoint(name: long) }, code: "invalid-sagemaker-endpoint", path: "Test/Sentiment",
                         property: "name", message: "the endpoint name '\(long)' is 64 characters; SageMaker allows 63")
    }

    func testAnEmptyModelIDIsADiagnostic() {
        assertDiagnostic(failures { endpoint(modelID: "") }, code: "invalid-sagemaker-endpoint", path: "Test/Sentiment",
                         property: "modelID", message: "model ID '' is not a Hugging Face Hub model ID")
    }
}
