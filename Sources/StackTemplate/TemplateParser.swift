/// Reads CloudFormation templates in JSON or YAML (short-form tags included) into `Template`.
///
/// Text whose first non-blank character is `{` or `[` is read by the fast JSON reader; if that fails it
/// is read as YAML (YAML flow collections start the same way), and if both fail the JSON error is thrown.
/// Errors are `TemplateParseError`s naming line, column and what was expected; both readers stop at
/// `TemplateReaderLimits` (size, nesting, string and number length) and YAML aliases are refused.
public enum TemplateParser {
    public static func parse(_ text: String) throws -> Template {
        try TemplateDecoder.template(try document(text))
    }

    /// One value (`{"Ref": "X"}`, `!GetAtt A.B`, a literal) as the renderers would write it.
    public static func parseValue(_ text: String) throws -> TemplateValue {
        try ValueDecoder.value(try document(text))
    }

    static func document(_ text: String) throws -> SourceNode {
        try TemplateReaderLimits.checkDocumentSize(text)
        guard looksLikeJSON(text) else { return try YAMLSourceReader.read(text) }
        do {
            return try JSONSourceReader.read(text)
        } catch let jsonError {
            do {
                return try YAMLSourceReader.read(text)
            } catch let yamlError as TemplateParseError where yamlError.message == YAMLSourceReader.aliasMessage {
                throw yamlError  // flow-style YAML with an alias: CloudFormation's answer, not a JSON one
            } catch {
                throw jsonError
            }
        }
    }

    private static func looksLikeJSON(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): continue
            default: return byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
            }
        }
        return false
    }
}
