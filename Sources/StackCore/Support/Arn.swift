import StackTemplate

/// ARNs built from names, for the places where `Fn::GetAtt` would create a dependency cycle.
public enum Arn {
    /// `arn:${AWS::Partition}:SERVICE:${AWS::Region}:${AWS::AccountId}:RESOURCE`; pass `regional: false`
    /// for global services (S3 bucket ARNs have neither region nor account).
    public static func build(service: String, resource: TemplateValue, regional: Bool = true, account: Bool = true) -> TemplateValue {
        let region: TemplateValue = regional ? .region : ""
        let acct: TemplateValue = account ? .accountId : ""
        return .join("", ["arn:", .partition, ":\(service):", region, ":", acct, ":", resource])
            .simplifiedJoin
    }
}
