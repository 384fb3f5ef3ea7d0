import Foundation
import StackDiff
import StackTemplate

/// `--base-dir DIR`: the templates of an output folder written by `stackctl synth --out DIR`, found
/// through its manifest.json (YAML or JSON templates).
struct DirectoryBaseline: DiffBaseline {
    var folder: URL
    var label: String
    /// Name of the flag the folder came from, for error messages (`--base-dir`), or a description.
    var flag: String

    init(folder: URL, label: String? = nil, flag: String = "--base-dir") {
        self.folder = folder
        self.label = label ?? folder.path
        self.flag = flag
    }

    struct Entry {
        var name: String
        var file: String
    }

    /// The manifest's environment name and stacks (in dependency order).
    func manifest() throws -> (environment: String?, stacks: [Entry]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(flag) \(folder.path): no such folder",
                           hint: "write one with `stackctl synth --env ENV --out \(folder.path)`", status: .io)
        }
        let url = folder.appendingPathComponent(Manifest.fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CLIError("\(flag) \(folder.path) is not a stackctl output folder: it has no \(Manifest.fileName)",
                           hint: "pass a folder written by `stackctl synth --out DIR`")
        }
        let value: TemplateValue
        do { value = try TemplateParser.parseValue(text) } catch {
            throw CLIError(TemplateParseError.describe(error, in: url.path), hint: "the manifest is damaged; synthesize the folder again")
        }
        guard case .list(let stacks)? = value["stacks"] else {
            throw CLIError("\(url.path): no \"stacks\" list; this is not a stackctl manifest",
                           hint: "pass a folder written by `stackctl synth --out DIR`")
        }
        if let version = value["version"], version != .int(Manifest.version) {
            throw CLIError("\(url.path): manifest version \(ValueFormatter.format(version)) is not supported (expected \(Manifest.version))",
                           hint: "synthesize the base folder with this version of stackctl")
        }
        let entries = try stacks.enumerated().map { i, stack -> Entry in
            guard let name = stack["name"]?.stringValue, let file = stack["template"]?.stringValue else {
                throw CLIError("\(url.path): stacks[\(i)] has no name or template", hint: "synthesize the base folder again")
            }
            return Entry(name: name, file: file)
        }
        return (value["environment"]?["name"]?.stringValue, entries)
    }

    func templates(for current: [BaselineStack]) throws -> [BaselineTemplate] {
        try manifest().stacks.map { entry in
            let url = folder.appendingPathComponent(entry.file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw CLIError("\(flag): cannot read \(url.path), listed in \(Manifest.fileName) for stack \(entry.name)",
                               hint: "the folder is incomplete; synthesize it again", status: .io)
            }
            return BaselineTemplate(stack: entry.name, text: text, origin: url.path)
        }
    }
}
