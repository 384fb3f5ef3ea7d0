@testable import StackTemplate

/// Templates shared by several test files.
enum Fixtures {
    /// Every intrinsic, every section, every resource attribute, NoEcho, exports, unicode, multi-line
    /// text and empty containers: what a round trip must carry unchanged.
    static var rich: Template {
        Template(
            description: "Rich template: ünïcødé ✓, quotes ' \" and a colon: here",
            transforms: ["AWS::Serverless-2016-10-31"],
            metadata: ["Owner": "data-team", "Tags": ["a", "b"], "Empty": [:], "None": []],
            parameters: [
                "Env": Parameter(
                    type: "String", description: "Environment", defaultValue: "dev",
                    allowedValues: ["dev", "prod", "yes"], allowedPattern: "^[a-z]+$",
                    constraintDescription: "lower-case letters"),
                "Secret": Parameter(type: "String", noEcho: true, minLength: 8, maxLength: 64),
                "Shards": Parameter(type: "Number", defaultValue: 2, minValue: 1, maxValue: 10),
            ],
            mappings: ["Regions": ["us-east-1": ["Ami": "ami-123", "Size": 10, "Ratio": 0.5]]],
            conditions: [
                "IsProd": .equals(.ref("Env"), "prod"),
                "IsDev": .not(.condition("IsProd")),
                "Both": .and([.condition("IsProd"), .equals(.ref("AWS::Region"), "us-east-1")]),
                "Either": .or([.condition("IsProd"), .condition("IsDev")]),
            ],
            resources: [
                "Bucket": Resource(
                    type: "AWS::S3::Bucket",
                    properties: [
                        "BucketName": .sub("${AWS::StackName}-raw-${Suffix}", ["Suffix": .ref("Env")]),
                        "Tags": [["Key": "Name", "Value": .join("-", [.ref("AWS::StackName"), "raw"])]],
                        "Empty": [],
                        "EmptyMap": [:],
                        "Nested": [[1, 2.5, true, .null], ["deep": ["deeper": "x"]]],
                    ],
                    condition: "IsProd", deletionPolicy: .retain, updateReplacePolicy: .snapshot,
                    metadata: [Resource.pathMetadataKey: "Stack/Bucket"]),
                "Function": Resource(
                    type: "AWS::Lambda::Function",
                    properties: [
                        "Role": .getAtt("Role", "Arn"),
                        "Code": ["ZipFile": "import os\n\ndef handler(event, context):\n    return 'ok'\n"],
                        "Description": "line one\nline two",
                        "MemorySize": .if("IsProd", 1024, .noValue),
                        "Subnet": .select(0, .getAZs(.region)),
                        "Parts": .split(",", .importValue("shared-subnets")),
                        "UserData": .base64(.sub("#!/bin/bash\necho ${AWS::Region}\n", [:])),
                        "Ami": .findInMap("Regions", .region, "Ami"),
                        "Cidrs": .cidr("10.0.0.0/16", 4, 8),
                        "Timeout": 30,
                        "Ratio": 1.0,
                        "Small": 1e-7,
                        "Negative": -42,
                        "Nothing": .null,
                        "Flags": [false, "false", "10", "0x1F", "1e3", ""],
                        "Endpoint": .getAtt("Db", "Endpoint.Address"),
                    ],
                    dependsOn: ["Bucket", "Role"]),
                "Role": Resource(type: "AWS::IAM::Role", properties: ["AssumeRolePolicyDocument": [:]]),
                "Db": Resource(type: "AWS::RDS::DBInstance"),
            ],
            outputs: [
                "BucketArn": Output(
                    value: .getAtt("Bucket", "Arn"), description: "The bucket",
                    exportName: .sub("${AWS::StackName}-BucketArn", [:]), condition: "IsProd"),
                "Plain": Output(value: "literal"),
            ])
    }
}

