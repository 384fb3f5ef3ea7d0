import StackTemplate

/// The customer managed KMS key of a stack (`DataKey`, at the stack's top level), for environments with
/// `customerManagedKey: true`: every construct that encrypts data uses it, and grants that read or write
/// encrypted data add the key actions they need (`PolicyStatement.dataKey`). It is a `CustomerKey`.
public enum DataKey {
    public static let id = "DataKey"

    /// The key's ARN, from anywhere in its stack.
    public static let arn: TemplateValue = .token(Token(target: id, attribute: .getAtt("Arn"), isAbsolute: true))

    /// Decrypting what the key protects (reading objects, receiving messages, reading records).
    public static let decrypt = ["kms:Decrypt"]
    /// Writing what the key protects: a data key per object or message, and decrypting it again for
    /// multipart uploads and message batches.
    public static let encrypt = ["kms:Decrypt", "kms:GenerateDataKey"]
}

extension Scope {
    /// The stack's customer managed key ARN when the environment uses one (the key is added to the stack
    /// the first time it is asked for), nil with AWS managed keys.
    public var customerKey: TemplateValue? {
        guard settings.customerManagedKey else { return nil }
        requireDataKey()
        return DataKey.arn
    }

    /// Makes sure the stack has its `DataKey`.
    public func requireDataKey() {
        requireShared(DataKey.id) { CustomerKey(DataKey.id, description: "Encrypts the data of the stack") }
    }

    /// Adds a construct at the stack's top level once, however many constructs ask for it: it is
    /// synthesized after the stack's own constructs (a log bucket, a key).
    public func requireShared(_ id: String, _ make: @escaping @Sendable () -> any Construct) {
        guard !assembly.sharedConstructs.contains(where: { $0.id == id }) else { return }
        assembly.sharedConstructs.append((id, make))
    }
}
