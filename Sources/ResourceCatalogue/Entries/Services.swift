extension ResourceCatalogue {
    static let secretsManager: [ResourceType] = [
        ResourceType(
            "AWS::SecretsManager::Secret", holdsData: true, nameProperty: ["Name"],
            ref: .deployTime("a secret's ARN ends in a random suffix chosen when it is created; pass its name instead"),
            cleanup: "aws secretsmanager delete-secret --secret-id {id} --region {region}"),
    ]

    static let sageMaker: [ResourceType] = [
        ResourceType(
            "AWS::SageMaker::Model", nameProperty: ["ModelName"],
            ref: .deployTime("SageMaker ARNs carry the lower-cased generated name"),
            attributes: ["ModelName": .name],
            cleanup: "aws sagemaker delete-model --model-name {id} --region {region}"),
        ResourceType(
            "AWS::SageMaker::EndpointConfig", nameProperty: ["EndpointConfigName"],
            ref: .deployTime("SageMaker ARNs carry the lower-cased generated name"),
            attributes: ["EndpointConfigName": .name],
            cleanup: "aws sagemaker delete-endpoint-config --endpoint-config-name {id} --region {region}"),
        ResourceType(
            "AWS::SageMaker::Endpoint", nameProperty: ["EndpointName"],
            ref: .deployTime("SageMaker ARNs carry the lower-cased endpoint name"),
            attributes: ["EndpointName": .name],
            cleanup: "aws sagemaker delete-endpoint --endpoint-name {id} --region {region}"),
    ]

    static let stepFunctions: [ResourceType] = [
        ResourceType(
            "AWS::StepFunctions::StateMachine", nameProperty: ["StateMachineName"],
            ref: .pattern("arn:{partition}:states:{region}:{account}:stateMachine:{name}"),
            attributes: [
                "Arn": .pattern("arn:{partition}:states:{region}:{account}:stateMachine:{name}"),
                "Name": .name,
            ],
            cleanup: "aws stepfunctions delete-state-machine --state-machine-arn {id} --region {region}"),
    ]

    static let cloudWatch: [ResourceType] = [
        ResourceType(
            "AWS::CloudWatch::Alarm", nameProperty: ["AlarmName"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}")],
            cleanup: "aws cloudwatch delete-alarms --alarm-names {id} --region {region}"),
    ]

    /// The SAM transform's types, as `diff` reads SAM templates (no registry schemas: facts are hand-kept).
    static let serverless: [ResourceType] = [
        ResourceType(
            "AWS::Serverless::Function", nameProperty: ["FunctionName"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:lambda:{region}:{account}:function:{name}")],
            // SAM passes these to the AWS::Lambda::Function it generates, where they are create-only.
            replacement: [
                ReplacementFact(["FunctionName"], .replace, reason: "create-only property of the generated AWS::Lambda::Function",
                                source: "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html"),
                ReplacementFact(["PackageType"], .replace, reason: "create-only property of the generated AWS::Lambda::Function",
                                source: "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html"),
            ],
            carriesPermissions: true),
        ResourceType(
            "AWS::Serverless::StateMachine", nameProperty: ["Name"],
            ref: .pattern("arn:{partition}:states:{region}:{account}:stateMachine:{name}"),
            attributes: ["Arn": .pattern("arn:{partition}:states:{region}:{account}:stateMachine:{name}"), "Name": .name],
            carriesPermissions: true),
        ResourceType(
            "AWS::Serverless::SimpleTable", holdsData: true, nameProperty: ["TableName"], ref: .name,
            cleanup: "aws dynamodb delete-table --table-name {id} --region {region}"),
    ]

    /// Types stackctl does not emit but reads in other tools' templates (`diff --base-dir`), where a
    /// deletion or a new grant must still be seen.
    static let others: [ResourceType] = [
        ResourceType("AWS::RDS::DBInstance", holdsData: true, nameProperty: ["DBInstanceIdentifier"], ref: .name),
        ResourceType("AWS::RDS::DBCluster", holdsData: true, nameProperty: ["DBClusterIdentifier"], ref: .name),
        ResourceType("AWS::EFS::FileSystem", holdsData: true, ref: .deployTime("a file system's ID is generated when it is created")),
        // Deleting a key makes everything encrypted with it unreadable.
        ResourceType("AWS::KMS::Key", holdsData: true, ref: .deployTime("a key's ID is generated when it is created"),
                     attributes: ["Arn": .deployTime("a key's ARN ends in its generated ID"),
                                  "KeyId": .deployTime("a key's ID is generated when it is created")],
                     cleanup: "aws kms schedule-key-deletion --key-id {id} --pending-window-in-days 30 --region {region}",
                     carriesPermissions: true),
        ResourceType("AWS::SSM::Parameter", nameProperty: ["Name"], ref: .name),
    ]
}
