/// The Secrets Manager actions stackctl grants, by intent; all on the secret's full ARN.
public enum SecretsManagerActions {
    /// Reading the current value and what describes it (version stages, rotation): what a function that
    /// uses a credential needs, and nothing that changes or lists secrets.
    public static let read = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
}
