/// Every resource type stackctl emits or reads, by name. A type missing here is a test failure for
/// the constructs (the conformance test) and a conservative default everywhere else: `diff` and
/// `deploy` treat an unknown type as holding no data and read its policies by shape.
public enum ResourceCatalogue {
    /// One list per service, in `Entries/`; adding a resource family adds its entries there.
    public static let all: [ResourceType] =
        lambda + iam + logs + s3 + dynamoDB + kinesis + sqs + sns + events + scheduler + glue + athena
        + firehose + secretsManager + sageMaker + stepFunctions + cloudWatch + serverless + others

    private static let byName: [String: ResourceType] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    public static func entry(_ type: String) -> ResourceType? { byName[type] }

    /// Whether deleting or replacing a resource of this type destroys data (false for unknown types).
    public static func holdsData(_ type: String) -> Bool { byName[type]?.holdsData ?? false }

    /// Types whose `createOnlyProperties` the generated table holds, plus those without a registry schema.
    public static var schemaTypes: Set<String> { Set(CreateOnlyProperties.byType.keys) }
}
