/// The SNS actions stackctl grants, by intent; on the topic ARN.
///
/// Topics are encrypted with the AWS managed key `alias/aws/sns`, whose key policy lets principals of
/// the account use it through SNS: publishers need no `kms:` actions. (AWS services that publish with
/// their own service principal, such as CloudWatch alarms or EventBridge, cannot use `aws/sns`; such a
/// topic would need a customer managed key.)
public enum SNSActions {
    public static let publish = ["sns:Publish"]
}
