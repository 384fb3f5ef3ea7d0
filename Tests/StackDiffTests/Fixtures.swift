import StackTemplate
import XCTest

/// A small pipeline stack in stackctl's style (construct paths in Metadata, retained stateful
/// resources where the environment says so). Catalogue cases edit it with `replacing(_:with:)`.
let baseTemplate = """
AWSTemplateFormatVersion: '2010-09-09'
Description: Catalogue base
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  Raw:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Metadata:
      stackctl:path: Pipe/Raw
    Properties:
      BucketName: pipe-dev-raw
      VersioningConfiguration:
        Status: Enabled
      Tags:
        - Key: team
          Value: data
        - Key: cost
          Value: pipeline
  Quotes:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Delete
    UpdateReplacePolicy: Delete
    Metadata:
      stackctl:path: Pipe/Quotes
    Properties:
      TableName: pipe-dev-quotes
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: symbol
          AttributeType: S
        - AttributeName: timestamp
          AttributeType: S
      KeySchema:
        - AttributeName: symbol
          KeyType: HASH
        - AttributeName: timestamp
          KeyType: RANGE
      StreamSpecification:
        StreamViewType: NEW_IMAGE
  Ticks:
    Type: AWS::Kinesis::Stream
    Metadata:
      stackctl:path: Pipe/Ticks
    Properties:
      Name: pipe-dev-ticks
      ShardCount: 1
      RetentionPeriodHours: 24
  Work:
    Type: AWS::SQS::Queue
    Metadata:
      stackctl:path: Pipe/Work
    Properties:
      QueueName: pipe-dev-work
      VisibilityTimeout: 180
  ProcessingRole:
    Type: AWS::IAM::Role
    Metadata:
      stackctl:path: Pipe/Processing/Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  ProcessingRolePolicy:
    Type: AWS::IAM::Policy
    Metadata:
      stackctl:path: Pipe/Processing/Role/Policy
    Properties:
      PolicyName: ProcessingRolePolicy
      Roles:
        - !Ref ProcessingRole
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
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
  Processing:
    Type: AWS::Lambda::Function
    Metadata:
      stackctl:path: Pipe/Processing
    Properties:
      FunctionName: pipe-dev-processing
      Runtime: provided.al2023
      Handler: bootstrap
      MemorySize: 256
      Timeout: 30
      Role: !GetAtt ProcessingRole.Arn
      Code:
        S3Bucket: stackctl-assets-111111111111-us-east-2
        S3Key: 1111111111111111111111111111111111111111111111111111111111111111.zip
      Environment:
        Variables:
          TABLE: !Ref Quotes
          BUCKET: pipe-dev-raw
  ProcessingTicks:
    Type: AWS::Lambda::EventSourceMapping
    Metadata:
      stackctl:path: Pipe/Processing/Ticks
    Properties:
      EventSourceArn: !GetAtt Ticks.Arn
      FunctionName: !Ref Processing
      StartingPosition: LATEST
      BatchSize: 100
  ProcessingInvoke:
    Type: AWS::Lambda::Permission
    Metadata:
      stackctl:path: Pipe/Processing/Invoke
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Processing
      Principal: events.amazonaws.com
      SourceArn: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/pipe-dev-nightly
  ProcessingLogs:
    Type: AWS::Logs::LogGroup
    DeletionPolicy: Delete
    Metadata:
      stackctl:path: Pipe/Processing/Logs
    Properties:
      LogGroupName: /aws/lambda/pipe-dev-processing
      RetentionInDays: 30
Outputs:
  QuotesTable:
    Value: !Ref Quotes
    Export:
      Name: pipe-dev-QuotesTable
"""

extension String {
    /// The text with `old` replaced by `new`; fails the test when `old` is not there (so a catalogue
    /// case can never silently compare the base with itself).
    func replacing(_ old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        guard range(of: old) != nil else {
            XCTFail("fixture text not found: \(old)", file: file, line: line)
            return self
        }
        return replacingOccurrences(of: old, with: new)
    }
}

func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Template {
    do {
        return try TemplateParser.parse(text)
    } catch {
        XCTFail("fixture does not parse: \(error)", file: file, line: line)
        throw error
    }
}
