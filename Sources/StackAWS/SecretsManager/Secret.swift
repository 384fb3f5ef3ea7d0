import StackCore
import StackTemplate

/// A Secrets Manager secret whose value never appears in a template, an environment file or a log: it is
/// created holding a generated placeholder (`GenerateSecretString`), and its real value is put out of band
/// with `stackctl secret put --env NAME STACK/SECRET` (from stdin or a file). Encrypted with the stack's
/// customer managed key where the environment asks for one (else Secrets Manager's AWS managed key), and
/// retained under `retainData` like every resource that holds data.
///
/// ```swift
/// let tokens = Secret("XTokens", description: "auth and ct0 tokens of the scraping accounts")
/// Function("Scraper", product: ...) { Env(["TOKENS_SECRET": tokens.arn]); Allow(tokens.read) }
/// ```
public struct Secret: Referenceable {
    /// Length of the generated placeholder: long enough to be useless, and never the real value.
    public static let placeholderLength = 32

    public let id: String
    public let explicitName: String?
    public let description: String?

    public init(_ id: String, name: String? = nil, description: String? = nil) {
        self.id = id
        self.explicitName = name
        self.description = description
    }

    // MARK: References

    /// The secret's full ARN (`Ref`), random suffix included: what grants name and `GetSecretValue` takes.
    public var arn: TemplateValue { ref() }

    /// `name`, or `<namePrefix>-<stack>-<path>` in kebab case: deterministic, so `secret put` finds it.
    public func physicalName(in scope: Scope) -> String {
        explicitName ?? scope.defaultPhysicalName
    }

    // MARK: Grants

    /// Reading the value: `GetSecretValue` and `DescribeSecret` on the full ARN, and with a customer managed
    /// key `kms:Decrypt` on it only through Secrets Manager (`kms:ViaService`), not for direct use.
    public var read: Grant {
        var decrypt = PolicyStatement.dataKey(DataKey.decrypt)
        decrypt.conditions = ["StringEquals": ["kms:ViaService": .join("", ["secretsmanager.", .region, ".amazonaws.com"])]]
        return Grant("read \(id)", [PolicyStatement(actions: SecretsManagerActions.read, resources: [arn]), decrypt])
    }

    // MARK: Synthesis

    public func synthesize(in scope: Scope) {
        let secretName = physicalName(in: scope)
        let valid = scope.checkName(secretName, what: "secret name", problem: NameRules.secretNameProblem(secretName),
                                    code: .invalidSecretName, hint: "use 1–512 letters, digits and / _ + = . @ -")
        if valid, let suffix = NameRules.secretSuffixLookingLikeARNSuffix(secretName) {
            scope.warning(.invalidSecretName,
                          "secret name '\(secretName)' ends in '-\(suffix)', a hyphen and six characters, like the random suffix "
                              + "Secrets Manager adds to ARNs: a partial-ARN lookup may find the wrong secret",
                          hint: "pass name: ending otherwise (\"\(secretName)-1\"), or choose an id whose last word is not six letters",
                          property: "name")
        }
        var properties: TemplateMap = [
            "Name": .string(secretName),
            // A placeholder nobody knows, without punctuation so that no shell or URL mangles it.
            "GenerateSecretString": ["ExcludePunctuation": true, "PasswordLength": .int(Self.placeholderLength)],
        ]
        if let description { properties["Description"] = .string(description) }
        if let key = scope.customerKey { properties["KmsKeyId"] = key }
        scope.resource(Resource(type: "AWS::SecretsManager::Secret", properties: properties))
    }
}
