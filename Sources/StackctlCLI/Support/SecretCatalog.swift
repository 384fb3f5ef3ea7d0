import CommandLineArguments
import StackCore
import StackTemplate

/// The Secrets Manager secrets of a synthesis result, by construct path (`TweetSentiment/XTokens`):
/// what `secret put` accepts as STACK/SECRET, with the deterministic name the template gives each.
struct SecretCatalog {
    struct Entry {
        /// `STACK/Secret`.
        var path: String
        var stack: String
        /// The secret's physical name (its `Name` property).
        var name: String
    }

    let entries: [Entry]
    let environment: String

    init(_ result: SynthesisResult) {
        var entries: [Entry] = []
        for stack in result.stacks {
            for resource in stack.template.resources.values where resource.type == "AWS::SecretsManager::Secret" {
                guard let path = resource.constructPath, case .string(let name)? = resource.properties["Name"] else { continue }
                entries.append(Entry(path: path, stack: stack.name, name: name))
            }
        }
        self.entries = entries.sorted { $0.path < $1.path }
        environment = result.settings.environment
    }

    /// The secret at `path`, or a usage error naming the nearest path (and every one, when they are few).
    func entry(_ path: String) throws -> Entry {
        if let entry = entries.first(where: { $0.path == path }) { return entry }
        // What was typed may be the value itself, put in the wrong place: a word without '/' is not echoed.
        guard path.contains("/") else {
            throw CLIError("the first argument is not a STACK/SECRET construct path (it has no '/'); it is not shown, in case it is the value",
                           hint: hint(nearest: nil), status: .usage)
        }
        let nearest = Suggestion.closest(to: path, among: entries.map(\.path))
        throw CLIError("no secret '\(path)' in the \(environment) environment"
                           + (nearest.map { "; did you mean '\($0)'?" } ?? ""),
                       hint: hint(nearest: nearest), status: .usage)
    }

    private func hint(nearest: String?) -> String {
        if entries.isEmpty { return "the estate declares no Secret for \(environment); add one to a stack in stacks/" }
        return "secrets in this environment: " + entries.map(\.path).joined(separator: ", ")
    }
}
