@testable import StackDiff
import StackTemplate
import XCTest

/// The engine's rules one at a time: normalization, list semantics, impacts, propagation, hints, coverage.
final class EngineTests: XCTestCase {
    private func template(_ resources: String, parameters: String = "") throws -> Template {
        try parse((parameters.isEmpty ? "" : "Parameters:\n" + parameters) + "Resources:\n" + resources)
    }

    private func diff(_ old: String, _ new: String, oldParameters: String = "", newParameters: String = "",
                      hints: [String: ReplacementHint] = [:]) throws -> StackDiff {
        TemplateDiffer.diff(stack: "S", old: try template(old, parameters: oldParameters),
                            new: try template(new, parameters: newParameters), hints: hints)
    }

    private func impacts(_ d: StackDiff) -> [String: Impact] {
        Dictionary(uniqueKeysWithValues: d.resources.map { ($0.logicalID, $0.impact) })
    }

    func testScalarsCompareAsCloudFormationPassesThem() {
        let n = { ValueNormalizer.normalize($0) }
        XCTAssertEqual(n(.int(10)), n(.string("10")))
        XCTAssertEqual(n(.double(10.0)), n(.int(10)))
        XCTAssertEqual(n(.bool(true)), n(.string("true")))
        XCTAssertNotEqual(n(.double(1.5)), n(.int(1)))
        XCTAssertEqual(n(.sub("plain", [:])), .string("plain"))
        XCTAssertEqual(n(.join("", [.string("a"), .join("", [.string("b"), .ref("X")])])), .sub("ab${X}", [:]))
        XCTAssertEqual(n(.join(",", [.getAtt("A", "Arn")])), .getAtt("A", "Arn"))
        XCTAssertEqual(n(.join(":", [.string("arn"), .ref("AWS::Partition")])), n(.sub("arn:${AWS::Partition}", [:])))
        XCTAssertEqual(n(.sub("${X}-${Y}", ["Y": .ref("Z")])), .sub("${X}-${Z}", [:]))
        // A literal "${" is escaped when a Join becomes a Sub, so it never turns into a reference.
        XCTAssertEqual(n(.join("", [.string("${x}"), .ref("R")])), .sub("${!x}${R}", [:]))
    }

    func testTagsAreMatchedByKeyWithReadablePaths() throws {
        let old = """
              B:
                Type: AWS::S3::Bucket
                Properties:
                  Tags: [{Key: env, Value: dev}, {Key: team, Value: a}]
            """
        let new = """
              B:
                Type: AWS::S3::Bucket
                Properties:
                  Tags: [{Key: team, Value: b}, {Key: env, Value: dev}, {Key: cost, Value: c}]
            """
        let changes = try diff(old, new).resources.first?.changes ?? []
        XCTAssertEqual(changes.map(\.path.description), ["Properties.Tags[Key=cost]", "Properties.Tags[Key=team].Value"])
        XCTAssertEqual(changes.map(\.new), [["Key": "cost", "Value": "c"], "b"])
    }

    func testOrderedListsReportPositions() throws {
        let old = "  F:\n    Type: AWS::Lambda::Function\n    Properties: {Layers: [a, b]}\n"
        let new = "  F:\n    Type: AWS::Lambda::Function\n    Properties: {Layers: [b, a, c]}\n"
        let changes = try diff(old, new).resources.first?.changes ?? []
        XCTAssertEqual(changes.map(\.path.description), ["Properties.Layers[0]", "Properties.Layers[1]", "Properties.Layers[2]"])
    }

    func testDependsOnIsASetAndItsChangesAreUpdates() throws {
        let base = "  Q:\n    Type: AWS::SQS::Queue\n"
        XCTAssertEqual(try diff(base + "    DependsOn: [A, B]\n", base + "    DependsOn: [B, A, A]\n").status, .unchanged)
        XCTAssertEqual(try diff(base + "    DependsOn: A\n", base + "    DependsOn: [A]\n").status, .unchanged)
        let changed = try diff(base + "    DependsOn: A\n", base + "    DependsOn: [A, B]\n")
        XCTAssertEqual(impacts(changed), ["Q": .update])
        XCTAssertEqual(changed.resources[0].changes.map(\.path.description), ["DependsOn[1]"])
    }

