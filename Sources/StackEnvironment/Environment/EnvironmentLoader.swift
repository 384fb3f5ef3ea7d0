import Foundation
import Yams

/// Finds, reads and validates environment files.
public enum EnvironmentLoader {
    /// Reads and validates `directory/NAME.yaml`. Throws ``ConfigError`` (or ``ConfigErrors`` for
    /// several problems); a missing file lists the environments that exist.
    public static func load<C>(_ configType: C.Type, name: String, directory: URL) throws -> EnvironmentConfig<C> {
        let url = directory.appendingPathComponent("\(name).yaml")
        let file = url.relativePath
        try validateName(name, file: file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw notFound(name: name, file: file, directory: directory)
        }
        // Refused by size before it is read: a huge file would otherwise be loaded whole first.
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
           size > StrictYAMLLimits.maxDocumentBytes {
            throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .limitExceeded,
                              message: "the file is \(size) bytes, over the limit of \(StrictYAMLLimits.maxDocumentBytes) bytes",
                              hint: StrictYAMLLimits.hint)
        }
        let text: String
        do {
            let data = try Data(contentsOf: url)
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .unreadableFile,
                                  message: "the file is not valid UTF-8 text",
                                  hint: "save the environment file as UTF-8")
            }
            text = decoded
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .unreadableFile,
                              message: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(configType, name: name, yaml: text, file: file)
    }

    /// Parses and validates environment `name` from `yaml`; `file` is used in errors only.
    public static func parse<C>(_ configType: C.Type, name: String, yaml: String,
                                file: String) throws -> EnvironmentConfig<C> {
        try validateName(name, file: file)
        guard let root = try StrictYAMLDecoder.compose(yaml, file: file) else {
            throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .emptyFile,
                              message: "the environment file is empty",
                              hint: "required keys: \(EnvironmentFile<C>.requiredKeys.joined(separator: ", "))")
        }
        let decoded: EnvironmentFile<C>
        do {
            decoded = try StrictYAMLDecoder().decode(EnvironmentFile<C>.self, from: root, file: file)
        } catch {
            let errors = ConfigError.all(in: error)
            guard !errors.isEmpty else { throw error }
            try ConfigError.throwIfAny(errors.map(explainNameKey))
            throw error
        }
        try ConfigError.throwIfAny(Validation(file: file, root: root).check(decoded))
        var parameters = decoded.parameters
        if let key = root.keyNode("parameters", under: []) {
            parameters.position = ParameterSection.Position(line: key.mark?.line, column: key.mark?.column)
        }
        return EnvironmentConfig(
            name: name, account: decoded.account, region: decoded.region, namePrefix: decoded.namePrefix,
            retainData: decoded.retainData, pointInTimeRecovery: decoded.pointInTimeRecovery,
            customerManagedKey: decoded.customerManagedKey, accessLogs: decoded.accessLogs,
            terminationProtection: decoded.terminationProtection, logRetentionDays: decoded.logRetentionDays,
            tags: decoded.tags, endpoint: decoded.endpoint, parameters: parameters, config: decoded.config)
    }

    /// The environments in `directory`: the names of its `*.yaml` files, sorted; `[]` when the folder
    /// cannot be read.
    public static func available(in directory: URL) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") && $0.count > ".yaml".count }
            .map { String($0.dropLast(".yaml".count)) }
            .sorted()
    }

    /// Environment names: a lowercase letter, then lowercase letters, digits and hyphens; at most 32.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, ("a"..."z").contains(first), name.count <= 32 else { return false }
        return name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func validateName(_ name: String, file: String) throws {
        guard isValidName(name) else {
            throw ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .invalidEnvironmentName,
                              message: "`\(name)` is not a valid environment name",
                              hint: "use a lowercase letter followed by lowercase letters, digits and hyphens "
                                  + "(at most 32), e.g. dev, prod, load-test")
        }
    }

    static func notFound(name: String, file: String, directory: URL) -> ConfigError {
        let available = available(in: directory)
        var hint: String
        if available.isEmpty {
            hint = "there are no environment files (*.yaml) in \(directory.relativePath)"
        } else {
            hint = "available environments: \(available.joined(separator: ", "))"
            if let near = NameSuggestion.closest(to: name, in: available) {
                hint = "did you mean `\(near)`? " + hint
            }
        }
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).yml").path) {
            hint = "found \(name).yml: environment files end in .yaml; " + hint
        }
        return ConfigError(file: file, line: nil, column: nil, keyPath: "", code: .environmentNotFound,
                           message: "no environment `\(name)`: the file does not exist", hint: hint)
    }

    /// `name:` is not a key: the name comes from the file name. Say so instead of "allowed keys: ...".
    static func explainNameKey(_ error: ConfigError) -> ConfigError {
        guard error.code == ConfigErrorCode.unknownKey.rawValue, error.keyPath == "name" else { return error }
        var explained = error
        explained.hint = "the environment name comes from the file name (dev.yaml → dev); remove this key"
        return explained
    }
}
