import StackCore
import StackTemplate

/// The SageMaker, ECR and Logs actions stackctl grants around an endpoint (Service Authorization
/// Reference, "Actions defined by Amazon SageMaker" / "Amazon Elastic Container Registry").
public enum SageMakerActions {
    /// Calling the endpoint; on the endpoint's ARN.
    public static let invokeEndpoint = ["sagemaker:InvokeEndpoint"]
    /// Pulling an image's layers; on the repository's ARN (in the account that holds the image).
    public static let pullImage = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    /// AWS cannot scope this one: `ecr:GetAuthorizationToken` has no resource type in the Service
    /// Authorization Reference, so IAM evaluates it only against `Resource: "*"` (a statement naming the
    /// repository would grant nothing and the pull would fail). It only returns a registry login token;
    /// what can be pulled with it is still limited by `pullImage`. Granted on `*`, alone in its statement.
    public static let authorizationToken = ["ecr:GetAuthorizationToken"]
    /// An endpoint's container writing its logs (SageMaker creates the group on first use).
    public static let writeLogs = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
}

/// ARNs around an endpoint, built from names (no `Fn::GetAtt`).
public enum SageMakerArn {
    /// `arn:…:sagemaker:REGION:ACCOUNT:endpoint/NAME` (SageMaker ARNs carry the name lower-cased).
    public static func endpoint(_ name: TemplateValue) -> TemplateValue {
        Arn.build(service: "sagemaker", resource: .join("", ["endpoint/", name]))
    }
    /// `arn:…:ecr:REGION:IMAGE_ACCOUNT:repository/REPOSITORY`: the image is in AWS's account, not ours.
    public static func repository(account: String, name: String) -> TemplateValue {
        TemplateValue.join("", ["arn:", .partition, ":ecr:", .region, ":\(account):repository/\(name)"]).simplifiedJoin
    }
    /// Each endpoint logs to `/aws/sagemaker/Endpoints/<endpoint name>`.
    public static func endpointLogGroup(_ endpointName: String) -> String { "/aws/sagemaker/Endpoints/\(endpointName)" }
    public static func endpointLogGroupArn(_ endpointName: String) -> TemplateValue {
        Arn.build(service: "logs", resource: .string("log-group:\(endpointLogGroup(endpointName)):*"))
    }
}
