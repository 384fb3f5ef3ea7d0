import StackDiff
import StackTemplate
import XCTest

/// The catalogue of changes from issue 5: each case states the impacts and risks it must produce
/// (so a wrongly recorded golden file cannot hide a wrong answer), then compares the text, markdown
/// and JSON renderings with golden files.
final class CatalogueTests: XCTestCase {
    struct Expected {
        var impacts: [String: Impact]
        /// `kind:LogicalID`
        var risks: Set<String> = []
        var metadataOnly: [String] = []
    }

    private func check(_ name: String, old: String = baseTemplate, new: String, _ expected: Expected,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let diff = TemplateDiffer.diff(stack: "Pipe", old: try parse(old), new: try parse(new))
        let impacts = Dictionary(uniqueKeysWithValues: diff.resources.map { ($0.logicalID, $0.impact) })
        XCTAssertEqual(impacts, expected.impacts, "impacts", file: file, line: line)
        let risks = Set(diff.resources.flatMap { r in r.risks.map { "\($0.kind.rawValue):\(r.logicalID)" } })
        XCTAssertEqual(risks, expected.risks, "risks", file: file, line: line)
        XCTAssertEqual(diff.metadataOnly, expected.metadataOnly, "metadata-only", file: file, line: line)
        let report = DiffReport(stacks: [diff], baseLabel: "base", environment: "dev")
        GoldenFiles.check("\(name).txt", TextRenderer.render(report), file: file, line: line)
        GoldenFiles.check("\(name).md", MarkdownRenderer.render(report), file: file, line: line)
        GoldenFiles.check("\(name).json", try JSONReportRenderer.render(report), file: file, line: line)
    }

    func testPlainPropertyUpdate() throws {
        let new = baseTemplate.replacing("MemorySize: 256", with: "MemorySize: 512")
            .replacing("Value: pipeline", with: "Value: analytics")
        try check("plain-update", new: new, Expected(impacts: ["Processing": .update, "Raw": .update]))
    }

    func testTableKeySchemaChangeReplacesAndLosesData() throws {
        let new = baseTemplate.replacing("""
                    - AttributeName: timestamp
                      KeyType: RANGE
            """, with: """
                    - AttributeName: ts
                      KeyType: RANGE
            """).replacing("""
                    - AttributeName: timestamp
                      AttributeType: S
            """, with: """
                    - AttributeName: ts
                      AttributeType: S
            """)
        try check("table-key-schema", new: new, Expected(
            impacts: ["Quotes": .replace, "ProcessingRolePolicy": .update, "Processing": .update],
            risks: ["data-loss:Quotes"]))
    }

    func testEditingAnExistingAttributeDefinitionReplaces() throws {
        let new = baseTemplate.replacing("""
                    - AttributeName: timestamp
                      AttributeType: S
            """, with: """
                    - AttributeName: timestamp
                      AttributeType: N
            """)
        try check("table-attribute-type", new: new, Expected(
            impacts: ["Quotes": .replace, "ProcessingRolePolicy": .update, "Processing": .update],
            risks: ["data-loss:Quotes"]))
    }

    func testTableNameChange() throws {
        let new = baseTemplate.replacing("TableName: pipe-dev-quotes", with: "TableName: pipe-dev-prices")
        try check("table-name", new: new, Expected(
            impacts: ["Quotes": .replace, "ProcessingRolePolicy": .update, "Processing": .update],
            risks: ["data-loss:Quotes"]))
    }

    func testRetainedBucketNameChangeReplacesWithoutDataLoss() throws {
        let new = baseTemplate.replacing("BucketName: pipe-dev-raw", with: "BucketName: pipe-dev-landing")
        try check("bucket-name", new: new, Expected(impacts: ["Raw": .replace]))
    }

    func testQueueNameChange() throws {
        let new = baseTemplate.replacing("QueueName: pipe-dev-work", with: "QueueName: pipe-dev-jobs")
        try check("queue-name", new: new, Expected(impacts: ["Work": .replace], risks: ["data-loss:Work"]))
    }

    func testFunctionNameChangePropagatesToItsPermission() throws {
        let new = baseTemplate.replacing("FunctionName: pipe-dev-processing", with: "FunctionName: pipe-dev-process")
        try check("function-name", new: new, Expected(
            impacts: ["Processing": .replace, "ProcessingInvoke": .replace, "ProcessingTicks": .update]))
    }

