import StackTemplate

/// CloudFormation's per-template quotas (see AWS-NOTES.md).
public enum Limits {
    public static let maxResources = 500
    public static let maxOutputs = 200
    public static let maxParameters = 200
    /// Larger bodies must be uploaded to the staging bucket and passed by URL.
    public static let maxInlineBodyBytes = 51_200
    public static let maxS3BodyBytes = 1_000_000

    static func check(_ template: Template, stack: String, into diagnostics: inout Diagnostics) {
        let counts = [
            ("resources", template.resources.count, maxResources, DiagnosticCode.tooManyResources,
             "split the stack: move independent constructs into a new StackDefinition"),
            ("outputs", template.outputs.count, maxOutputs, DiagnosticCode.tooManyOutputs,
             "drop outputs nobody reads, or split the stack (cross-stack references add exports)"),
            ("parameters", template.parameters.count, maxParameters, DiagnosticCode.tooManyParameters,
             "move settings into the environment file instead of parameters"),
        ]
        for (what, count, limit, code, hint) in counts where count > limit {
            diagnostics.error(stack, code, "\(stack) has \(count) \(what); CloudFormation allows \(limit) per stack", hint: hint)
        }
    }

    /// Notes (or errors) about the rendered template body size, given its UTF-8 byte count.
    public static func checkBody(bytes: Int, stack: String, into diagnostics: inout Diagnostics) {
        if bytes > maxS3BodyBytes {
            diagnostics.error(stack, .templateTooLarge,
                              "the template is \(bytes) bytes; CloudFormation accepts at most \(maxS3BodyBytes) even from S3",
                              hint: "split the stack")
        } else if bytes > maxInlineBodyBytes {
            diagnostics.note(stack, .templateUploaded,
                             "the template is \(bytes) bytes (over \(maxInlineBodyBytes)); deploy passes it through the staging bucket")
        }
    }
}
