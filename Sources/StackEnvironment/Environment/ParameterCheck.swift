import StackTemplate

/// Checks an environment's `parameters:` against the parameters the synthesized stacks declare and
/// turns the values into what CloudFormation takes (text; lists comma-separated). Every problem is a
/// ``ConfigError`` at the key in the environment file: a stack or parameter nobody declares (with the
/// nearest name), a declared parameter without a Default that gets no value, a value of the wrong type
/// or outside the declaration's constraints. A `NoEcho` value never appears in a message (`****`).
public enum ParameterCheck {
    public struct Declared: Sendable {
        public var stack: String
        public var parameters: [String: Parameter]
        public init(stack: String, parameters: [String: Parameter]) {
            self.stack = stack
            self.parameters = parameters
        }
    }

    /// Values by stack and parameter name; throws every problem at once.
    public static func resolve(_ section: ParameterSection, file: String, declared: [Declared]) throws -> [String: [String: String]] {
        var errors: [ConfigError] = []
        var values: [String: [String: String]] = [:]
        let byStack = Dictionary(declared.map { ($0.stack, $0.parameters) }, uniquingKeysWith: { a, _ in a })
        func error(_ position: ParameterSection.Position?, _ path: [String], _ code: ConfigErrorCode, _ message: String, _ hint: String?) {
            errors.append(ConfigError(file: file, line: position?.line, column: position?.column,
                                      keyPath: KeyPath.render(path.map(NameKey.init)), code: code, message: message, hint: hint))
        }
        for stack in section.stacks {
            guard let parameters = byStack[stack.name] else {
                let names = declared.map(\.stack)
                let near = NameSuggestion.closest(to: stack.name, in: names).map { "did you mean `\($0)`? " } ?? ""
                error(stack.position, ["parameters", stack.name], .unknownStack, "no stack `\(stack.name)` in the estate",
                      near + "stacks: \(names.joined(separator: ", "))")
                continue
            }
            for entry in stack.entries {
                let path = ["parameters", stack.name, entry.name]
                guard let parameter = parameters[entry.name] else {
                    let owners = declared.filter { $0.parameters[entry.name] != nil }.map(\.stack)
                    var hint: String
                    if !owners.isEmpty {
                        hint = "\(owners.joined(separator: " and ")) declare\(owners.count == 1 ? "s" : "") it: move it under parameters.\(owners[0])"
                    } else if parameters.isEmpty {
                        hint = "\(stack.name) declares no parameters (StackParameter in the stack); remove the key"
                    } else {
                        let near = NameSuggestion.closest(to: entry.name, in: Array(parameters.keys)).map { "did you mean `\($0)`? " } ?? ""
                        hint = near + "\(stack.name) declares: \(parameters.keys.sorted().joined(separator: ", "))"
                    }
                    error(entry.position, path, .unknownParameter, "no stack declares the parameter `\(entry.name)`"
                          + (owners.isEmpty ? "" : " in \(stack.name)"), hint)
                    continue
                }
                switch text(entry.value, for: parameter) {
                case .failure(let problem):
                    error(entry.position, path, .typeMismatch, problem.message, problem.hint)
                case .success(let value):
                    if let problem = ParameterConstraints.violation(of: value, for: parameter) {
                        error(entry.position, path, .invalidParameterValue, problem,
                              parameter.constraintDescription ?? parameter.description.map { "the parameter: \($0)" })
                    } else {
                        values[stack.name, default: [:]][entry.name] = value
                    }
                }
            }
        }
        for stack in declared {
            let given = Set(section.stacks.first { $0.name == stack.stack }?.entries.map(\.name) ?? [])
            for name in stack.parameters.keys.sorted() where stack.parameters[name]?.defaultValue == nil && !given.contains(name) {
                let at = section.stacks.first { $0.name == stack.stack }?.position ?? section.position
                error(at, ["parameters", stack.stack, name], .missingParameter,
                      "\(stack.stack) declares the parameter `\(name)` (\(stack.parameters[name]!.type)) without a Default, and it has no value here",
                      "add it to the environment file: parameters: → \(stack.stack): → \(name): VALUE")
            }
        }
        try ConfigError.throwIfAny(errors)
        return values
    }

    struct Problem: Error {
        var message: String
        var hint: String?
    }

    /// The value as CloudFormation takes it, if its YAML type fits the parameter's Type.
    static func text(_ value: ParameterSection.Value, for parameter: Parameter) -> Result<String, Problem> {
        let isList = parameter.type == "CommaDelimitedList" || parameter.type.hasPrefix("List<")
        let numbers = parameter.type == "Number" || parameter.type == "List<Number>"
        let shown: (String) -> String = { parameter.noEcho ? ParameterConstraints.mask : $0 }
        func scalar(_ value: ParameterSection.Value) -> Result<String, Problem> {
            switch value {
            case .string(let text) where numbers:
                return .failure(Problem(message: "expected a number (Type \(parameter.type)), found the string \(shown("`\(text)`"))",
                                        hint: "write it without quotes"))
            case .string(let text): return .success(text)
            case .number(let text) where numbers: return .success(text)
            case .number(let text):
                return .failure(Problem(message: "expected a string (Type \(parameter.type)), found the number \(shown(text))",
                                        hint: "quote it: \(shown("\"\(text)\"")) (unquoted, YAML reads it as a number)"))
            case .bool(let flag):
                return .failure(Problem(message: "expected \(numbers ? "a number" : "a string") (Type \(parameter.type)), found the boolean \(flag)",
                                        hint: numbers ? nil : "quote it: \"\(flag)\""))
            case .list: return .failure(Problem(message: "expected a single value (Type \(parameter.type)), found a list", hint: nil))
            }
        }
        switch value {
        case .list(let items) where isList:
            var texts: [String] = []
            for item in items {
                switch scalar(item) {
                case .success(let text): texts.append(text)
                case .failure(let problem): return .failure(Problem(message: problem.message + " in the list", hint: problem.hint))
                }
            }
            return .success(texts.joined(separator: ","))
        case .list:
            return .failure(Problem(message: "expected a single value (Type \(parameter.type)), found a list",
                                    hint: "only CommaDelimitedList and List<…> parameters take lists"))
        case _ where isList:
            return .failure(Problem(message: "expected a list (Type \(parameter.type)), found a single value",
                                    hint: "write it as a list: [a, b] (or [a] for one item)"))
        default:
            return scalar(value)
        }
    }
}
