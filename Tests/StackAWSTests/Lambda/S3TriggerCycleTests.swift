import StackAWS
import StackCore
import StackTemplate
import TestSupport
import XCTest

/// The tweet-sentiment estate's enrichment: a function triggered by `raw/` uploads to a bucket, reading
/// them and writing `enriched/` to the same bucket. With `Fn::GetAtt Arn` in the policy this is the
/// bucket → permission → function → policy → bucket cycle CDK needs a custom resource for; the
/// bucket's literal physical name breaks it.
final class S3TriggerCycleTests: XCTestCase {
    private let bucketName = "test-test-tweets-123456789012"

    @StackBuilder private func enrichment() -> StackBody {
        let tweets = Bucket("Tweets")
        let failed = Queue("FailedEnrichments")
        tweets
        failed
        Function("Enrich", product: "fn") {
            Trigger.s3(tweets, prefix: "raw/")
            Allow(tweets.read(keys: "raw/*"), tweets.write(keys: "enriched/*"))
            OnFailure(.queue(failed))
            AsyncInvoke(retries: 1, maxEventAge: .hours(1))
        }
    }

    func testFunctionWritingTheBucketThatTriggersItHasNoCycle() throws {
        let template = try XCTUnwrap(synthesizeLambda { enrichment() })
        let graph = DependencyGraph(template)
        graph.assertNoCycle()
        XCTAssertEqual(graph.edges["Tweets"], ["EnrichTweetsPermission", "Enrich"])
        XCTAssertFalse(graph.reaches("Enrich", "Tweets"))
        XCTAssertFalse(graph.reaches("EnrichPolicy", "Tweets"))
        XCTAssertEqual(template.resources["Tweets"]?.dependsOn, ["EnrichTweetsPermission"])

        XCTAssertEqual(template.resources["Tweets"]?.properties["NotificationConfiguration"], [
            "LambdaConfigurations": [[
                "Event": "s3:ObjectCreated:*",
                "Function": .getAtt("Enrich", "Arn"),
                "Filter": ["S3Key": ["Rules": [["Name": "prefix", "Value": "raw/"]]]],
            ]],
        ])
        XCTAssertEqual(template.resources["EnrichTweetsPermission"]?.properties, [
            "Action": "lambda:InvokeFunction",
            "FunctionName": .getAtt("Enrich", "Arn"),
            "Principal": "s3.amazonaws.com",
            "SourceAccount": .ref("AWS::AccountId"),
            "SourceArn": literalBucketArn(bucketName),
        ])
        XCTAssertEqual(policyStatements(template, "Enrich"), [
            logsStatement("Enrich"),
            statement(["s3:GetObject"], literalBucketArn(bucketName, "/raw/*")),
            statement(["s3:ListBucket"], literalBucketArn(bucketName), condition: ["StringLike": ["s3:prefix": ["raw/*"]]]),
            statement(["s3:AbortMultipartUpload", "s3:PutObject"], literalBucketArn(bucketName, "/enriched/*")),
            statement(["sqs:SendMessage"], .getAtt("FailedEnrichments", "Arn")),
        ])
        // S3 invokes asynchronously: what fails every retry goes to the named queue, not a default one.
        let invokeConfig = try XCTUnwrap(template.resources["EnrichInvokeConfig"])
        XCTAssertEqual(invokeConfig.type, "AWS::Lambda::EventInvokeConfig")
        XCTAssertEqual(invokeConfig.properties, [
            "FunctionName": .ref("Enrich"),
            "Qualifier": "$LATEST",
            "DestinationConfig": ["OnFailure": ["Destination": .getAtt("FailedEnrichments", "Arn")]],
            "MaximumRetryAttempts": 1,
            "MaximumEventAgeInSeconds": 3600,
        ])
        XCTAssertNil(template.resources["EnrichDeadLetters"])
    }

    func testEnrichmentStackPassesCfnLintWithoutCircularDependency() throws {
        let template = try XCTUnwrap(synthesizeLambda { enrichment() })
        let result = try CfnLint.run(["enrichment": template])
        XCTAssertFalse(result.output.contains("E3004"), result.output)
        XCTAssertEqual(result.status, 0, "cfn-lint failed:\n\(result.output)")
    }

    /// The control: the same stack with the permission naming the bucket by `Fn::GetAtt`, as it would
    /// without literal names, is the cycle cfn-lint reports (so the clean run above means something).
    func testCfnLintReportsTheCycleWhenThePermissionUsesGetAtt() throws {
        var template = try XCTUnwrap(synthesizeLambda { enrichment() })
        template.resources["EnrichTweetsPermission"]?.properties["SourceArn"] = .getAtt("Tweets", "Arn")
        let result = try CfnLint.run(["enrichment": template])
        XCTAssertTrue(result.output.contains("E3004"), result.output)
    }
}

/// `AsyncInvoke`: Lambda's retry and event-age settings for asynchronous invocations.
final class AsyncInvokeTests: XCTestCase {
    func testAsyncInvokeWithoutDestinationKeepsTheDefaultDeadLetterQueue() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let uploads = Bucket("Uploads")
            uploads
            Function("Fn", product: "fn") {
                Trigger.s3(uploads)
                AsyncInvoke(retries: 0)
            }
        })
        XCTAssertEqual(template.resources["FnInvokeConfig"]?.properties,
                       ["FunctionName": .ref("Fn"), "Qualifier": "$LATEST", "MaximumRetryAttempts": 0])
        XCTAssertEqual(template.resources["Fn"]?.properties["DeadLetterConfig"], ["TargetArn": .getAtt("FnDeadLetters", "Arn")])
    }

    func testOutOfRangeRetriesAndEventAge() {
        let errors = lambdaFailures {
            Function("Fn", product: "fn") { AsyncInvoke(retries: 3, maxEventAge: .hours(7)) }
        }
        XCTAssertEqual(errors, [
            Diagnostic(.error, path: "Test/Fn", property: "maxEventAge", code: "out-of-range",
                       message: "maxEventAge 25200 s is out of range", hint: "use a duration from .minutes(1) to .hours(6)"),
            Diagnostic(.error, path: "Test/Fn", property: "retries", code: "out-of-range",
                       message: "retries 3 is out of range", hint: "use a value from 0 to 2"),
        ])
        XCTAssertEqual(lambdaFailures { Function("Fn", product: "fn") { AsyncInvoke(maxEventAge: .seconds(59)) } }.map(\.code), ["out-of-range"])
        XCTAssertEqual(lambdaFailures { Function("Fn", product: "fn") { AsyncInvoke(maxEventAge: .milliseconds(90_500)) } }.map(\.code),
                       ["inexact-duration"])
    }

    func testMoreThanOneAsyncInvoke() {
        let errors = lambdaFailures {
            Function("Fn", product: "fn") { AsyncInvoke(retries: 0); AsyncInvoke(retries: 1) }
        }
        XCTAssertEqual(errors, [Diagnostic(.error, path: "Test/Fn", code: "duplicate-async-invoke",
                                           message: "Fn has more than one AsyncInvoke setting",
                                           hint: "keep one AsyncInvoke(...) in the function's block")])
    }
}
