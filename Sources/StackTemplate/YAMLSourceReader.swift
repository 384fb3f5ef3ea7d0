import Yams

/// Reads YAML through Yams' composer into `SourceNode`s: plain scalars resolved the way PyYAML
/// (cfn-lint) resolves them, CloudFormation's short-form tags (`!Ref`, `!GetAtt`, ...) kept as
/// `.tagged` nodes for the decoder.
enum YAMLSourceReader {
    /// CloudFormation's own words for a template with an alias (AWS-NOTES.md).
    static let aliasMessage = "Template error: YAML aliases are not allowed in CloudFormation templates"

    static func read(_ text: String) throws -> SourceNode {
        // Before composing: an alias would be expanded, a deep document recursed into.
        try refuse(YAMLEventScan.firstFinding(in: text, limits: TemplateReaderLimits.yamlScan))
        let root: Node?
        do {
            // The basic resolver runs no regular expressions; plain scalars are resolved below.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw parseError(error)
        }
        guard let root else { throw TemplateParseError(line: 1, column: 1, message: "the document is empty") }
        return try node(root)
    }

    private static func refuse(_ finding: YAMLEventScan.Finding?) throws {
        switch finding {
        case nil: return
        case .alias(_, let line, let column, _):
            throw TemplateParseError(line: line, column: column, message: aliasMessage)
        case .tooDeep(_, let line, let column):
            throw TemplateReaderLimits.tooDeep(at: SourceMark(line: line, column: column))
        case .scalarTooLong(let bytes, _, let line, let column):
            throw TemplateReaderLimits.stringTooLong(bytes: bytes, at: SourceMark(line: line, column: column))
        }
    }

    /// A plain scalar resolved, unless it reads as a number (or an integer too large to hold) longer
    /// than the limit: that is named as such, not echoed in an "out of range" message.
    private static func resolvePlainLimited(_ text: String, at: SourceMark) throws -> TemplateValue {
        let length = text.utf8.count
        guard length > TemplateReaderLimits.maxNumberLength else { return try resolvePlain(text, at: at) }
        switch try? resolvePlain(text, at: at) {
        case .int?, .double?, nil: throw TemplateReaderLimits.numberTooLong(length: length, at: at)
        case let value?: return value
        }
    }

    private static func mark(_ mark: Mark?) -> SourceMark {
        SourceMark(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Long-form names of the short-form tags CloudFormation accepts.
    private static let functionTags: Set<String> = [
        "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
        "If", "Equals", "And", "Or", "Not", "Transform", "Length", "ToJsonString",
    ]

    private static let standardTag = "tag:yaml.org,2002:"

    private static func node(_ node: Node) throws -> SourceNode {
        switch node {
        case .scalar(let scalar):
            let at = mark(scalar.mark)
            // The raw tag: empty for an untagged plain scalar, `tag:yaml.org,2002:str` for a quoted
            // or block one, `!Ref` and friends as written.
            let tag = scalar.tag.rawValue
            if tag.isEmpty {
                let value = try resolvePlainLimited(scalar.string, at: at)
                return SourceNode(kind: .scalar(value), mark: at)
            }
            if tag == "!" || tag == standardTag + "str" {
                return SourceNode(kind: .scalar(.string(scalar.string)), mark: at)
            }
            if tag.hasPrefix(standardTag) {
                return SourceNode(kind: .scalar(try resolveExplicit(scalar.string, tag: tag, at: at)), mark: at)
            }
            // Short-form arguments given as scalars are strings (`!Ref 10` names "10"), as in cfn-lint.
            return try tagged(tag, SourceNode(kind: .scalar(.string(scalar.string)), mark: at), at: at)
        case .sequence(let sequence):
            let at = mark(sequence.mark)
            let list = SourceNode(kind: .list(try sequence.map(Self.node)), mark: at)
            let tag = sequence.tag.rawValue
            if tag.isEmpty || tag == standardTag + "seq" || tag == "!" { return list }
            return try tagged(tag, list, at: at)
        case .mapping(let mapping):
            let at = mark(mapping.mark)
            var entries: [(key: String, keyMark: SourceMark, value: SourceNode)] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw TemplateParseError("map keys must be plain strings", at: mark(key.mark))
                }
                if keyScalar.string == "<<" && keyScalar.style == .plain {
                    throw TemplateParseError("YAML merge keys (<<) are not supported", at: mark(keyScalar.mark))
                }
                entries.append((keyScalar.string, mark(keyScalar.mark), try Self.node(value)))
            }
            let map = SourceNode(kind: .map(entries), mark: at)
            let tag = mapping.tag.rawValue
            if tag.isEmpty || tag == standardTag + "map" || tag == "!" { return map }
            return try tagged(tag, map, at: at)
        case .alias(let alias):
            throw TemplateParseError(aliasMessage, at: mark(alias.mark))
        }
    }

    private static func tagged(_ tag: String, _ argument: SourceNode, at: SourceMark) throws -> SourceNode {
        let name = tag.dropFirst()
        guard tag.hasPrefix("!") else { throw TemplateParseError("unknown tag \(tag)", at: at) }
        if name == "Ref" || name == "Condition" { return SourceNode(kind: .tagged(String(name), argument), mark: at) }
        guard functionTags.contains(String(name)) else {
            throw TemplateParseError("unknown tag \(tag); CloudFormation short forms are !Ref, !Condition and !\(functionTags.sorted().joined(separator: ", !"))", at: at)
        }
        return SourceNode(kind: .tagged("Fn::" + name, argument), mark: at)
    }

    /// `!!int 10`, `!!bool true` and the like: the text must match the tag.
    private static func resolveExplicit(_ text: String, tag: String, at: SourceMark) throws -> TemplateValue {
        let resolved = try resolvePlain(text, at: at)
        switch (tag.dropFirst(standardTag.count), resolved) {
        case ("int", .int), ("float", .double), ("bool", .bool), ("null", .null): return resolved
        case ("float", .int(let i)): return .double(Double(i))
        default: throw TemplateParseError("\"\(text)\" is not a valid \(tag)", at: at)
        }
    }

    private static func parseError(_ error: YamlError) -> TemplateParseError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let message = context.map { "\(problem) (\($0.text) at line \($0.mark.line), column \($0.mark.column))" }
            return TemplateParseError(line: mark.line, column: mark.column, message: message ?? problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return TemplateParseError(
                line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return TemplateParseError(line: nil, column: nil, message: "\(error)")
        }
    }
}
