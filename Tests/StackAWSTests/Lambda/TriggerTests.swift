import StackAWS
import StackCore
import StackTemplate
import XCTest

/// What each trigger adds: event source mappings, permissions, notifications, rules, failure
/// destinations, and the grants on the function's role.
final class TriggerTests: XCTestCase {
    // MARK: Kinesis

    func testKinesisTriggerDefaults() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let ticks = KinesisStream("Ticks")
            ticks
            Function("Fn", product: "fn") { Trigger.kinesis(ticks) }
        })
        let mapping = try eventSourceMapping(template, "FnTicksSource")
        XCTAssertEqual(mapping.properties, [
            "EventSourceArn": .getAtt("Ticks", "Arn"),
            "FunctionName": .ref("Fn"),
            "BatchSize": 100,
            "StartingPosition": "LATEST",
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
        ])
        XCTAssertEqual(mapping.metadata[Resource.pathMetadataKey], "Test/Fn/TicksSource")
        XCTAssertEqual(policyStatements(template, "Fn"),
                       [logsStatement("Fn")] + kinesisReadStatements(.getAtt("Ticks", "Arn")))
        // A stream trigger is synchronous: no async failure configuration without OnFailure.
        XCTAssertNil(template.resources["FnInvokeConfig"])
    }

    func testKinesisTriggerWithEveryOption() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let ticks = KinesisStream("Ticks")
            ticks
            Function("Fn", product: "fn") {
                Trigger.kinesis(ticks, batchSize: 500, start: .trimHorizon, batchingWindow: .seconds(10), retries: 3,
                                bisectOnError: true, parallelization: 4, reportBatchItemFailures: false)
            }
        })
        XCTAssertEqual(template.resources["FnTicksSource"]?.properties, [
            "EventSourceArn": .getAtt("Ticks", "Arn"),
            "FunctionName": .ref("Fn"),
            "BatchSize": 500,
            "StartingPosition": "TRIM_HORIZON",
            "MaximumBatchingWindowInSeconds": 10,
            "MaximumRetryAttempts": 3,
            "BisectBatchOnFunctionError": true,
            "ParallelizationFactor": 4,
        ])
    }

    func testRetriesUntilExpiry() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let ticks = KinesisStream("Ticks")
            ticks
            Function("Fn", product: "fn") { Trigger.kinesis(ticks, retries: -1) }
        })
        XCTAssertEqual(template.resources["FnTicksSource"]?.properties["MaximumRetryAttempts"], -1)
    }

    func testTwoTriggersOnOneStreamGetDistinctNames() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let ticks = KinesisStream("Ticks")
            ticks
            Function("Fn", product: "fn") {
                Trigger.kinesis(ticks)
                Trigger.kinesis(ticks, start: .trimHorizon)
            }
        })
        XCTAssertEqual(template.resources["FnTicksSource"]?.properties["StartingPosition"], "LATEST")
        XCTAssertEqual(template.resources["FnTicksSource2"]?.properties["StartingPosition"], "TRIM_HORIZON")
        // The read grant twice is merged into the same two statements.
        XCTAssertEqual(policyStatements(template, "Fn").count, 3)
    }

    // MARK: DynamoDB streams

    func testDynamoDBStreamTrigger() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let quotes = Table("Quotes", partitionKey: .string("symbol"), stream: .newImage)
            quotes
            Function("Fn", product: "fn") {
                Trigger.dynamoDBStream(quotes, batchSize: 50, start: .trimHorizon, batchingWindow: .seconds(2), retries: 10,
                                       bisectOnError: true, parallelization: 2)
            }
        })
        let mapping = try eventSourceMapping(template, "FnQuotesStreamSource")
        XCTAssertEqual(mapping.properties, [
            "EventSourceArn": .getAtt("Quotes", "StreamArn"),
            "FunctionName": .ref("Fn"),
            "BatchSize": 50,
            "StartingPosition": "TRIM_HORIZON",
            "MaximumBatchingWindowInSeconds": 2,
            "MaximumRetryAttempts": 10,
            "BisectBatchOnFunctionError": true,
            "ParallelizationFactor": 2,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
        ])
        XCTAssertEqual(policyStatements(template, "Fn"),
                       [logsStatement("Fn")] + dynamoDBStreamStatements(.getAtt("Quotes", "StreamArn")))
    }

    // MARK: SQS

    func testSQSTriggerDefaults() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let jobs = Queue("Jobs")
            jobs
            Function("Fn", product: "fn") { Trigger.sqs(jobs) }
        })
        let mapping = try eventSourceMapping(template, "FnJobsSource")
        XCTAssertEqual(mapping.properties, [
            "EventSourceArn": .getAtt("Jobs", "Arn"),
            "FunctionName": .ref("Fn"),
            "BatchSize": 10,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
        ])
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
                      .getAtt("Jobs", "Arn")),
        ])
    }

    func testSQSTriggerWithWindowAndScaling() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let jobs = Queue("Jobs", visibilityTimeout: .minutes(6))
            jobs
            Function("Fn", product: "fn", timeout: .minutes(1)) {
                Trigger.sqs(jobs, batchSize: 1_000, batchingWindow: .seconds(5), reportBatchItemFailures: false, maxConcurrency: 20)
            }
        })
        XCTAssertEqual(template.resources["FnJobsSource"]?.properties, [
            "EventSourceArn": .getAtt("Jobs", "Arn"),
            "FunctionName": .ref("Fn"),
            "BatchSize": 1_000,
            "MaximumBatchingWindowInSeconds": 5,
            "ScalingConfig": ["MaximumConcurrency": 20],
        ])
    }

    func testSQSTriggerOnFIFOQueue() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let trades = Queue("Trades", fifo: true)
            trades
            Function("Fn", product: "fn") { Trigger.sqs(trades, batchSize: 10) }
        })
        XCTAssertEqual(template.resources["FnTradesSource"]?.properties, [
            "EventSourceArn": .getAtt("Trades", "Arn"),
            "FunctionName": .ref("Fn"),
            "BatchSize": 10,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
        ])
    }

    func testZeroBatchingWindowOnFIFOQueueIsLeftOut() throws {
        // FIFO queues take no batching window; 0 is the default, so it is accepted and not rendered.
        let template = try XCTUnwrap(synthesizeLambda {
            let trades = Queue("Trades", fifo: true)
            trades
            Function("Fn", product: "fn") { Trigger.sqs(trades, batchingWindow: .zero) }
        })
        XCTAssertNotNil(template.resources["FnTradesSource"])
        XCTAssertNil(template.resources["FnTradesSource"]?.properties["MaximumBatchingWindowInSeconds"])
    }

    func testVisibilityTimeoutEqualToFunctionTimeoutIsAccepted() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let jobs = Queue("Jobs", visibilityTimeout: .seconds(60))
            jobs
            Function("Fn", product: "fn", timeout: .minutes(1)) { Trigger.sqs(jobs) }
        })
        XCTAssertNotNil(template.resources["FnJobsSource"])
    }

    // MARK: S3

    func testS3TriggerAddsPermissionAndNotification() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let uploads = Bucket("Uploads")
            uploads
            Function("Fn", product: "fn") { Trigger.s3(uploads, prefix: "incoming/", suffix: ".csv") }
        })
        let bucketArn = literalBucketArn("test-test-uploads-123456789012")
        let permission = try XCTUnwrap(template.resource("FnUploadsPermission"))
        XCTAssertEqual(permission.type, "AWS::Lambda::Permission")
        XCTAssertEqual(permission.properties, [
            "Action": "lambda:InvokeFunction",
            "FunctionName": .getAtt("Fn", "Arn"),
            "Principal": "s3.amazonaws.com",
            "SourceAccount": .ref("AWS::AccountId"),
            "SourceArn": bucketArn,
        ])
        let bucket = try XCTUnwrap(template.resource("Uploads"))
        XCTAssertEqual(bucket.properties["NotificationConfiguration"], [
            "LambdaConfigurations": [[
                "Event": "s3:ObjectCreated:*",
                "Function": .getAtt("Fn", "Arn"),
                "Filter": ["S3Key": ["Rules": [
                    ["Name": "prefix", "Value": "incoming/"],
                    ["Name": "suffix", "Value": ".csv"],
                ]]],
            ]],
        ])
        XCTAssertEqual(bucket.dependsOn, ["FnUploadsPermission"])
        // S3 has no grant of its own: the policy writes logs, and sends what failed every retry to the
        // function's dead-letter queue (invoked asynchronously, it has one by default).
        XCTAssertEqual(policyStatements(template, "Fn"), [logsStatement("Fn"), statement(["sqs:SendMessage"], .getAtt("FnDeadLetters", "Arn"))])
        XCTAssertEqual(template.resources["Fn"]?.properties["DeadLetterConfig"], ["TargetArn": .getAtt("FnDeadLetters", "Arn")])
        XCTAssertEqual(template.resources["FnDeadLetters"]?.properties["MessageRetentionPeriod"], 1_209_600)
    }

    func testS3TriggerWithReadGrantHasNoDependencyCycle() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let uploads = Bucket("Uploads")
            uploads
            Function("Fn", product: "fn") {
                Trigger.s3(uploads)
                Allow(uploads.read())
                Env(TestEnv.self) { $0[.bucket] = uploads.name; $0[.topic] = "none" }
            }
        })
        // Synthesis checks for cycles, and so does this test: walk every Ref/GetAtt/DependsOn edge.
        let graph = DependencyGraph(template)
        graph.assertNoCycle()
        // The bucket waits for the permission; nothing of the function's waits for the bucket.
        XCTAssertEqual(graph.edges["Uploads"], ["FnUploadsPermission", "Fn"])
        XCTAssertFalse(graph.reaches("Fn", "Uploads"))
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["s3:GetObject"], literalBucketArn("test-test-uploads-123456789012", "/*")),
            statement(["s3:ListBucket"], literalBucketArn("test-test-uploads-123456789012")),
            statement(["sqs:SendMessage"], .getAtt("FnDeadLetters", "Arn")),
        ])
        XCTAssertEqual(template.resources["Fn"]?.properties["Environment"],
                       ["Variables": ["BUCKET": "test-test-uploads-123456789012", "TOPIC_ARN": "none"]])
    }

    func testS3TriggerKeepsEventBridgeAndAddsOneConfigurationPerEvent() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let uploads = Bucket("Uploads", eventBridge: true)
            uploads
            Function("Fn", product: "fn") { Trigger.s3(uploads, events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]) }
            Function("Other", product: "fn") { Trigger.s3(uploads, prefix: "other/") }
        })
        let bucket = try XCTUnwrap(template.resource("Uploads"))
        XCTAssertEqual(bucket.properties["NotificationConfiguration"], [
            "EventBridgeConfiguration": ["EventBridgeEnabled": true],
            "LambdaConfigurations": [
                ["Event": "s3:ObjectCreated:*", "Function": .getAtt("Fn", "Arn")],
                ["Event": "s3:ObjectRemoved:*", "Function": .getAtt("Fn", "Arn")],
                ["Event": "s3:ObjectCreated:*", "Function": .getAtt("Other", "Arn"),
                 "Filter": ["S3Key": ["Rules": [["Name": "prefix", "Value": "other/"]]]]],
            ],
        ])
        XCTAssertEqual(bucket.dependsOn, ["FnUploadsPermission", "OtherUploadsPermission"])
    }

    func testS3TriggerOnBucketInAnotherStackIsReported() {
        let uploads = Bucket("Uploads")
        do {
            _ = try lambdaSynthesizer().synthesize([
                AdHocStack("Storage") { uploads },
                AdHocStack("Test") { Function("Fn", product: "fn") { Trigger.s3(uploads) } },
            ])
            XCTFail("expected target-not-in-stack")
        } catch {
            let diagnostics = error.diagnostics.sorted
            assertDiagnostic(diagnostics, code: "target-not-in-stack", path: "Test/Fn",
                             message: "Uploads is not a construct of Test")
        }
    }

    // MARK: Schedules

    func testScheduleTrigger() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            Function("Fn", product: "fn") { Trigger.schedule(.rate(5, .minutes)) }
        })
        let rule = try XCTUnwrap(template.resource("FnSchedule"))
        XCTAssertEqual(rule.type, "AWS::Events::Rule")
        XCTAssertEqual(rule.properties, [
            "ScheduleExpression": "rate(5 minutes)",
            "State": "ENABLED",
            "Targets": [["Id": "Target0", "Arn": .getAtt("Fn", "Arn")]],
        ])
        let permission = try XCTUnwrap(template.resource("FnSchedulePermission"))
        XCTAssertEqual(permission.type, "AWS::Lambda::Permission")
        XCTAssertEqual(permission.properties, [
            "Action": "lambda:InvokeFunction",
            "FunctionName": .getAtt("Fn", "Arn"),
            "Principal": "events.amazonaws.com",
            "SourceArn": .getAtt("FnSchedule", "Arn"),
        ])
        XCTAssertEqual(policyStatements(template, "Fn"), [logsStatement("Fn"), statement(["sqs:SendMessage"], .getAtt("FnDeadLetters", "Arn"))])
    }

    func testTwoSchedulesGetDistinctNames() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            Function("Fn", product: "fn") {
                Trigger.schedule(.rate(1, .hour))
                Trigger.schedule(.cron("0 12 ? * MON-FRI *"), input: ["mode": "daily"])
            }
        })
        XCTAssertEqual(template.resources.keys.sorted(), [
            "Fn", "FnDeadLetters", "FnLogGroup", "FnPolicy", "FnRole",
            "FnSchedule", "FnSchedule2", "FnSchedule2Permission", "FnSchedulePermission",
        ])
        XCTAssertEqual(template.resources["FnSchedule"]?.properties["ScheduleExpression"], "rate(1 hour)")
        XCTAssertEqual(template.resources["FnSchedule2"]?.properties, [
            "ScheduleExpression": "cron(0 12 ? * MON-FRI *)",
            "State": "ENABLED",
            "Targets": [["Id": "Target0", "Arn": .getAtt("Fn", "Arn"), "Input": "{\"mode\":\"daily\"}"]],
        ])
        XCTAssertEqual(template.resources["FnSchedule2Permission"]?.properties["SourceArn"], .getAtt("FnSchedule2", "Arn"))
    }

    func testScheduleAfterS3TriggerOnBucketNamedScheduleGetsAFreeName() throws {
        // An S3 trigger's permission is `<bucket>Permission`: for a bucket named Schedule, the name of the
        // first schedule's permission. (With the schedule first, its rule `Fn/Schedule` would shadow the
        // bucket in StackCore's lexical reference lookup; that is not the Lambda construct's to fix.)
        let template = try XCTUnwrap(synthesizeLambda {
            let schedule = Bucket("Schedule")
            schedule
            Function("Fn", product: "fn") {
                Trigger.s3(schedule)
                Trigger.schedule(.rate(1, .hour))
            }
        })
        XCTAssertEqual(template.resources["FnSchedulePermission"]?.properties["Principal"], "s3.amazonaws.com")
        XCTAssertEqual(template.resources["FnSchedulePermission"]?.properties["SourceArn"],
                       literalBucketArn("test-test-schedule-123456789012"))
        XCTAssertEqual(template.resources["FnSchedule2"]?.type, "AWS::Events::Rule")
        XCTAssertEqual(template.resources["FnSchedule2Permission"]?.properties["SourceArn"], .getAtt("FnSchedule2", "Arn"))
        XCTAssertNil(template.resources["FnSchedule"])
        XCTAssertEqual(template.resources["Schedule"]?.dependsOn, ["FnSchedulePermission"])
    }

    // MARK: OnFailure

    func testOnFailureQueueWithStreamTriggerOnly() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let ticks = KinesisStream("Ticks")
            let failures = Queue("Failures")
            ticks; failures
            Function("Fn", product: "fn") {
                Trigger.kinesis(ticks)
                OnFailure(.queue(failures))
            }
        })
        XCTAssertEqual(template.resources["FnTicksSource"]?.properties["DestinationConfig"],
                       ["OnFailure": ["Destination": .getAtt("Failures", "Arn")]])
        // No asynchronous source: no EventInvokeConfig.
        XCTAssertNil(template.resources["FnInvokeConfig"])
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["sqs:SendMessage"], .getAtt("Failures", "Arn")),
        ] + kinesisReadStatements(.getAtt("Ticks", "Arn")))
    }

    func testOnFailureTopicWithAsyncSources() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let uploads = Bucket("Uploads")
            let quotes = Table("Quotes", partitionKey: .string("symbol"), stream: .newAndOldImages)
            let alerts = Topic("Alerts")
            uploads; quotes; alerts
            Function("Fn", product: "fn") {
                OnFailure(.topic(alerts))
                Trigger.s3(uploads)
                Trigger.dynamoDBStream(quotes)
                Trigger.schedule(.rate(1, .day))
            }
        })
        let config = try XCTUnwrap(template.resource("FnInvokeConfig"))
        XCTAssertEqual(config.type, "AWS::Lambda::EventInvokeConfig")
        XCTAssertEqual(config.properties, [
            "FunctionName": .ref("Fn"),
            "Qualifier": "$LATEST",
            "DestinationConfig": ["OnFailure": ["Destination": .ref("Alerts")]],
        ])
        XCTAssertEqual(template.resources["FnQuotesStreamSource"]?.properties["DestinationConfig"],
                       ["OnFailure": ["Destination": .ref("Alerts")]])
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["sns:Publish"], .ref("Alerts")),
        ] + dynamoDBStreamStatements(.getAtt("Quotes", "StreamArn")))
    }

    func testOnFailureWithScheduleOnlyAddsInvokeConfig() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let failures = Queue("Failures")
            failures
            Function("Fn", product: "fn") {
                Trigger.schedule(.rate(1, .day))
                OnFailure(.queue(failures))
            }
        })
        XCTAssertEqual(template.resources["FnInvokeConfig"]?.properties["DestinationConfig"],
                       ["OnFailure": ["Destination": .getAtt("Failures", "Arn")]])
    }

    func testSQSMappingHasNoDestinationConfig() throws {
        // SQS event source mappings have no on-failure destination (the queue's redrive policy is it).
        let template = try XCTUnwrap(synthesizeLambda {
            let jobs = Queue("Jobs")
            let failures = Queue("Failures")
            jobs; failures
            Function("Fn", product: "fn") {
                Trigger.sqs(jobs)
                OnFailure(.queue(failures))
            }
        })
        XCTAssertNil(template.resources["FnJobsSource"]?.properties["DestinationConfig"])
        XCTAssertNil(template.resources["FnInvokeConfig"])
    }

    // MARK: Cross-stack

    func testKinesisStreamInAnotherStackIsImported() throws {
        let ticks = KinesisStream("Ticks")
        // The consumer comes first: the synthesizer orders stacks by their imports.
        let result = try lambdaSynthesizer().synthesize([
            AdHocStack("Consumers") { Function("Fn", product: "fn") { Trigger.kinesis(ticks) } },
            AdHocStack("Streams") { ticks },
        ])
        XCTAssertEqual(result.stacks.map(\.name), ["Streams", "Consumers"])
        let streams = result.stacks[0]
        let consumers = result.stacks[1]
        XCTAssertEqual(consumers.dependencies, ["Streams"])
        XCTAssertEqual(streams.dependencies, [])

        XCTAssertEqual(streams.template.outputs, [
            "ExportTicksArn": Output(value: .getAtt("Ticks", "Arn"), description: "Exported for other stacks by stackctl",
                                     exportName: "test-Streams:Ticks:Arn"),
        ])
        let imported: TemplateValue = .importValue("test-Streams:Ticks:Arn")
        XCTAssertEqual(consumers.template.resources["FnTicksSource"]?.properties["EventSourceArn"], imported)
        XCTAssertEqual(consumers.template.resources["FnTicksSource"]?.properties["FunctionName"], .ref("Fn"))
        XCTAssertEqual(policyStatements(consumers.template, "Fn"), [logsStatement("Fn")] + kinesisReadStatements(imported))
        XCTAssertNil(consumers.template.resources["Ticks"])
        XCTAssertTrue(consumers.template.outputs.isEmpty)
        XCTAssertEqual(consumers.assets, [lambdaTestAsset])
        XCTAssertEqual(streams.assets, [])
    }
}

/// The statements a Kinesis trigger adds to the function's policy for the stream `arn`.
private func kinesisReadStatements(_ arn: TemplateValue) -> [TemplateValue] {
    [
        statement(["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
                   "kinesis:GetShardIterator", "kinesis:ListShards"], arn),
        statement(["kinesis:SubscribeToShard"], .join("", [arn, "/consumer/*"])),
    ]
}

/// The statements a DynamoDB stream trigger adds to the function's policy for the stream `streamArn`.
private func dynamoDBStreamStatements(_ streamArn: TemplateValue) -> [TemplateValue] {
    [
        statement(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], streamArn),
        statement(["dynamodb:ListStreams"], "*"),
    ]
}

/// The resource with a logical ID, which must be an event source mapping.
private func eventSourceMapping(
    _ template: Template, _ logicalID: String, file: StaticString = #filePath, line: UInt = #line
) throws -> Resource {
    let mapping = try XCTUnwrap(template.resource(logicalID, file: file, line: line), file: file, line: line)
    XCTAssertEqual(mapping.type, "AWS::Lambda::EventSourceMapping", file: file, line: line)
    return mapping
}
