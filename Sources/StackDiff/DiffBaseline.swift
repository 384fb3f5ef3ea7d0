/// Where the old side of a diff comes from: an output folder (`--base-dir`), a git revision (`--base`),
/// or — once the CloudFormation client exists — the deployed stacks (GetTemplate, and a change set for
/// `ReplacementHint`s). The CLI synthesizes the new side and asks the baseline for the old one.
public protocol DiffBaseline {
    /// Shown in the report's header: `stackctl.out/dev`, `origin/main`, `deployed stacks (us-east-2)`.
    var label: String { get }

    /// The old template of each stack the baseline holds, by the estate's stack name. `current` lists
    /// the stacks synthesized now, so a baseline can look them up by deployed name. Stacks missing from
    /// the answer are new; stacks in the answer but not in `current` were removed.
    func templates(for current: [BaselineStack]) throws -> [BaselineTemplate]

    /// CloudFormation's own replacement answers for one stack (logical ID → hint), from a change set of
    /// `newTemplate` against the deployed stack. Baselines that cannot ask return `[:]`.
    func replacementHints(for stack: BaselineStack, newTemplate: String) throws -> [String: ReplacementHint]


    /// The parameter values the stack was deployed with (after `templates(for:)`); nil when the baseline
    /// knows templates only (a folder, a revision).
    func parameterValues(for stack: String) -> [String: String]?
}

extension DiffBaseline {
    public func replacementHints(for stack: BaselineStack, newTemplate: String) throws -> [String: ReplacementHint] { [:] }
    public func parameterValues(for stack: String) -> [String: String]? { nil }
}

/// A stack of the current estate: its name in the estate and the name it is deployed under.
public struct BaselineStack: Hashable, Sendable {
    public var name: String
    public var deployedName: String

    public init(name: String, deployedName: String) {
        self.name = name
        self.deployedName = deployedName
    }
}

/// One old template: the text, and where it came from for error messages (a file, a stack).
public struct BaselineTemplate: Sendable {
    public var stack: String
    public var text: String
    public var origin: String

    public init(stack: String, text: String, origin: String) {
        self.stack = stack
        self.text = text
        self.origin = origin
    }
}

/// `ResourceChange.Replacement` of a CloudFormation change set.
public enum ReplacementHint: String, Sendable {
    case always = "True"
    case never = "False"
    case conditional = "Conditional"

    /// The impact CloudFormation's answer gives a resource whose template changed.
    var impact: Impact {
        switch self {
        case .always: return .replace
        case .never: return .update
        case .conditional: return .mayReplace
        }
    }
}
