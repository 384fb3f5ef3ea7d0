/// Reads template values from `SourceNode`s: literals, lists, maps, and the intrinsic functions in
/// long form (`{"Fn::GetAtt": [A, B]}`) or YAML short form (`!GetAtt A.B`).
///
/// A one-key map whose key is `Ref` or a known `Fn::` name is the intrinsic. `{"Condition": Name}`
/// is one only in condition context (a `Conditions` entry and the operands of `Fn::And`, `Fn::Or`,
/// `Fn::Not`), because elsewhere `Condition` is an ordinary key (IAM statements, resource attributes).
/// Functions the value model has no case for (`Fn::Transform`, `Fn::Length`, ...) stay plain maps.
enum ValueDecoder {
    static func value(_ node: SourceNode, inCondition: Bool = false) throws -> TemplateValue {
        switch node.kind {
        case .scalar(let value):
            return value
        case .list(let items):
            return .list(try items.map { try value($0) })
        case .tagged(let name, let argument):
            if let intrinsic = try intrinsic(name, argument, at: node.mark, inCondition: inCondition, tagged: true) {
                return intrinsic
            }
            return .map([name: try value(argument)])
        case .map(let entries):
            if entries.count == 1,
                let intrinsic = try intrinsic(
                    entries[0].key, entries[0].value, at: node.mark, inCondition: inCondition, tagged: false)
            {
                return intrinsic
            }
            var fields: [String: TemplateValue] = [:]
            fields.reserveCapacity(entries.count)
            for entry in entries { fields[entry.key] = try value(entry.value) }
            return .map(fields)
        }
    }

    static func map(_ node: SourceNode, what: String) throws -> [String: TemplateValue] {
        guard case .map(let entries) = node.kind else {
            throw TemplateParseError("\(what) must be a map, found \(node.kindName)", at: node.mark)
        }
        var fields: [String: TemplateValue] = [:]
        fields.reserveCapacity(entries.count)
        for entry in entries { fields[entry.key] = try value(entry.value) }
        return fields
    }

    static func string(_ node: SourceNode, what: String) throws -> String {
        guard case .scalar(.string(let text)) = node.kind else {
            throw TemplateParseError("\(what) must be a string, found \(node.kindName)", at: node.mark)
        }
        return text
    }

    /// The intrinsic named `name`, or nil when `name` is not one the value model represents.
    private static func intrinsic(
        _ name: String, _ argument: SourceNode, at mark: SourceMark, inCondition: Bool, tagged: Bool
    ) throws -> TemplateValue? {
        func fail(_ message: String) -> TemplateParseError { TemplateParseError(message, at: mark) }
        func items(_ count: Int, _ message: String) throws -> [SourceNode] {
            guard case .list(let items) = argument.kind, items.count == count else { throw fail(message) }
            return items
        }
        func text(_ node: SourceNode, _ message: String) throws -> String {
            guard case .scalar(.string(let s)) = node.kind else { throw fail(message) }
            return s
        }

        switch name {
        case "Ref":
            return .ref(try text(argument, "Ref needs a logical ID or parameter name"))
        case "Condition":
            guard inCondition || tagged else { return nil }
            guard case .scalar(.string(let condition)) = argument.kind else {
                // `{Condition: {...}}` in a condition is a map; `!Condition` must name a condition.
                if tagged { throw fail("Condition needs a condition name") }
                return nil
            }
            return .condition(condition)
        case "Fn::GetAtt":
            let message = "Fn::GetAtt needs [LogicalId, Attribute]"
            if case .scalar(.string(let dotted)) = argument.kind {
                // `A.B.C` is resource `A`, attribute `B.C` (nested attributes contain dots).
                guard let dot = dotted.firstIndex(of: "."), dot != dotted.startIndex,
                    dotted.index(after: dot) != dotted.endIndex
                else { throw fail(message + " or \"LogicalId.Attribute\"") }
                return .getAtt(String(dotted[..<dot]), String(dotted[dotted.index(after: dot)...]))
            }
            let parts = try items(2, message)
            return .getAtt(try text(parts[0], message), try text(parts[1], message))
        case "Fn::Sub":
            if case .scalar(.string(let format)) = argument.kind { return .sub(format, [:]) }
            let message = "Fn::Sub needs a string or [String, {Variables}]"
            let parts = try items(2, message)
            guard case .map = parts[1].kind else { throw fail(message) }
            return .sub(try text(parts[0], message), try map(parts[1], what: "Fn::Sub variables"))
        case "Fn::Join":
            let message = "Fn::Join needs [Delimiter, [Values]]"
            let parts = try items(2, message)
            guard case .list(let values) = parts[1].kind else { throw fail(message) }
            return .join(try text(parts[0], message), try values.map { try value($0) })
        case "Fn::Select":
            let message = "Fn::Select needs [Index, List] with a literal index"
            let parts = try items(2, message)
            let index: Int
            switch parts[0].kind {
            case .scalar(.int(let i)): index = i
            case .scalar(.string(let s)) where Int(s) != nil: index = Int(s)!
            default: throw fail(message)
            }
            return .select(index, try value(parts[1]))
        case "Fn::Split":
            let message = "Fn::Split needs [Delimiter, Source]"
            let parts = try items(2, message)
            return .split(try text(parts[0], message), try value(parts[1]))
        case "Fn::If":
            let message = "Fn::If needs [ConditionName, ValueIfTrue, ValueIfFalse]"
            let parts = try items(3, message)
            return .if(try text(parts[0], message), try value(parts[1]), try value(parts[2]))
        case "Fn::Equals":
            let parts = try items(2, "Fn::Equals needs [Value, Value]")
            return .equals(try value(parts[0]), try value(parts[1]))
        case "Fn::And", "Fn::Or":
            guard case .list(let operands) = argument.kind, !operands.isEmpty else {
                throw fail("\(name) needs a list of conditions")
            }
            let conditions = try operands.map { try value($0, inCondition: true) }
            return name == "Fn::And" ? .and(conditions) : .or(conditions)
        case "Fn::Not":
            let parts = try items(1, "Fn::Not needs [Condition]")
            return .not(try value(parts[0], inCondition: true))
        case "Fn::ImportValue":
            return .importValue(try value(argument))
        case "Fn::Base64":
            return .base64(try value(argument))
        case "Fn::GetAZs":
            return .getAZs(try value(argument))
        case "Fn::FindInMap":
            let parts = try items(3, "Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]")
            return .findInMap(try value(parts[0]), try value(parts[1]), try value(parts[2]))
        case "Fn::Cidr":
            let parts = try items(3, "Fn::Cidr needs [IpBlock, Count, CidrBits]")
            return .cidr(try value(parts[0]), try value(parts[1]), try value(parts[2]))
        default:
            return nil
        }
    }
}