    func testReplacementPropagatesTransitivelyThroughSubAndGetAtt() throws {
        // Stream name → mapping (EventSourceArn via GetAtt) ; bucket → policy (Bucket via Sub) → nothing further.
        let old = """
              T:
                Type: AWS::Glue::Database
                Properties: {DatabaseName: db1}
              G:
                Type: AWS::Glue::Table
                Properties: {DatabaseName: !Ref T, TableInput: {Name: t}}
              C:
                Type: AWS::Glue::Crawler
                Properties: {Name: !Sub "crawl-${G}", Role: r, Targets: {}}
              W:
                Type: AWS::Glue::Workflow
                Properties: {Description: !Ref G}
            """
        let d = try diff(old, old.replacingOccurrences(of: "db1", with: "db2"))
        XCTAssertEqual(impacts(d), ["T": .replace, "G": .replace, "C": .replace, "W": .update])
        XCTAssertEqual(d.resources.first { $0.logicalID == "C" }?.reasons, ["Properties.Name refers to G, which is replaced"])
        XCTAssertEqual(d.risks, [], "the Glue catalogue holds metadata; the data stays in S3")
    }

    func testAChangedParameterMayReplaceResourcesWhoseCreateOnlyPropertiesUseIt() throws {
        let resources = "  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Sub \"${Stage}-q\", DelaySeconds: 1}\n"
        let d = try diff(resources, resources, oldParameters: "  Stage: {Type: String, Default: dev}\n",
                         newParameters: "  Stage: {Type: String, Default: test}\n")
        XCTAssertEqual(impacts(d), ["Q": .mayReplace])
        XCTAssertEqual(d.resources[0].reasons, ["Properties.QueueName refers to Stage, a parameter whose definition changed"])
        XCTAssertEqual(d.risks.map(\.kind), [.dataLoss])
        XCTAssertEqual(d.entries.map { "\($0.section).\($0.name)" }, ["Parameters.Stage"])
        // A new description changes no value: no resource is touched.
        let described = try diff(resources, resources, oldParameters: "  Stage: {Type: String, Default: dev}\n",
                                 newParameters: "  Stage: {Type: String, Default: dev, Description: the stage}\n")
        XCTAssertEqual(impacts(described), [:])
        XCTAssertEqual(described.entries.first?.changes.map(\.path.description), ["Description"])
    }

    func testChangeSetHintsOverrideTheTemplateReading() throws {
        let old = "  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: a, DelaySeconds: 1}\n"
        let renamed = old.replacingOccurrences(of: "QueueName: a", with: "QueueName: b")
        XCTAssertEqual(impacts(try diff(old, renamed)), ["Q": .replace])
        let never = try diff(old, renamed, hints: ["Q": .never])
        XCTAssertEqual(impacts(never), ["Q": .update])
        XCTAssertTrue(never.risks.isEmpty)
        XCTAssertTrue(never.resources[0].reasons.contains("CloudFormation's change set says Replacement: False"))
        let delay = old.replacingOccurrences(of: "DelaySeconds: 1", with: "DelaySeconds: 2")
        XCTAssertEqual(impacts(try diff(old, delay, hints: ["Q": .always])), ["Q": .replace])
        XCTAssertEqual(impacts(try diff(old, delay, hints: ["Q": .conditional])), ["Q": .mayReplace])
    }

