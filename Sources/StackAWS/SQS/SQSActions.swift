/// The SQS actions stackctl grants, by intent; all on the queue ARN.
public enum SQSActions {
    /// Receiving and deleting messages, extending their visibility; what a Lambda SQS event source
    /// mapping needs (Lambda Developer Guide, "Using Lambda with Amazon SQS", execution role permissions).
    public static let consume = [
        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility",
    ]
    /// Sending messages (`SendMessageBatch` is authorized by `sqs:SendMessage` too).
    public static let send = ["sqs:SendMessage"]
}
