import AWSClient
@testable import StackctlCLI
import StackDeploy
import StackDiff
import StackTemplate
import XCTest

/// One table of changes, decided by both commands that judge risk: `diff --fail-on broadening` /
/// `--fail-on data-loss` (the exit status) and `deploy --require-approval broadening` (whether to ask).
/// Both read StackDiff's risks, so they must agree case by case — a narrowing passes both.
final class RiskAgreementTests: XCTestCase {
    struct Case {
        var name: String
        var old: [String: Resource]
        var new: [String: Resource]
        var broadens: Bool
        var losesData: Bool
    }

    static func policy(_ statements: [TemplateValue]) -> Resource {
        Resource(type: "AWS::IAM::Policy", properties: [
            "PolicyName": "p", "Roles": ["worker"], "PolicyDocument": ["Version": "2012-10-17", "Statement": .list(statements)],
        ])
    }

    static func allow(_ actions: [String], _ resource: TemplateValue = "arn:aws:s3:::raw/in/*", condition: TemplateValue? = nil) -> TemplateValue {
        var statement: TemplateMap = ["Effect": "Allow", "Action": .list(actions.map(TemplateValue.string)), "Resource": resource]
        if let condition { statement["Condition"] = condition }
        return .map(statement)
    }

    static let deny: TemplateValue = ["Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"]
    static let table = Resource(type: "AWS::DynamoDB::Table", properties: ["TableName": "quotes", "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]]])
    static let queue = Resource(type: "AWS::SQS::Queue", properties: ["QueueName": "jobs"])
    static let function = Resource(type: "AWS::Lambda::Function", properties: ["Code": ["S3Key": "a.zip"], "Runtime": "provided.al2023"])
    static func role(_ services: [String]) -> Resource {
        Resource(type: "AWS::IAM::Role", properties: ["AssumeRolePolicyDocument": ["Statement": [
            ["Effect": "Allow", "Action": "sts:AssumeRole", "Principal": ["Service": .list(services.map(TemplateValue.string))]],
        ]]])
    }
    static let permission = Resource(type: "AWS::Lambda::Permission", properties: [
        "Action": "lambda:InvokeFunction", "FunctionName": "f", "Principal": "sns.amazonaws.com", "SourceArn": "arn:aws:sns:us-east-1:1:t",
    ])

    static var cases: [Case] {
        var retained = table
        retained.deletionPolicy = .retain
        var renamedQueue = queue
        renamedQueue.properties["QueueName"] = "jobs-v2"
        var newCode = function
        newCode.properties["Code"] = ["S3Key": "b.zip"]
        return [
            Case(name: "narrowing an action list", old: ["P": policy([allow(["s3:GetObject", "s3:PutObject"])])],
                 new: ["P": policy([allow(["s3:GetObject"])])], broadens: false, losesData: false),
            Case(name: "narrowing a resource", old: ["P": policy([allow(["s3:GetObject"], "*")])],
                 new: ["P": policy([allow(["s3:GetObject"])])], broadens: false, losesData: false),
            Case(name: "removing a statement", old: ["P": policy([allow(["s3:GetObject"]), allow(["sqs:SendMessage"], "*")])],
                 new: ["P": policy([allow(["s3:GetObject"])])], broadens: false, losesData: false),
            Case(name: "adding an action", old: ["P": policy([allow(["s3:GetObject"])])],
                 new: ["P": policy([allow(["s3:GetObject", "s3:DeleteObject"])])], broadens: true, losesData: false),
            Case(name: "widening a resource", old: ["P": policy([allow(["s3:GetObject"])])],
                 new: ["P": policy([allow(["s3:GetObject"], "arn:aws:s3:::raw/*")])], broadens: true, losesData: false),
            Case(name: "dropping a condition", old: ["P": policy([allow(["s3:GetObject"], condition: ["Bool": ["aws:SecureTransport": "true"]])])],
                 new: ["P": policy([allow(["s3:GetObject"])])], broadens: true, losesData: false),
            Case(name: "removing a deny", old: ["P": policy([allow(["s3:GetObject"]), deny])],
                 new: ["P": policy([allow(["s3:GetObject"])])], broadens: true, losesData: false),
            Case(name: "trusting another service", old: ["R": role(["lambda.amazonaws.com"])],
                 new: ["R": role(["lambda.amazonaws.com", "glue.amazonaws.com"])], broadens: true, losesData: false),
            Case(name: "a new Lambda permission", old: [:], new: ["L": permission], broadens: true, losesData: false),
            Case(name: "new code", old: ["F": function], new: ["F": newCode], broadens: false, losesData: false),
            Case(name: "a table removed", old: ["T": table], new: [:], broadens: false, losesData: true),
            Case(name: "a retained table removed", old: ["T": retained], new: [:], broadens: false, losesData: false),
            Case(name: "a queue replaced by a new name", old: ["Q": queue], new: ["Q": renamedQueue], broadens: false, losesData: true),
            Case(name: "retention dropped (retainData: true → false)", old: ["T": retained], new: ["T": table], broadens: false, losesData: true),
            Case(name: "retention added", old: ["T": table], new: ["T": retained], broadens: false, losesData: false),
        ]
    }

    /// The change set CloudFormation would compute for the two templates (add, modify, remove).
    static func changeSet(_ old: [String: Resource], _ new: [String: Resource]) -> [CloudFormation.ResourceChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { id in
            switch (old[id], new[id]) {
            case (nil, let n?): return .init(action: "Add", logicalId: id, resourceType: n.type)
            case (let o?, nil): return .init(action: "Remove", logicalId: id, resourceType: o.type)
            case (let o?, let n?) where o != n: return .init(action: "Modify", logicalId: id, resourceType: n.type)
            default: return nil
            }
        }
    }

    func testDiffAndDeployJudgeEveryCaseAlike() {
        for c in Self.cases {
            // A stack exists already: a base resource keeps the old template from being empty.
            let base: [String: Resource] = ["Keep": Resource(type: "AWS::SNS::Topic", properties: ["TopicName": "keep"])]
            let old = Template(resources: c.old.merging(base) { a, _ in a }), new = Template(resources: c.new.merging(base) { a, _ in a })
            let report = DiffReport(stacks: [TemplateDiffer.diff(stack: "App", old: old, new: new)], baseLabel: "base")
            XCTAssertEqual(FailOn.broadening.matches(report), c.broadens, "diff --fail-on broadening: \(c.name)")
            XCTAssertEqual(FailOn.dataLoss.matches(report), c.losesData, "diff --fail-on data-loss: \(c.name)")
            let reasons = ApprovalPolicy(level: .broadening).reasons(Self.changeSet(old.resources, new.resources), new: new, old: old)
            XCTAssertEqual(!reasons.isEmpty, c.broadens || c.losesData, "deploy --require-approval broadening: \(c.name): \(reasons)")
        }
    }
}
