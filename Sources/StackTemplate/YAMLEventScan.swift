import CYaml

/// One pass over libyaml's event stream that finds what must be refused before anything is composed:
/// aliases (composing then walking a "billion laughs" document expands it exponentially, and hashing an
/// alias used as a key hangs even Yams' composer), nesting deeper than a limit (the composer and the
/// readers recurse), and scalars longer than a limit. Events carry their own marks, so each finding names
/// the exact place; nothing is built, so memory stays proportional to one event.
///
/// Shared by the template reader and the environment decoder, each with its own limits. A syntax error
/// ends the scan without a finding: the composer that runs next reports it with its usual message.
public enum YAMLEventScan {
    public struct Limits: Sendable {
        public var maxDepth: Int
        public var maxScalarBytes: Int

        public init(maxDepth: Int, maxScalarBytes: Int) {
            self.maxDepth = maxDepth
            self.maxScalarBytes = maxScalarBytes
        }
    }

    public enum Finding: Equatable, Sendable {
        /// `*name`, at the alias; `anchorLine` is where `&name` was set, when it was.
        case alias(name: String, line: Int, column: Int, anchorLine: Int?)
        /// The collection that goes one level deeper than `limit`.
        case tooDeep(limit: Int, line: Int, column: Int)
        /// A scalar (key or value) of `bytes` UTF-8 bytes, over `limit`.
        case scalarTooLong(bytes: Int, limit: Int, line: Int, column: Int)
    }

    /// The first finding in `text`, or nil when it has none (or a syntax error the composer will report).
    public static func firstFinding(in text: String, limits: Limits) -> Finding? {
        var text = text
        return text.withUTF8 { bytes in scan(bytes, limits: limits) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, limits: Limits) -> Finding? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var depth = 0
        var anchors: [String: Int] = [:]
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nestingError(parser, limits: limits) }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor)
                return .alias(name: name, line: line, column: column, anchorLine: anchors[name])
            case YAML_SCALAR_EVENT:
                record(event.data.scalar.anchor, line: line, in: &anchors)
                let length = Int(event.data.scalar.length)
                if length > limits.maxScalarBytes {
                    return .scalarTooLong(bytes: length, limit: limits.maxScalarBytes, line: line, column: column)
                }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                record(anchor, line: line, in: &anchors)
                depth += 1
                if depth > limits.maxDepth { return .tooDeep(limit: limits.maxDepth, line: line, column: column) }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                depth -= 1
            default:
                break
            }
        }
    }

    /// libyaml looks ahead over flow collections and stops at its own nesting limit (1,000) before the
    /// events reach ours: that is the same finding, at the place libyaml gave up.
    private static func nestingError(_ parser: yaml_parser_t, limits: Limits) -> Finding? {
        guard let problem = parser.problem, String(cString: problem).contains("Maximum nesting level") else { return nil }
        return .tooDeep(limit: limits.maxDepth, line: Int(parser.problem_mark.line) + 1,
                        column: Int(parser.problem_mark.column) + 1)
    }

    private static func record(_ anchor: UnsafeMutablePointer<yaml_char_t>?, line: Int, in anchors: inout [String: Int]) {
        guard let anchor else { return }
        anchors[string(anchor)] = line
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
        guard let pointer else { return "" }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}