extension Fixtures {
    /// A template CloudFormation would accept (cfn-lint clean) that still uses every intrinsic,
    /// NoEcho, exports, DependsOn, policies, metadata and multi-line text.
    static var deployable: Template {
        Template(
            description: "stackctl renderer check: every intrinsic in a valid template",
            metadata: ["stackctl": ["version": 1, "notes": "line one\nline two: with colon\n"]],
            parameters: [
                "Env": Parameter(
                    description: "Environment name", defaultValue: "dev", allowedValues: ["dev", "prod"],
                    constraintDescription: "dev or prod"),
                "DbPassword": Parameter(noEcho: true, minLength: 8, maxLength: 41),
                "Shards": Parameter(type: "Number", defaultValue: 1, minValue: 1, maxValue: 4),
            ],
            mappings: ["EnvSettings": ["dev": ["Retention": 7], "prod": ["Retention": 30]]],
            conditions: [
                "IsProd": .equals(.ref("Env"), "prod"),
                "IsDev": .not(.condition("IsProd")),
                "ProdInUsEast": .and([.condition("IsProd"), .equals(.region, "us-east-1")]),
                "AnyEnv": .or([.condition("IsProd"), .condition("IsDev")]),
            ],
            resources: [
                "Vpc": Resource(type: "AWS::EC2::VPC", properties: ["CidrBlock": "10.0.0.0/16"]),
                "Subnet": Resource(
                    type: "AWS::EC2::Subnet",
                    properties: [
                        "VpcId": .ref("Vpc"),
                        "CidrBlock": .select(0, .cidr(.getAtt("Vpc", "CidrBlock"), 4, 8)),
                        "AvailabilityZone": .select(0, .getAZs(.region)),
                    ]),
                "Logs": Resource(
                    type: "AWS::Logs::LogGroup",
                    properties: [
                        "RetentionInDays": .findInMap("EnvSettings", .ref("Env"), "Retention"),
                        "LogGroupName": .sub("/stackctl/${AWS::StackName}/${Name}", ["Name": .ref("Env")]),
                    ],
                    deletionPolicy: .retain, updateReplacePolicy: .retain,
                    metadata: [Resource.pathMetadataKey: "Check/Logs"]),
                "Stream": Resource(
                    type: "AWS::Kinesis::Stream",
                    properties: [
                        "ShardCount": .ref("Shards"),
                        "StreamEncryption": .if(
                            "IsProd", ["EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"], .noValue),
                    ],
                    condition: "AnyEnv"),
                "Role": Resource(
                    type: "AWS::IAM::Role",
                    properties: [
                        "AssumeRolePolicyDocument": [
                            "Version": "2012-10-17",
                            "Statement": [[
                                "Effect": "Allow", "Action": "sts:AssumeRole",
                                "Principal": ["Service": "lambda.amazonaws.com"],
                                "Condition": ["StringEquals": ["aws:SourceAccount": .accountId]],
                            ]],
                        ],
                        "Path": "/",
                    ]),
                "Function": Resource(
                    type: "AWS::Lambda::Function",
                    properties: [
                        "Runtime": "python3.12",
                        "Handler": "index.handler",
                        "Role": .getAtt("Role", "Arn"),
                        "Timeout": 30,
                        "Code": ["ZipFile": "import os\n\n\ndef handler(event, context):\n    return {'ok': True}\n"],
                        "Environment": ["Variables": [
                            "SUBNETS": .join(",", [.ref("Subnet"), "none"]),
                            "FIRST": .select(0, .split(",", "a,b")),
                            "SHARED": .importValue(.sub("${Env}-shared-value", [:])),
                            "BLOB": .base64("hello"),
                            "ZERO": "0",
                            "YES": "yes",
                        ]],
                    ],
                    dependsOn: ["Logs", "Vpc"]),
                "Secret": Resource(
                    type: "AWS::SecretsManager::Secret",
                    properties: ["SecretString": .sub("{\"password\": \"${DbPassword}\"}", [:])],
                    condition: "ProdInUsEast"),
            ],
            outputs: [
                "FunctionArn": Output(
                    value: .getAtt("Function", "Arn"), description: "The function",
                    exportName: .sub("${AWS::StackName}-FunctionArn", [:])),
                "StreamName": Output(value: .ref("Stream"), condition: "AnyEnv"),
            ])
    }
}