    func testWholeStackRemovalDeletesOrOrphansEverything() throws {
        let old = try template("""
              B:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
              T:
                Type: AWS::DynamoDB::Table
                DeletionPolicy: Snapshot
              Q:
                Type: AWS::SQS::Queue
            """)
        let d = TemplateDiffer.diff(stack: "S", old: old, new: nil)
        XCTAssertEqual(d.status, .removed)
        XCTAssertEqual(impacts(d), ["B": .orphan, "T": .remove, "Q": .remove])
        XCTAssertEqual(d.risks.count, 1, "only the queue loses data; the table leaves a snapshot")
        XCTAssertEqual(TemplateDiffer.diff(stack: "S", old: nil, new: old).count(.add), 3)
    }

    func testOutputsAndExportsAreCompared() throws {
        let r = "  Q:\n    Type: AWS::SQS::Queue\n"
        let old = try parse("Resources:\n\(r)Outputs:\n  O: {Value: !Ref Q, Export: {Name: a}}\n")
        let new = try parse("Resources:\n\(r)Outputs:\n  O: {Value: !Ref Q, Export: {Name: b}}\n  P: {Value: x}\n")
        let d = TemplateDiffer.diff(stack: "S", old: old, new: new)
        XCTAssertEqual(d.entries.map { "\($0.name):\($0.kind.rawValue)" }, ["O:modified", "P:added"])
        XCTAssertEqual(d.entries[0].changes.map(\.path.description), ["Export.Name"])
        XCTAssertTrue(d.hasChanges)
    }

    func testIAMWildcardsAndCoverage() {
        XCTAssertTrue(Glob.matches("s3:get*", "s3:getobject"))
        XCTAssertTrue(Glob.matches("arn:aws:s3:::b/*", "arn:aws:s3:::b/raw/*"))
        XCTAssertFalse(Glob.matches("arn:aws:s3:::b/raw/*", "arn:aws:s3:::b/*"))
        XCTAssertTrue(Glob.matches("s3:?etObject", "s3:GetObject"))
        XCTAssertFalse(Glob.matches("s3:Get?", "s3:Get*"))
        let old: TemplateValue = ["Effect": "Allow", "Action": ["s3:Get*"], "Resource": ["arn:aws:s3:::b/*"]]
        let narrower: TemplateValue = ["Effect": "Allow", "Action": ["S3:GetObject"], "Resource": ["arn:aws:s3:::b/raw/*"]]
        let wider: TemplateValue = ["Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::*"]]
        XCTAssertFalse(PermissionCoverage.broadens(added: [narrower], removed: [old], before: [old]))
        XCTAssertTrue(PermissionCoverage.broadens(added: [wider], removed: [old], before: [old]))
        let deny: TemplateValue = ["Effect": "Deny", "Action": ["s3:*"], "Resource": ["*"]]
        XCTAssertTrue(PermissionCoverage.broadens(added: [], removed: [deny], before: [deny]))
        let conditioned: TemplateValue = ["Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::b/x"],
                                          "Condition": ["Bool": ["aws:SecureTransport": ["true"]]]]
        XCTAssertFalse(PermissionCoverage.broadens(added: [conditioned], removed: [], before: [old]))
        XCTAssertTrue(PermissionCoverage.broadens(added: [old], removed: [], before: [conditioned]))
    }

    func testNewResourcePoliciesAndPermissionsBroaden() throws {
        let base = "  Q:\n    Type: AWS::SQS::Queue\n"
        let d = try diff(base, base + """
              P:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [!Ref Q]
                  PolicyDocument:
                    Statement: {Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: !GetAtt Q.Arn}
              L:
                Type: AWS::Lambda::Permission
                Properties: {Action: 'lambda:InvokeFunction', FunctionName: f, Principal: s3.amazonaws.com}
            """)
        XCTAssertEqual(impacts(d), ["P": .add, "L": .add])
        XCTAssertEqual(Set(d.risks.map(\.kind)), [.permissionBroadening])
        XCTAssertEqual(d.iam.map(\.source), ["Lambda permission", "PolicyDocument"])
        XCTAssertEqual(d.iam[1].added, ["Allow sqs:SendMessage on !GetAtt Q.Arn; principal *"])
    }

    /// Statement identities quote every string: text that looks like more keys is still one value.
    func testStatementsThatOnlyLookAlikeKeepTheirOwnIdentity() throws {
        let real: TemplateValue = ["Action": "s3:GetObject", "Effect": "Allow", "Resource": "*", "Sid": "s", "Tid": "t"]
        let lookalike: TemplateValue = ["Action": "s3:GetObject", "Effect": "Allow", "Resource": "*", "Sid": "s\",\"Tid\":\"t"]
        XCTAssertNotEqual(CanonicalKey.of(real), CanonicalKey.of(lookalike))
        let policy = { (statements: [TemplateValue]) in
            Template(resources: ["P": Resource(type: "AWS::IAM::Policy", properties: [
                "PolicyName": "p", "Roles": ["r"], "PolicyDocument": ["Version": "2012-10-17", "Statement": .list(statements)],
            ])])
        }
        let d = TemplateDiffer.diff(stack: "S", old: policy([real]), new: policy([real, lookalike]))
        XCTAssertEqual(d.iam.first?.added.count, 1, "the look-alike statement is an addition")
        XCTAssertEqual(CanonicalKey.of(.ref("a)b")), #"!Ref("a)b")"#)
    }
}

