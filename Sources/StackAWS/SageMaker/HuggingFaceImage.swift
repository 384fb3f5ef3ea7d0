/// The Hugging Face PyTorch inference image (AWS Deep Learning Containers) a `SageMakerEndpoint` runs.
///
/// Data from sagemaker-python-sdk, `src/sagemaker/image_uri_config/huggingface.json` ("inference",
/// `huggingface-pytorch-inference` registries; commit 04013dbcb8a68cf6962e685573275aefafa1700f), and the
/// tag `image_uris.retrieve(framework: "huggingface", version: "4.26.0", base_framework_version:
/// "pytorch1.13.1", image_scope: "inference", instance_type: "ml.m5.large")` returns. The image lives in
/// an AWS account that differs by region and partition; a region missing here has no known image.
public enum HuggingFaceImage {
    public static let repository = "huggingface-pytorch-inference"
    /// Pinned: a new tag is a new model (a replacement), never a silent change.
    public static let tag = "1.13.1-transformers4.26.0-cpu-py39-ubuntu20.04"

    /// Region → the account holding the image in that region's ECR.
    public static let accounts: [String: String] = [
        "af-south-1": "626614931356",
        "ap-east-1": "871362719292",
        "ap-northeast-1": "763104351884",
        "ap-northeast-2": "763104351884",
        "ap-northeast-3": "364406365360",
        "ap-south-1": "763104351884",
        "ap-southeast-1": "763104351884",
        "ap-southeast-2": "763104351884",
        "ca-central-1": "763104351884",
        "cn-north-1": "727897471807",
        "cn-northwest-1": "727897471807",
        "eu-central-1": "763104351884",
        "eu-north-1": "763104351884",
        "eu-south-1": "692866216735",
        "eu-west-1": "763104351884",
        "eu-west-2": "763104351884",
        "eu-west-3": "763104351884",
        "me-south-1": "217643126080",
        "sa-east-1": "763104351884",
        "us-east-1": "763104351884",
        "us-east-2": "763104351884",
        "us-gov-west-1": "442386744353",
        "us-west-1": "763104351884",
        "us-west-2": "763104351884",
    ]

    /// ECR's domain: the China regions are in the `aws-cn` partition, under `amazonaws.com.cn`.
    static func domain(_ region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }

    /// `<account>.dkr.ecr.<region>.<domain>/huggingface-pytorch-inference:<tag>`; nil for an unknown region.
    public static func uri(region: String) -> String? {
        guard let account = accounts[region] else { return nil }
        return "\(account).dkr.ecr.\(region).\(domain(region))/\(repository):\(tag)"
    }
}
