/// The DynamoDB actions stackctl grants, by intent (Service Authorization Reference, "Actions defined
/// by Amazon DynamoDB"; the resource each action authorizes is noted).
public enum DynamoDBActions {
    /// Item reads; on the table and its indexes (`Query`/`Scan` on an index authorize `…/index/<name>`).
    public static let readData = [
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
        "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem",
    ]
    /// Item writes; on the table.
    public static let writeData = [
        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
        "dynamodb:DescribeTable",
    ]
    /// Updating existing items in place (and nothing else); on the table. For a function that only
    /// marks items (a conditional `SET`/`REMOVE`), where `writeData` would also allow Put/Delete.
    public static let updateData = ["dynamodb:UpdateItem"]
    /// Stream reads, as a Lambda event source mapping does; on the stream ARN.
    public static let readStream = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
    /// Listing streams. `dynamodb:ListStreams` has no resource type in the Service Authorization
    /// Reference (nor in the copy cfn-lint ships, `Policies.json`), so IAM evaluates it only against
    /// `Resource: "*"`: a statement scoped to `table/*/stream/*` would silently grant nothing (the
    /// reason aws-cdk changed `grantTableListStreams` to `*`, PR #10631). The Lambda Developer Guide
    /// lists it among the DynamoDB event source mapping's execution role permissions, and it reveals
    /// only stream ARNs, so it is granted on `*`, alone in its statement.
    public static let listStreams = ["dynamodb:ListStreams"]
}
