import StackAWS
import StackAssets
import StackCore
import StackTemplate
import XCTest

/// The `Function` construct itself: its resources, defaults, policy, environment and settings.
///
/// Compile-time guarantees (not testable at run time, checked by the type signatures): `Trigger.kinesis`
/// takes only a `KinesisStream`, `Trigger.dynamoDBStream` only a `Table`, `Trigger.sqs` only a `Queue`,
/// `Trigger.s3` only a `Bucket`; `OnFailure` takes only `.queue(Queue)` or `.topic(Topic)`; `Env(C.self)`
/// only accepts `CaseIterable` enums with `String` raw values, and `$0[...]` only that enum's cases; a
/// `Function { ... }` block only accepts triggers, `Env`, `Allow` and `OnFailure`. For example
/// `Trigger.kinesis(Queue("Jobs"))` or `Env(TestEnv.self) { $0["BUCKET"] = ... }` do not compile.
final class FunctionTests: XCTestCase {
    func testDefaults() throws {
        let template = try XCTUnwrap(synthesizeLambda { Function("Fn", product: "fn") })
        XCTAssertEqual(template.resources.keys.sorted(), ["Fn", "FnLogGroup", "FnPolicy", "FnRole"])

        let function = try XCTUnwrap(template.resource("Fn"))
        XCTAssertEqual(function.type, "AWS::Lambda::Function")
        XCTAssertEqual(function.properties, [
            "Runtime": "provided.al2023",
            "Handler": "bootstrap",
            "Architectures": ["x86_64"],
            "MemorySize": 256,
            "Timeout": 30,
            "Role": .getAtt("FnRole", "Arn"),
            "Code": ["S3Bucket": .sub("stackctl-assets-${AWS::AccountId}-${AWS::Region}", [:]), "S3Key": lambdaTestS3Key],
            "LoggingConfig": ["LogGroup": .ref("FnLogGroup"), "LogFormat": "JSON"],
        ])
        // The policy exists before the function (and so before its event sources poll).
        XCTAssertEqual(function.dependsOn, ["FnPolicy"])
        XCTAssertEqual(function.metadata[Resource.pathMetadataKey], "Test/Fn")
        XCTAssertNil(function.deletionPolicy)
    }

    func testRoleTrustsLambda() throws {
        let template = try XCTUnwrap(synthesizeLambda { Function("Fn", product: "fn") })
        let role = try XCTUnwrap(template.resource("FnRole"))
        XCTAssertEqual(role.type, "AWS::IAM::Role")
        XCTAssertEqual(role.properties, [
            "AssumeRolePolicyDocument": [
                "Version": "2012-10-17",
                "Statement": [["Effect": "Allow", "Principal": ["Service": "lambda.amazonaws.com"], "Action": "sts:AssumeRole"]],
            ],
            "Description": "Execution role of Test/Fn",
        ])
        XCTAssertEqual(role.metadata[Resource.pathMetadataKey], "Test/Fn/Role")
    }

    func testPolicyWithoutGrantsOnlyWritesLogs() throws {
        let template = try XCTUnwrap(synthesizeLambda { Function("Fn", product: "fn") })
        let policy = try XCTUnwrap(template.resource("FnPolicy"))
        XCTAssertEqual(policy.type, "AWS::IAM::Policy")
        XCTAssertEqual(policy.properties, [
            "PolicyName": "FnPolicy",
            "PolicyDocument": ["Version": "2012-10-17", "Statement": [logsStatement("Fn")]],
            "Roles": [.ref("FnRole")],
        ])
    }

    func testLogGroupFollowsSettings() throws {
        let template = try XCTUnwrap(synthesizeLambda { Function("Fn", product: "fn") })
        let logGroup = try XCTUnwrap(template.resource("FnLogGroup"))
        XCTAssertEqual(logGroup.type, "AWS::Logs::LogGroup")
        XCTAssertEqual(logGroup.properties, ["LogGroupName": "/stackctl/test/Test/Fn", "RetentionInDays": 30])
        XCTAssertEqual(logGroup.deletionPolicy, .delete)
        XCTAssertEqual(logGroup.updateReplacePolicy, .delete)

        var settings = StackSettings.testingRetained
        settings.logRetentionDays = 365
        settings.namePrefix = "mkt-prod"
        let retained = try XCTUnwrap(synthesizeLambda(settings) { Function("Fn", product: "fn") })
        let kept = try XCTUnwrap(retained.resource("FnLogGroup"))
        XCTAssertEqual(kept.properties, ["LogGroupName": "/stackctl/mkt-prod/Test/Fn", "RetentionInDays": 365])
        XCTAssertEqual(kept.deletionPolicy, .retain)
        XCTAssertEqual(kept.updateReplacePolicy, .retain)
    }

