import StackAWS
import StackCore
import StackTemplate
import XCTest

final class TopicTests: XCTestCase {
    func testDefaultTopic() throws {
        let template = try XCTUnwrap(synthesize { Topic("TrendAlerts") })
        let topic = try XCTUnwrap(template.resource("TrendAlerts"))
        XCTAssertEqual(topic.type, "AWS::SNS::Topic")
        XCTAssertEqual(topic.properties, ["TopicName": "test-test-trend-alerts", "KmsMasterKeyId": "alias/aws/sns"])
        XCTAssertNil(topic.deletionPolicy, "a topic holds no data")
        XCTAssertEqual(template.resources.count, 1)
    }

    func testFifoTopic() throws {
        let template = try XCTUnwrap(synthesize { Topic("Trades", fifo: true) })
        XCTAssertEqual(template.resources["Trades"]?.properties["TopicName"], "test-test-trades.fifo")
        XCTAssertEqual(template.resources["Trades"]?.properties["FifoTopic"], true)
    }

    func testEmailSubscriptions() throws {
        let template = try XCTUnwrap(synthesize {
            Topic("Alerts", subscriptions: [.email("oncall@example.com"), .email("team@example.org")])
        })
        XCTAssertEqual(template.resources["AlertsEmail0"]?.type, "AWS::SNS::Subscription")
        XCTAssertEqual(template.resources["AlertsEmail0"]?.constructPath, "Test/Alerts/Email0")
        XCTAssertEqual(template.resources["AlertsEmail0"]?.properties,
                       ["TopicArn": .ref("Alerts"), "Protocol": "email", "Endpoint": "oncall@example.com"])
        XCTAssertEqual(template.resources["AlertsEmail1"]?.properties["Endpoint"], "team@example.org")
    }

    func testQueueSubscriptionAddsAStatementToTheQueuesPolicy() throws {
        let queue = Queue("AlertQueue")
        let template = try XCTUnwrap(synthesize {
            queue
            Topic("Alerts", subscriptions: [.sqs(queue, rawMessageDelivery: true)])
        })
        XCTAssertEqual(template.resources["AlertsSqsAlertQueue"]?.properties, [
            "TopicArn": .ref("Alerts"), "Protocol": "sqs", "Endpoint": .getAtt("AlertQueue", "Arn"), "RawMessageDelivery": true,
        ])
        let policy = try XCTUnwrap(template.resource("AlertQueuePolicy"))
        XCTAssertEqual(policy.type, "AWS::SQS::QueuePolicy")
        XCTAssertEqual(policy.constructPath, "Test/AlertQueue/Policy", "the queue owns its one policy")
        XCTAssertEqual(policy.properties, [
            "Queues": [.ref("AlertQueue")],
            "PolicyDocument": [
                "Version": "2012-10-17",
                "Statement": [[
                    "Sid": "AlertsSendMessage",
                    "Effect": "Allow",
                    "Principal": ["Service": "sns.amazonaws.com"],
                    "Action": "sqs:SendMessage",
                    "Resource": .getAtt("AlertQueue", "Arn"),
                    "Condition": ["ArnEquals": ["aws:SourceArn": .ref("Alerts")]],
                ]],
            ],
        ])
        XCTAssertNil(template.resources["AlertsPolicy"], "nothing contributed to the topic's policy: none is rendered")
    }

    /// Two topics delivering to one queue: one QueuePolicy holding both statements (two policies would
    /// replace each other, and one topic's deliveries would be refused).
    func testTwoTopicsSubscribingOneQueueShareItsPolicy() throws {
        let queue = Queue("Inbox")
        let template = try XCTUnwrap(synthesize {
            queue
            Topic("Prices", subscriptions: [.sqs(queue)])
            Topic("Trades", subscriptions: [.sqs(queue)])
        })
        let policies = template.resources.values.filter { $0.type == "AWS::SQS::QueuePolicy" }
        XCTAssertEqual(policies.count, 1)
        guard case .list(let statements)? = policies.first?.properties["PolicyDocument"]?["Statement"] else {
            return XCTFail("no statements")
        }
        XCTAssertEqual(statements.map { $0["Sid"] }, ["PricesSendMessage", "TradesSendMessage"])
        XCTAssertEqual(statements.map { $0["Condition"]?["ArnEquals"]?["aws:SourceArn"] }, [.ref("Prices"), .ref("Trades")])
    }

    func testAQueueNobodyDeliversToHasNoPolicy() throws {
        let template = try XCTUnwrap(synthesize { Queue("Quiet") })
        XCTAssertEqual(Set(template.resources.values.map(\.type)), ["AWS::SQS::Queue"])
    }

