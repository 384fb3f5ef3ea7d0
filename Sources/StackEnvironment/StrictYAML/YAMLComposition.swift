import Yams

extension StrictYAMLDecoder {
    /// Parses one YAML document with Yams. Syntax errors and duplicate keys become ``ConfigError``s
    /// (`yaml-syntax`, `duplicate-key`); aliases and text over ``StrictYAMLLimits`` are refused before
    /// composing (`alias-not-allowed`, `limit-exceeded`). Returns `nil` for an empty document.
    public static func compose(_ yaml: String, file: String) throws -> Node? {
        try StrictYAMLLimits.check(yaml, file: file)
        do {
            // The basic resolver leaves plain scalars untyped (`ScalarKind` types them): Yams' default
            // one compiles ICU regexes on first use, milliseconds of every start.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            throw DuplicateKeyLocator.error(yaml: yaml, file: file, key: duplicates.first ?? "",
                                            firstMark: context.mark)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
    }

    static func syntaxError(_ error: YamlError, file: String) -> ConfigError {
        func make(_ problem: String, _ context: YamlError.Context?, _ mark: Mark?) -> ConfigError {
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return ConfigError(file: file, line: mark?.line, column: mark?.column, keyPath: "",
                               code: .yamlSyntax, message: message)
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return make(problem, context, mark)
        case let .reader(problem, _, _, _):
            return ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .yamlSyntax,
                               message: "cannot read the file: \(problem)",
                               hint: "environment files must be UTF-8 text")
        default:
            return ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .yamlSyntax,
                               message: "invalid YAML: \(error)")
        }
    }
}
