import StackCore
import StackTemplate

/// The one way stackctl lets a service invoke a function: an `AWS::Lambda::Permission` for a service
/// principal, scoped to the source (`SourceArn`, and `SourceAccount` for S3, whose bucket ARNs carry
/// no account). Topics, rules, schedules and S3 notifications all use it.
public enum LambdaPermission {
    public static func invoke(
        _ function: TemplateValue, by principal: String, sourceArn: TemplateValue, sourceAccount: TemplateValue? = nil
    ) -> Resource {
        var properties: TemplateMap = [
            "Action": "lambda:InvokeFunction",
            "FunctionName": function,
            "Principal": .string(principal),
            "SourceArn": sourceArn,
        ]
        if let sourceAccount { properties["SourceAccount"] = sourceAccount }
        return Resource(type: "AWS::Lambda::Permission", properties: properties)
    }
}
