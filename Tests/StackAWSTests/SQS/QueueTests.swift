import StackAWS
import StackCore
import StackTemplate
import XCTest

final class QueueTests: XCTestCase {
    func testDefaultQueue() throws {
        let template = try XCTUnwrap(synthesize { Queue("Orders") })
        let queue = try XCTUnwrap(template.resource("Orders"))
        XCTAssertEqual(queue.type, "AWS::SQS::Queue")
        XCTAssertEqual(queue.properties, [
            "QueueName": "test-test-orders",
            "SqsManagedSseEnabled": true,
            "VisibilityTimeout": 30,
            "MessageRetentionPeriod": 345_600,
        ])
        XCTAssertEqual(queue.deletionPolicy, .delete)
        XCTAssertEqual(queue.updateReplacePolicy, .delete)
        XCTAssertEqual(template.resources.count, 1)
    }

    func testDeadLetterQueue() throws {
        let template = try XCTUnwrap(synthesize(.testingRetained) {
            Queue("Orders", visibilityTimeout: .minutes(2), retentionPeriod: .days(1), deadLetter: .init(maxReceiveCount: 5))
        })
        let queue = try XCTUnwrap(template.resource("Orders"))
        XCTAssertEqual(queue.properties["RedrivePolicy"], ["deadLetterTargetArn": .getAtt("OrdersDLQ", "Arn"), "maxReceiveCount": 5])
        XCTAssertEqual(queue.properties["VisibilityTimeout"], 120)
        XCTAssertEqual(queue.properties["MessageRetentionPeriod"], 86_400)
        XCTAssertEqual(queue.deletionPolicy, .retain)
        let dlq = try XCTUnwrap(template.resource("OrdersDLQ"))
        XCTAssertEqual(dlq.type, "AWS::SQS::Queue")
        XCTAssertEqual(dlq.constructPath, "Test/Orders/DLQ")
        XCTAssertEqual(dlq.properties, [
            "QueueName": "test-test-orders-dlq", "SqsManagedSseEnabled": true, "MessageRetentionPeriod": 1_209_600,
        ])
        XCTAssertEqual(dlq.deletionPolicy, .retain)
        XCTAssertEqual(dlq.updateReplacePolicy, .retain)
    }

    func testFifoQueue() throws {
        let template = try XCTUnwrap(synthesize { Queue("Orders", fifo: true, deadLetter: .init(maxReceiveCount: 3)) })
        XCTAssertEqual(template.resources["Orders"]?.properties["QueueName"], "test-test-orders.fifo")
        XCTAssertEqual(template.resources["Orders"]?.properties["FifoQueue"], true)
        XCTAssertEqual(template.resources["OrdersDLQ"]?.properties["QueueName"], "test-test-orders-dlq.fifo")
        XCTAssertEqual(template.resources["OrdersDLQ"]?.properties["FifoQueue"], true)
    }

    func testReferences() {
        let queue = Queue("Orders", visibilityTimeout: .seconds(90), deadLetter: .init(maxReceiveCount: 2))
        XCTAssertEqual(queue.arn, getAtt("Orders", "Arn"))
        XCTAssertEqual(queue.url, ref("Orders"))
        XCTAssertEqual(queue.name, getAtt("Orders", "QueueName"))
        XCTAssertEqual(queue.deadLetterArn, getAtt("Orders", "Arn", of: "DLQ"))
        XCTAssertEqual(queue.deadLetterUrl, ref("Orders", "DLQ"))
        XCTAssertEqual(queue.visibilityTimeout, .seconds(90))
        XCTAssertNil(Queue("Plain").deadLetterArn)
        XCTAssertNil(Queue("Plain").deadLetterUrl)
    }

    func testConsumeGrant() {
        let grant = Queue("Orders").consume
        XCTAssertEqual(grant.intent, "consume Orders")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [
            ["Effect": "Allow",
             "Action": ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
             "Resource": getAtt("Orders", "Arn")],
        ])
    }

    func testSendGrant() {
        let grant = Queue("Orders").send
        XCTAssertEqual(grant.intent, "send Orders")
        XCTAssertEqual(grant.statements(customerKey: false).map(\.value), [
            ["Effect": "Allow", "Action": "sqs:SendMessage", "Resource": getAtt("Orders", "Arn")],
        ])
    }

    func testGrantResolvesInAPolicy() throws {
        let queue = Queue("Orders")
        XCTAssertEqual(grantPolicyStatements(queue, [queue.send]), [
            ["Effect": "Allow", "Action": "sqs:SendMessage", "Resource": .getAtt("Orders", "Arn")],
        ])
    }

    // MARK: Diagnostics

    func testVisibilityTimeoutOutOfRange() {
        assertDiagnostic(failures { Queue("Orders", visibilityTimeout: .seconds(43_201)) },
                         code: "out-of-range", path: "Test/Orders", property: "visibilityTimeout",
                         message: "visibilityTimeout 43201 s is out of range")
    }

    func testRetentionOutOfRange() {
        assertDiagnostic(failures { Queue("Orders", retentionPeriod: .seconds(59)) },
                         code: "out-of-range", path: "Test/Orders", property: "retentionPeriod",
                         message: "retentionPeriod 59 s is out of range")
    }

    func testMaxReceiveCountOutOfRange() {
        assertDiagnostic(failures { Queue("Orders", deadLetter: .init(maxReceiveCount: 0)) },
                         code: "out-of-range", path: "Test/Orders", property: "deadLetter.maxReceiveCount",
                         message: "deadLetter.maxReceiveCount 0 is out of range")
    }

    func testInvalidQueueName() {
        assertDiagnostic(failures { Queue("Orders", name: "orders.v2") },
                         code: "invalid-queue-name", path: "Test/Orders", property: "name",
                         message: "queue name 'orders.v2' contains '.'; only letters, digits, '_' and '-' are allowed")
    }

    func testFifoSuffixMustMatchFifo() {
        assertDiagnostic(failures { Queue("Orders", name: "orders", fifo: true) },
                         code: "invalid-queue-name", path: "Test/Orders", property: "name",
                         message: "queue name 'orders' must end with '.fifo' for a FIFO queue")
        assertDiagnostic(failures { Queue("Orders", name: "orders.fifo") },
                         code: "invalid-queue-name", path: "Test/Orders", property: "name",
                         message: "queue name 'orders.fifo' ends with '.fifo' but the queue is not FIFO (pass fifo: true)")
    }

    func testDeadLetterQueueNameTooLong() {
        let name = String(repeating: "q", count: 78)
        assertDiagnostic(failures { Queue("Orders", name: name, deadLetter: .init(maxReceiveCount: 1)) },
                         code: "invalid-queue-name", path: "Test/Orders", property: "name",
                         message: "dead-letter queue name '\(name)-dlq' must be 1 to 80 characters long (it has 82)")
    }
}