    func testContributingToAConstructOfAnotherStackIsAnError() throws {
        let queue = Queue("Elsewhere")
        let diagnostics = failures { Topic("Alerts", subscriptions: [.sqs(queue)]) }
        let policy = try XCTUnwrap(diagnostics.first { $0.code == "target-not-in-stack" }, "\(diagnostics)")
        XCTAssertEqual(policy.path, "Test/Alerts")
        XCTAssertEqual(policy.message, "Elsewhere is not a construct of Test that takes resource policy statements")
    }

    func testLambdaSubscriptionAddsPermission() throws {
        let function = TestFunction("Notify")
        let template = try XCTUnwrap(synthesize {
            function
            Topic("Alerts", subscriptions: [.lambda(function)])
        })
        XCTAssertEqual(template.resources["AlertsLambdaNotify"]?.properties, [
            "TopicArn": .ref("Alerts"), "Protocol": "lambda", "Endpoint": .getAtt("Notify", "Arn"),
        ])
        XCTAssertEqual(template.resources["AlertsLambdaNotifyPermission"]?.type, "AWS::Lambda::Permission")
        XCTAssertEqual(template.resources["AlertsLambdaNotifyPermission"]?.properties, [
            "Action": "lambda:InvokeFunction",
            "FunctionName": .getAtt("Notify", "Arn"),
            "Principal": "sns.amazonaws.com",
            "SourceArn": .ref("Alerts"),
        ])
    }

    func testReferences() {
        let topic = Topic("Alerts")
        XCTAssertEqual(topic.arn, ref("Alerts"))
        XCTAssertEqual(topic.name, getAtt("Alerts", "TopicName"))
    }

    func testPublishGrant() {
        let grant = Topic("Alerts").publish
        XCTAssertEqual(grant.intent, "publish Alerts")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [["Effect": "Allow", "Action": "sns:Publish", "Resource": ref("Alerts")]])
    }

    func testGrantResolvesInAPolicy() throws {
        let topic = Topic("Alerts")
        XCTAssertEqual(grantPolicyStatements(topic, [topic.publish]), [
            ["Effect": "Allow", "Action": "sns:Publish", "Resource": .ref("Alerts")],
        ])
    }

    // MARK: Diagnostics

    func testInvalidEmail() {
        assertDiagnostic(failures { Topic("Alerts", subscriptions: [.email("oncall.example.com")]) },
                         code: "invalid-email", path: "Test/Alerts", property: "subscriptions[0]",
                         message: "e-mail subscription 'oncall.example.com' is not an e-mail address (expected name@domain)")
        for bad in ["@example.com", "a@b", "a@b.", "a b@example.com", "a@@example.com", "a@example..com"] {
            XCTAssertNotNil(NameRules.emailProblem(bad), bad)
        }
        XCTAssertNil(NameRules.emailProblem("first.last+tag@sub.example.co.uk"))
    }

    func testInvalidTopicName() {
        assertDiagnostic(failures { Topic("Alerts", name: "trend alerts") },
                         code: "invalid-topic-name", path: "Test/Alerts", property: "name",
                         message: "topic name 'trend alerts' contains ' '; only letters, digits, '_' and '-' are allowed")
        XCTAssertNotNil(NameRules.topicNameProblem(String(repeating: "t", count: 257), fifo: false))
        XCTAssertNil(NameRules.topicNameProblem(String(repeating: "t", count: 251) + ".fifo", fifo: true))
    }

    func testFifoTopicCannotEmail() {
        assertDiagnostic(failures { Topic("Trades", fifo: true, subscriptions: [.email("a@example.com")]) },
                         code: "unsupported-subscription", path: "Test/Trades", property: "subscriptions[0]",
                         message: "a FIFO topic cannot deliver to e-mail subscriptions")
    }

    func testStandardTopicCannotFeedFifoQueue() {
        let queue = Queue("Orders", fifo: true)
        assertDiagnostic(failures {
            queue
            Topic("Alerts", subscriptions: [.sqs(queue)])
        }, code: "unsupported-subscription", path: "Test/Alerts", property: "subscriptions[0]",
           message: "a standard topic cannot deliver to the FIFO queue Orders")
    }

    func testDuplicateSubscription() {
        let queue = Queue("Orders")
        assertDiagnostic(failures {
            queue
            Topic("Alerts", subscriptions: [.sqs(queue), .sqs(queue, rawMessageDelivery: true)])
        }, code: "duplicate-subscription", path: "Test/Alerts", property: "subscriptions[1]",
           message: "Orders is subscribed to the topic twice")
    }
}
