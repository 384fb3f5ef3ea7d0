import StackCore
import StackTemplate

/// A SageMaker real-time endpoint serving a Hugging Face Hub model with the Hugging Face PyTorch
/// inference image of the environment's region: children `Model`, `Config` and the endpoint itself.
///
/// ```swift
/// let sentiment = SageMakerEndpoint("Sentiment", modelID: "cardiffnlp/twitter-roberta-base-sentiment-latest",
///                                   capacity: settings.environment == "prod" ? .instances(type: "ml.m5.large") : .serverless())
/// Function("Scorer", product: "scorer") { Env(["ENDPOINT": sentiment.name]); Allow(sentiment.invoke) }
/// ```
///
/// The model and the endpoint configuration are wholly create-only, so they get no fixed names: a new
/// model ID or capacity replaces them (CloudFormation names them) and the endpoint, which has a known
/// name (`<namePrefix>-<stack>-<path>` unless `name` is given), is updated in place to the new
/// configuration. Its role (children `Role`, `Policy`) is least privilege, not
/// `AmazonSageMakerFullAccess`: pulling the image from its repository, and writing the endpoint's logs.
public struct SageMakerEndpoint: Referenceable {
    public let id: String
    /// The Hugging Face Hub model (`HF_MODEL_ID`), e.g. `distilbert-base-uncased-finetuned-sst-2-english`.
    public var modelID: String
    public var capacity: EndpointCapacity
    /// Explicit endpoint name; nil for the default derived from the environment.
    public var explicitName: String?

    /// The pipeline the container runs (`HF_TASK`).
    public static let task = "text-classification"

    public init(_ id: String, modelID: String, capacity: EndpointCapacity = .serverless(), name: String? = nil) {
        self.id = id
        self.modelID = modelID
        self.capacity = capacity
        self.explicitName = name
    }

    /// The endpoint's name (a literal once synthesized): what `InvokeEndpoint` takes.
    public var name: TemplateValue { attribute("EndpointName") }
    /// `arn:…:sagemaker:REGION:ACCOUNT:endpoint/NAME`.
    public var arn: TemplateValue { SageMakerArn.endpoint(name) }

    /// Calling the endpoint (`sagemaker:InvokeEndpoint` on its ARN).
    public var invoke: Grant {
        Grant("invoke SageMaker endpoint \(id)", actions: SageMakerActions.invokeEndpoint, resources: [arn])
    }

    /// The name the endpoint gets where it is synthesized.
    public func physicalName(in scope: Scope) -> String { explicitName ?? scope.defaultPhysicalName }

    public func synthesize(in scope: Scope) {
        let endpointName = physicalName(in: scope)
        let region = scope.settings.region
        validate(endpointName, in: scope)
        guard let image = HuggingFaceImage.uri(region: region), let imageAccount = HuggingFaceImage.accounts[region] else {
            scope.error(.invalidSageMakerEndpoint, "no Hugging Face inference image is known for region \(region)",
                        hint: "deploy to one of \(HuggingFaceImage.accounts.keys.sorted().joined(separator: ", ")), "
                            + "or add the region's image account to HuggingFaceImage.accounts",
                        property: "modelID")
            return
        }

        let role = ServiceRole(service: "sagemaker.amazonaws.com", description: "Execution role of SageMaker endpoint \(scope.fullPath)",
                               statements: Self.roleStatements(endpointName, imageAccount: imageAccount))
        let ready = role.add(in: scope)
        // Keys in sorted order: see TemplateMap. No ModelName/EndpointConfigName: both are create-only.
        scope.resource("Model", Resource(type: "AWS::SageMaker::Model", properties: [
            "ExecutionRoleArn": ready.arn,
            "PrimaryContainer": [
                "Environment": ["HF_MODEL_ID": .string(modelID), "HF_TASK": .string(Self.task)],
                "Image": .string(image),
            ],
        ], dependsOn: ready.dependsOn))
        scope.resource("Config", Resource(type: "AWS::SageMaker::EndpointConfig", properties: [
            "ProductionVariants": [capacity.variant(model: scope.getAtt("Model", "ModelName"))],
        ]))
        scope.resource(Resource(type: "AWS::SageMaker::Endpoint", properties: [
            "EndpointConfigName": scope.getAtt("Config", "EndpointConfigName"),
            "EndpointName": .string(endpointName),
        ]))
        scope.provide(.getAtt("EndpointName"), value: .string(endpointName))
    }

    /// Pulling the image (the token on `*`, the layers on its repository) and writing the endpoint's logs.
    static func roleStatements(_ endpointName: String, imageAccount: String) -> [PolicyStatement] {
        [
            PolicyStatement(actions: SageMakerActions.authorizationToken, resources: ["*"]),
            PolicyStatement(actions: SageMakerActions.pullImage,
                            resources: [SageMakerArn.repository(account: imageAccount, name: HuggingFaceImage.repository)]),
            PolicyStatement(actions: SageMakerActions.writeLogs, resources: [SageMakerArn.endpointLogGroupArn(endpointName)]),
        ]
    }

    private func validate(_ endpointName: String, in scope: Scope) {
        if let problem = Self.nameProblem(endpointName) {
            scope.error(.invalidSageMakerEndpoint, problem,
                        hint: explicitName == nil
                            ? "the default name is <namePrefix>-<stack>-<path>; pass name: with 1-63 lowercase letters, digits and hyphens"
                            : "use 1-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit",
                        property: "name")
        }
        if modelID.isEmpty || modelID.utf8.count > 256 || modelID.contains(where: { $0.isWhitespace }) {
            scope.error(.invalidSageMakerEndpoint, "model ID '\(modelID)' is not a Hugging Face Hub model ID",
                        hint: "write the Hub ID, e.g. distilbert-base-uncased-finetuned-sst-2-english or cardiffnlp/twitter-roberta-base-sentiment-latest",
                        property: "modelID")
        }
        capacity.validate(in: scope)
    }

    /// SageMaker's rule (`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`), lowercase only: SageMaker lower-cases the
    /// name in the endpoint's ARN, so a grant built from a mixed-case name would not match it.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the endpoint name is empty" }
        if name.utf8.count > 63 { return "the endpoint name '\(name)' is \(name.utf8.count) characters; SageMaker allows 63" }
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        if !allowed { return "endpoint name '\(name)' may contain only lowercase letters, digits and hyphens" }
        if name.hasPrefix("-") || name.hasSuffix("-") { return "endpoint name '\(name)' starts or ends with a hyphen" }
        return nil
    }
}
