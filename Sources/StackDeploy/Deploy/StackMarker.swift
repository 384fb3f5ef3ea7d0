import AWSClient

/// How stackctl knows a deployed stack as its own: every stack `deploy` creates or updates carries this
/// tag, valued with the environment's name. Only stacks with the tag and the environment's name prefix
/// can be orphans (`diff`, `destroy --orphans`); a stack someone else made under the prefix is never touched.
public enum StackMarker {
    public static let environmentTag = "stackctl:environment"

    /// The stack's tags with the marker added (it wins over a tag of the same key in the environment file).
    public static func tags(_ tags: [String: String], environment: String) -> [String: String] {
        var tags = tags
        tags[environmentTag] = environment
        return tags
    }

    public static func marks(_ stack: CloudFormation.Stack, environment: String) -> Bool {
        stack.tags[environmentTag] == environment
    }
}
