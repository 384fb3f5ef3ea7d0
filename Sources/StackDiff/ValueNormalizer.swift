import StackTemplate

/// Rewrites a value so that things CloudFormation treats as equal are equal as Swift values:
/// - scalars become strings (`10`, `"10"` and `10.0` are all passed to the provider as `"10"`, `true` as `"true"`);
/// - `Fn::Sub` without variables or `${}` is its string; `Fn::Join` of literals is the joined string and
///   nested `Fn::Join ""` are flattened;
/// - set-like lists (see `ListSemantics`) are deduplicated and sorted, keyed lists sorted by their key;
/// - in policy documents a single string, statement or principal equals a one-item list.
/// Short vs long intrinsic forms, key order and YAML vs JSON are already equal after parsing.
enum ValueNormalizer {
    /// `type`: the resource type whose properties these are (its list rules apply), nil elsewhere.
    static func normalize(_ value: TemplateValue, type: String? = nil, key: String? = nil, inPolicy: Bool = false) -> TemplateValue {
        switch value {
        case .string, .null, .ref, .getAtt, .condition, .token: return value
        case .int(let i): return .string(String(i))
        case .double(let d): return .string(scalarText(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .list(let items):
            let normalized = items.map { normalize($0, type: type, key: nil, inPolicy: inPolicy) }
            switch ListSemantics.kind(of: key, type: type, inPolicy: inPolicy, items: normalized) {
            case .ordered: return .list(normalized)
            case .set: return .list(sortedUnique(normalized))
            case .keyed(let field):
                return .list(normalized.sorted { ($0[field]?.stringValue ?? "") < ($1[field]?.stringValue ?? "") })
            }
        case .map(let fields):
            var out: [String: TemplateValue] = [:]
            out.reserveCapacity(fields.count)
            for (k, v) in fields {
                let policy = inPolicy || (ListSemantics.policyDocumentKeys.contains(k) && v.isPolicyDocument)
                var child = normalize(v, type: type, key: k, inPolicy: policy)
                if policy { child = policyListForm(child, key: k, parentKey: key) }
                out[k] = child
            }
            return .map(out)
        case .sub(let format, let vars):
            return SubForm.canonical(format, vars.mapValues { normalize($0) })
        case .join(let separator, let parts):
            let items = parts.map { normalize($0) }
            // A join of one part is that part, whatever the separator.
            if items.count == 1 { return items[0] }
            let joined = separator.isEmpty ? TemplateValue.join(separator, items).flattenedJoin : .join(separator, items)
            guard case .join(_, let flat) = joined else { return joined }
            if flat.count == 1 { return flat[0] }
            // Literals, Refs and GetAtts joined are what other tools write as one Fn::Sub.
            return SubForm.fromJoin(separator, flat) ?? joined
        case .select(let i, let v): return .select(i, normalize(v))
        case .split(let s, let v): return .split(s, normalize(v))
        case .if(let c, let a, let b):
            return .if(c, normalize(a, type: type, key: key, inPolicy: inPolicy), normalize(b, type: type, key: key, inPolicy: inPolicy))
        case .equals(let a, let b): return .equals(normalize(a), normalize(b))
        case .and(let items): return .and(items.map { normalize($0) })
        case .or(let items): return .or(items.map { normalize($0) })
        case .not(let v): return .not(normalize(v))
        case .importValue(let v): return .importValue(normalize(v))
        case .base64(let v): return .base64(normalize(v))
        case .getAZs(let v): return .getAZs(normalize(v))
        case .findInMap(let a, let b, let c): return .findInMap(normalize(a), normalize(b), normalize(c))
        case .cidr(let a, let b, let c): return .cidr(normalize(a), normalize(b), normalize(c))
        }
    }

    /// In a policy document, keys that take "one or a list" always hold a list: `Action: s3:GetObject`
    /// equals `Action: [s3:GetObject]`. Principal entries (`AWS`, `Service`, ...) and condition values
    /// (`{StringEquals: {aws:SourceAccount: X}}`) follow the same rule.
    private static func policyListForm(_ value: TemplateValue, key: String, parentKey: String?) -> TemplateValue {
        let oneOrMany = ListSemantics.setKeysInPolicies.contains(key) || parentKey == "Principal"
            || parentKey == "NotPrincipal" || isConditionOperatorValue(parentKey)
        guard oneOrMany else { return value }
        switch value {
        case .list: return value
        case .if: return value
        default: return .list([value])
        }
    }

    /// Condition values sit two levels below `Condition` (`Condition.StringEquals.aws:SourceArn`); the
    /// operator names are recognisable by their shape.
    private static func isConditionOperatorValue(_ parentKey: String?) -> Bool {
        guard let parentKey, let first = parentKey.first, first.isUppercase else { return false }
        let operators = ["String", "Numeric", "Date", "Bool", "Binary", "IpAddress", "NotIpAddress", "Arn", "Null", "ForAllValues:", "ForAnyValue:"]
        return operators.contains { parentKey.hasPrefix($0) }
    }

    static func sortedUnique(_ items: [TemplateValue]) -> [TemplateValue] {
        var seen: [String: TemplateValue] = [:]
        for item in items { seen[CanonicalKey.of(item)] = item }
        return seen.keys.sorted().map { seen[$0]! }
    }

    /// `10.0` is `10` to CloudFormation; other numbers keep Swift's shortest round-trip form.
    static func scalarText(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}

extension TemplateValue {
    /// A map with a `Statement` key: what IAM reads as a policy document.
    var isPolicyDocument: Bool {
        if case .map(let fields) = self { return fields["Statement"] != nil }
        return false
    }
}