    func testStreamNameChangePropagatesToTheEventSourceMapping() throws {
        let new = baseTemplate.replacing("Name: pipe-dev-ticks", with: "Name: pipe-dev-trades")
        try check("stream-name", new: new, Expected(
            impacts: ["Ticks": .replace, "ProcessingTicks": .replace, "ProcessingRolePolicy": .update],
            risks: ["data-loss:Ticks"]))
    }

    func testFunctionCodeHashChangeIsAnUpdate() throws {
        let new = baseTemplate.replacing("S3Key: 1111", with: "S3Key: 2222")
        try check("code-hash", new: new, Expected(impacts: ["Processing": .update]))
    }

    func testTypeChangeReplaces() throws {
        let new = baseTemplate.replacing("""
                Type: AWS::SQS::Queue
                Metadata:
                  stackctl:path: Pipe/Work
                Properties:
                  QueueName: pipe-dev-work
                  VisibilityTimeout: 180
            """, with: """
                Type: AWS::SNS::Topic
                Metadata:
                  stackctl:path: Pipe/Work
                Properties:
                  TopicName: pipe-dev-work
            """)
        try check("type-change", new: new, Expected(impacts: ["Work": .replace], risks: ["data-loss:Work"]))
    }

    func testRemovedRetainedBucketIsOrphaned() throws {
        let new = removingResource("Raw", before: "Quotes", from: baseTemplate)
        try check("removed-retained-bucket", new: new, Expected(impacts: ["Raw": .orphan]))
    }

    func testRemovedUnretainedTableLosesData() throws {
        let new = removingQuotes(baseTemplate)
        try check("removed-unretained-table", new: new, Expected(
            impacts: ["Quotes": .remove, "ProcessingRolePolicy": .update, "Processing": .update],
            risks: ["data-loss:Quotes"]))
    }

    func testIAMBroadening() throws {
        let new = baseTemplate.replacing("""
                          - s3:PutObject
                          - s3:GetObject
            """, with: """
                          - s3:PutObject
                          - s3:GetObject
                          - s3:DeleteObject
            """).replacing("""
                        Action: dynamodb:PutItem
                        Resource: !GetAtt Quotes.Arn
            """, with: """
                        Action: dynamodb:PutItem
                        Resource: !GetAtt Quotes.Arn
                      - Effect: Allow
                        Action: sqs:*
                        Resource: '*'
            """).replacing("""
                          Service: lambda.amazonaws.com
            """, with: """
                          Service: lambda.amazonaws.com
                          AWS: arn:aws:iam::222222222222:root
            """).replacing("""
                    - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
            """, with: """
                    - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
                    - arn:aws:iam::aws:policy/AmazonS3FullAccess
            """).replacing("      SourceArn: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/pipe-dev-nightly\n", with: "")
        try check("iam-broadening", new: new, Expected(
            impacts: ["ProcessingRole": .update, "ProcessingRolePolicy": .update, "ProcessingInvoke": .replace],
            risks: ["permission-broadening:ProcessingRole", "permission-broadening:ProcessingRolePolicy",
                    "permission-broadening:ProcessingInvoke"]))
    }

    func testIAMNarrowing() throws {
        let new = baseTemplate.replacing("""
                          - s3:PutObject
                          - s3:GetObject
            """, with: """
                          - s3:PutObject
            """).replacing("""
                          - kinesis:GetRecords
                          - kinesis:GetShardIterator
                          - kinesis:DescribeStream
                        Resource: !GetAtt Ticks.Arn
            """, with: """
                          - kinesis:GetRecords
                          - kinesis:GetShardIterator
                        Resource: !GetAtt Ticks.Arn
                      - Effect: Deny
                        Action: s3:DeleteObject
                        Resource: '*'
            """)
        try check("iam-narrowing", new: new, Expected(impacts: ["ProcessingRolePolicy": .update]))
    }

