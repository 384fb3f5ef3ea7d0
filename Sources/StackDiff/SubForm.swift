import StackTemplate

/// One canonical spelling for string building: `Fn::Join` of literals, `Ref`s and `Fn::GetAtt`s, and
/// `Fn::Sub` with variables that are literals, `Ref`s or `Fn::GetAtt`s, all become `Fn::Sub` with the
/// references inline (`!Sub arn:${AWS::Partition}:s3:::${Bucket}/*`), and a Sub without any `${}` is its
/// string. So stackctl's Joins and another tool's Subs compare equal, and read better in the output.
enum SubForm {
    static func fromJoin(_ separator: String, _ parts: [TemplateValue]) -> TemplateValue? {
        var format = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { format += escape(separator) }
            guard let piece = inline(part) else { return nil }
            format += piece
        }
        return canonical(format, [:])
    }

    static func canonical(_ format: String, _ vars: [String: TemplateValue]) -> TemplateValue {
        var format = format
        var rest: [String: TemplateValue] = [:]
        for (name, value) in vars {
            guard let piece = inline(value) else { rest[name] = value; continue }
            format = format.replacingOccurrences(of: "${\(name)}", with: piece)
        }
        if rest.isEmpty && !format.contains("${") { return .string(format) }
        return .sub(format, rest)
    }

    /// The Sub text for a literal or a reference, nil for anything else.
    private static func inline(_ value: TemplateValue) -> String? {
        switch value {
        case .string(let s): return escape(s)
        case .ref(let name): return "${\(name)}"
        case .getAtt(let resource, let attribute): return "${\(resource).\(attribute)}"
        case .sub(let format, let vars) where vars.isEmpty: return format  // already Sub text
        default: return nil
        }
    }

    /// `${` in a literal is written `${!` in a Sub.
    private static func escape(_ literal: String) -> String { literal.replacingOccurrences(of: "${", with: "${!") }
}
