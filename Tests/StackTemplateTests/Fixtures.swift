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
                        "Nested": [[1, 2.5, true, nil], ["deep": ["deeper": "x"]]],
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
                        "Nothing": nil,
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
