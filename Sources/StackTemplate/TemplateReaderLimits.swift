/// The ceilings of the template readers (JSON and YAML alike), in one place. Templates come from other
/// tools and people (`diff --base-dir`, a deployed stack's `GetTemplate`), so every reader stops at these
/// with a `TemplateParseError` naming the limit and the place, instead of growing without bound.
public enum TemplateReaderLimits {
    /// CloudFormation takes at most 1,000,000 bytes of template body (from S3), counted as sent; a file
    /// written pretty (indented JSON, YAML) may be a few times its compact body, so the readers allow 4 MB.
    public static let maxDocumentBytes = 4_000_000
    /// Templates nest a dozen levels or so (a policy condition inside a statement inside a resource);
    /// a limit keeps hostile nesting from exhausting the stack of the recursive readers and decoder.
    public static let maxDepth = 128
    /// One string (a key or a value): CloudFormation's largest string properties (a state machine
    /// definition, inline code) stay well below this.
    public static let maxStringBytes = 262_144
    /// Characters of one number literal: a double needs 17 significant digits and an exponent, an
    /// `Int` 20 characters; more is never a real value and only costs the conversion time.
    public static let maxNumberLength = 64

    /// What ``YAMLEventScan`` checks of a YAML template.
    static let yamlScan = YAMLEventScan.Limits(maxDepth: maxDepth, maxScalarBytes: maxStringBytes)

    /// The error for a document over ``maxDocumentBytes`` (checked before any reading).
    static func checkDocumentSize(_ text: String) throws {
        let bytes = text.utf8.count
        guard bytes > maxDocumentBytes else { return }
        throw TemplateParseError(
            line: 1, column: 1,
            message: "the template is \(bytes) bytes, over the readers' limit of \(maxDocumentBytes) bytes "
                + "(CloudFormation itself takes at most 1,000,000)")
    }

    static func tooDeep(at mark: SourceMark) -> TemplateParseError {
        TemplateParseError("nesting deeper than \(maxDepth) levels (the template readers' limit)", at: mark)
    }

    static func stringTooLong(bytes: Int, at mark: SourceMark) -> TemplateParseError {
        TemplateParseError("a string of \(bytes) bytes, over the template readers' limit of \(maxStringBytes) bytes per string", at: mark)
    }

    static func numberTooLong(length: Int, at mark: SourceMark) -> TemplateParseError {
        TemplateParseError("a number literal of \(length) characters, over the template readers' limit of \(maxNumberLength)", at: mark)
    }
}