/// Permission documents beyond IAM::Policy: role inline policies, managed policies, SAM function policies.
final class PermissionSourcesTests: XCTestCase {
    private func iam(_ old: String, _ new: String) throws -> [IAMChange] {
        TemplateDiffer.diff(stack: "S", old: try parse("Resources:\n" + old), new: try parse("Resources:\n" + new)).iam
    }

    func testRoleInlinePoliciesAreComparedPerPolicyName() throws {
        let role = { (actions: String) in """
              R:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
                  Policies:
                    - PolicyName: other
                      PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: '*'}]}
                    - PolicyName: read
                      PolicyDocument: {Statement: [{Effect: Allow, Action: \(actions), Resource: 'arn:aws:s3:::b/*'}]}
            """ }
        let wider = try iam(role("s3:GetObject"), role("[s3:GetObject, s3:PutObject]"))
        XCTAssertEqual(wider.map(\.source), ["Policies[PolicyName=read].PolicyDocument"])
        XCTAssertEqual(wider.map(\.broadens), [true])
        let narrower = try iam(role("'s3:*'"), role("s3:GetObject"))
        XCTAssertEqual(narrower.map(\.broadens), [false])
    }

    func testManagedPoliciesAndSAMFunctionPolicies() throws {
        let managed = try iam("  Q: {Type: AWS::SQS::Queue}\n", """
              Q: {Type: AWS::SQS::Queue}
              M:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument: {Statement: {Effect: Allow, Action: 'logs:*', Resource: '*'}}
            """)
        XCTAssertEqual(managed.map { "\($0.source): \($0.added)" }, ["PolicyDocument: [\"Allow logs:* on *\"]"])
        let sam = { (policies: String) in """
              F:
                Type: AWS::Serverless::Function
                Properties: {Handler: bootstrap, Runtime: provided.al2023, CodeUri: s3://b/k, Policies: \(policies)}
            """ }
        let added = try iam(sam("AWSLambdaBasicExecutionRole"), sam("[AWSLambdaBasicExecutionRole, {S3ReadPolicy: {BucketName: b}}]"))
        XCTAssertEqual(added.map(\.added), [["attach policy {S3ReadPolicy: {BucketName: b}}"]])
        XCTAssertEqual(added.map(\.broadens), [true])
        let removed = try iam(sam("[AWSLambdaBasicExecutionRole, {S3ReadPolicy: {BucketName: b}}]"), sam("AWSLambdaBasicExecutionRole"))
        XCTAssertEqual(removed.map(\.broadens), [false])
    }
}
