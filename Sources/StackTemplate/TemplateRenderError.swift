/// Why a template or value could not be rendered.
///
/// Rendering throws instead of writing a placeholder: a template with an unresolved token or a number
/// that JSON and CloudFormation cannot represent must never reach a file or an API call.
public enum TemplateRenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A `.token` was left in the value; the synthesizer resolves every token before rendering.
    /// Carries `Token.display`, e.g. `Processing/Role.Arn`.
    case unresolvedToken(String)
    /// A NaN or infinite `.double` (carried as its Swift description, e.g. `nan`, `-inf`).
    case nonFiniteNumber(String)

    public var description: String {
        switch self {
        case .unresolvedToken(let display):
            return "unresolved reference to \(display): resolve tokens before rendering"
        case .nonFiniteNumber(let text):
            return "number \(text) cannot be represented in a template"
        }
    }
}