    func testReorderedListsAndMapsShowNoChange() throws {
        // Tags, IAM actions and statements reordered; a single action as a string; keys reordered;
        // numbers as strings; a Sub without variables; DependsOn as a string and as a list.
        let old = baseTemplate.replacing("""
                  FunctionName: !Ref Processing
                  StartingPosition: LATEST
                  BatchSize: 100
            """, with: """
                  FunctionName: !Ref Processing
                  StartingPosition: LATEST
                  BatchSize: 100
                DependsOn: ProcessingRolePolicy
            """)
        let new = baseTemplate.replacing("""
                    - Key: team
                      Value: data
                    - Key: cost
                      Value: pipeline
            """, with: """
                    - Value: pipeline
                      Key: cost
                    - Key: team
                      Value: data
            """).replacing("""
                      - Effect: Allow
                        Action:
                          - kinesis:GetRecords
                          - kinesis:GetShardIterator
                          - kinesis:DescribeStream
                        Resource: !GetAtt Ticks.Arn
                      - Effect: Allow
                        Action:
                          - s3:PutObject
                          - s3:GetObject
                        Resource: !Sub arn:${AWS::Partition}:s3:::pipe-dev-raw/raw/*
                      - Effect: Allow
                        Action: dynamodb:PutItem
                        Resource: !GetAtt Quotes.Arn
            """, with: """
                      - Action: [dynamodb:PutItem]
                        Resource: [!GetAtt Quotes.Arn]
                        Effect: Allow
                      - Effect: Allow
                        Action: [s3:GetObject, s3:PutObject, s3:GetObject]
                        Resource: !Sub arn:${AWS::Partition}:s3:::pipe-dev-raw/raw/*
                      - Effect: Allow
                        Action: [kinesis:DescribeStream, kinesis:GetShardIterator, kinesis:GetRecords]
                        Resource: !GetAtt Ticks.Arn
            """).replacing("MemorySize: 256", with: "MemorySize: '256'")
            .replacing("RetentionInDays: 30", with: "RetentionInDays: 30.0")
            .replacing("BUCKET: pipe-dev-raw", with: "BUCKET: !Sub pipe-dev-raw")
            .replacing("""
                  FunctionName: !Ref Processing
                  StartingPosition: LATEST
                  BatchSize: 100
            """, with: """
                  StartingPosition: LATEST
                  FunctionName: !Ref Processing
                  BatchSize: "100"
                DependsOn: [ProcessingRolePolicy, ProcessingRolePolicy]
            """)
        try check("reordered-no-change", old: old, new: new, Expected(impacts: [:]))
    }

    func testOurJSONAgainstAnotherToolsShortFormYAML() throws {
        // stackctl writes ARNs as Fn::Join; other tools as Fn::Sub.
        let ours = try JSONRenderer.render(try parse(baseTemplate.replacing(
            "Resource: !Sub arn:${AWS::Partition}:s3:::pipe-dev-raw/raw/*",
            with: "Resource: !Join ['', ['arn:', !Ref AWS::Partition, ':s3:::pipe-dev-raw/raw/*']]")), pretty: true)
        let theirs = baseTemplate
            .replacing("Role: !GetAtt ProcessingRole.Arn", with: "Role: !Join ['', [!GetAtt ProcessingRole.Arn]]")
            .replacing("Resource: !GetAtt Ticks.Arn", with: "Resource: !GetAtt [Ticks, Arn]")
            .replacing("Timeout: 30", with: "Timeout: \"30\"")
        try check("other-tool-yaml-no-change", old: ours, new: theirs, Expected(impacts: [:]))
        try check("other-tool-yaml-change", old: ours, new: theirs.replacing("ShardCount: 1", with: "ShardCount: 2"),
                  Expected(impacts: ["Ticks": .update]))
    }

    func testMetadataOnlyChangeIsQuiet() throws {
        let new = baseTemplate.replacing("stackctl:path: Pipe/Work", with: "stackctl:path: Pipe/Queues/Work")
        try check("metadata-only", new: new, Expected(impacts: [:], metadataOnly: ["Work"]))
    }

    /// The text without resource `name` (it runs up to resource `next`).
    func removingResource(_ name: String, before next: String, from text: String) -> String {
        guard let start = text.range(of: "  \(name):\n"), let end = text.range(of: "  \(next):\n") else {
            XCTFail("no resource \(name) followed by \(next)")
            return text
        }
        var out = text
        out.removeSubrange(start.lowerBound..<end.lowerBound)
        return out
    }

    /// The base without the Quotes table and everything that refers to it.
    func removingQuotes(_ text: String) -> String {
        removingResource("Quotes", before: "Ticks", from: text).replacing("""
                      - Effect: Allow
                        Action: dynamodb:PutItem
                        Resource: !GetAtt Quotes.Arn

            """, with: "\n").replacing("          TABLE: !Ref Quotes\n", with: "")
            .replacing("""
            Outputs:
              QuotesTable:
                Value: !Ref Quotes
                Export:
                  Name: pipe-dev-QuotesTable
            """, with: "")
    }
}