    func testPolicyDocumentMergesGrantsWithSortedActions() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let raw = Bucket("Raw")
            let jobs = Queue("Jobs")
            let quotes = Table("Quotes", partitionKey: .string("symbol"))
            raw; jobs; quotes
            Function("Fn", product: "fn") {
                Allow(raw.write(keys: "raw/*"), jobs.send)
                Allow(quotes.writeData, jobs.consume)
                Allow(raw.write(keys: "raw/*"))
            }
        })
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["s3:AbortMultipartUpload", "s3:PutObject"], literalBucketArn("test-test-raw-123456789012", "/raw/*")),
            // send and consume on the same queue: one statement, actions sorted.
            statement(["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                       "sqs:ReceiveMessage", "sqs:SendMessage"], .getAtt("Jobs", "Arn")),
            statement(["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable",
                       "dynamodb:PutItem", "dynamodb:UpdateItem"], .getAtt("Quotes", "Arn")),
        ])
    }

    func testReadGrantOnBucketWithPrefixCondition() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let raw = Bucket("Raw")
            raw
            Function("Fn", product: "fn") { Allow(raw.read(keys: "raw/*")) }
        })
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["s3:GetObject"], literalBucketArn("test-test-raw-123456789012", "/raw/*")),
            statement(["s3:ListBucket"], literalBucketArn("test-test-raw-123456789012"),
                      condition: ["StringLike": ["s3:prefix": ["raw/*"]]]),
        ])
    }

    func testEnvironmentFromContractAndPlainVariables() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let raw = Bucket("Raw")
            let alerts = Topic("Alerts")
            raw; alerts
            Function("Fn", product: "fn") {
                Env(TestEnv.self) {
                    $0[.bucket] = raw.name
                    $0[.topic] = alerts.arn
                }
                Env(["LOG_LEVEL": "debug"])
            }
        })
        let function = try XCTUnwrap(template.resource("Fn"))
        XCTAssertEqual(function.properties["Environment"], [
            "Variables": [
                "BUCKET": "test-test-raw-123456789012",
                "TOPIC_ARN": .ref("Alerts"),
                "LOG_LEVEL": "debug",
            ],
        ])
    }

    func testNoEnvironmentWithoutVariables() throws {
        let template = try XCTUnwrap(synthesizeLambda { Function("Fn", product: "fn") })
        XCTAssertNil(template.resources["Fn"]?.properties["Environment"])
    }

    func testScalarSettings() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            Function("Fn", product: "fn", memory: 1_024, timeout: .minutes(2), architecture: .arm64,
                     reservedConcurrency: 5, description: "Processes ticks")
        })
        let function = try XCTUnwrap(template.resource("Fn"))
        XCTAssertEqual(function.properties["MemorySize"], 1_024)
        XCTAssertEqual(function.properties["Timeout"], 120)
        XCTAssertEqual(function.properties["Architectures"], ["arm64"])
        XCTAssertEqual(function.properties["ReservedConcurrentExecutions"], 5)
        XCTAssertEqual(function.properties["Description"], "Processes ticks")
        XCTAssertNil(function.properties["DeadLetterConfig"])
    }

    func testZeroReservedConcurrencyIsKept() throws {
        // 0 is valid (it stops every invocation) and must not be dropped as if it were unset.
        let template = try XCTUnwrap(synthesizeLambda { Function("Fn", product: "fn", reservedConcurrency: 0) })
        XCTAssertEqual(template.resources["Fn"]?.properties["ReservedConcurrentExecutions"], 0)
    }

    func testDeadLetterQueue() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let dead = Queue("Dead")
            dead
            Function("Fn", product: "fn", deadLetterQueue: dead)
        })
        XCTAssertEqual(template.resources["Fn"]?.properties["DeadLetterConfig"], ["TargetArn": .getAtt("Dead", "Arn")])
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["sqs:SendMessage"], .getAtt("Dead", "Arn")),
        ])
        // An async failure destination is not created by a DLQ alone.
        XCTAssertNil(template.resources["FnInvokeConfig"])
    }

    func testInvokeGrant() throws {
        let fn = Function("Fn", product: "fn")
        XCTAssertEqual(fn.invoke.intent, "invoke Fn")
        XCTAssertEqual(fn.invoke.statements(customerKey: false).map(\.value), [
            ["Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": getAtt("Fn", "Arn")],
        ])
        XCTAssertEqual(fn.arn, getAtt("Fn", "Arn"))
        XCTAssertEqual(fn.name, ref("Fn"))

        let template = try XCTUnwrap(synthesizeLambda {
            fn
            Function("Caller", product: "fn") { Allow(fn.invoke) }
        })
        XCTAssertEqual(policyStatements(template, "Caller"), [
            logsStatement("Caller"),
            statement(["lambda:InvokeFunction"], .getAtt("Fn", "Arn")),
        ])
    }

    func testBuilderSupportsConditionsAndLoops() throws {
        let grantQueues = true
        let template = try XCTUnwrap(synthesizeLambda {
            let queues = [Queue("A"), Queue("B")]
            queues[0]; queues[1]
            Function("Fn", product: "fn") {
                if grantQueues {
                    for queue in queues { Allow(queue.send) }
                }
            }
        })
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["sqs:SendMessage"], .getAtt("A", "Arn")),
            statement(["sqs:SendMessage"], .getAtt("B", "Arn")),
        ])
    }

    func testDeterministicOutput() throws {
        func build() -> Template? {
            synthesizeLambda {
                let raw = Bucket("Raw")
                let ticks = KinesisStream("Ticks")
                raw; ticks
                Function("Fn", product: "fn") {
                    Trigger.kinesis(ticks)
                    Trigger.s3(raw)
                    Trigger.schedule(.rate(5, .minutes))
                    Env(TestEnv.self) { $0[.bucket] = raw.name; $0[.topic] = "arn" }
                }
            }
        }
        let first = try JSONRenderer.render(try XCTUnwrap(build()))
        let second = try JSONRenderer.render(try XCTUnwrap(build()))
        XCTAssertEqual(first, second)
    }
}
