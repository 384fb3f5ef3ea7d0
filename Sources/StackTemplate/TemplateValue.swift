/// A value anywhere in a CloudFormation template: scalars, lists, maps and the intrinsic functions.
///
/// Maps are `TemplateMap`s, kept sorted by key, so the same value always renders to the same bytes. `token` is a reference to a construct that the synthesizer has not yet
/// resolved to a logical ID; a finished template never contains one.
///
/// Only the cases that nest values or carry large payloads are `indirect`: scalars, references and
/// collections are stored inline (16 bytes), so the leaves that make up most of a template need no
/// heap box of their own. Boxing every case made each leaf an allocation and a reference count.
public enum TemplateValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case list([TemplateValue])
    case map(TemplateMap)

    case ref(String)
    indirect case getAtt(String, String)
    /// `Fn::Sub`: the format string and optional variables.
    indirect case sub(String, [String: TemplateValue])
    indirect case join(String, [TemplateValue])
    indirect case select(Int, TemplateValue)
    indirect case split(String, TemplateValue)
    /// `Fn::If`: condition name, value if true, value if false.
    indirect case `if`(String, TemplateValue, TemplateValue)
    indirect case equals(TemplateValue, TemplateValue)
    indirect case and([TemplateValue])
    indirect case or([TemplateValue])
    indirect case not(TemplateValue)
    /// A reference to a condition inside a condition (`{"Condition": "Name"}`).
    case condition(String)
    indirect case importValue(TemplateValue)
    indirect case base64(TemplateValue)
    indirect case getAZs(TemplateValue)
    indirect case findInMap(TemplateValue, TemplateValue, TemplateValue)
    indirect case cidr(TemplateValue, TemplateValue, TemplateValue)

    /// An unresolved reference to a construct; see `Token`.
    indirect case token(Token)
}

/// A reference from one construct to another, resolved by the synthesizer.
public struct Token: Hashable, Sendable {
    /// What the reference yields once resolved.
    public enum Attribute: Hashable, Sendable {
        /// `Ref` of the target's resource.
        case ref
        /// `Fn::GetAtt` of the target's resource.
        case getAtt(String)
    }

    /// Path of the target construct, relative to its stack (e.g. `Processing/Role`).
    public var target: String
    /// Logical name of the resource inside the target construct, relative to the target's path
    /// (empty for the construct's primary resource).
    public var resource: String
    public var attribute: Attribute
    /// The target is a full path from the stack (a construct referring to its own resources), not an id
    /// to look up from the referring construct outwards.
    public var isAbsolute: Bool

    public init(target: String, resource: String = "", attribute: Attribute, isAbsolute: Bool = false) {
        self.target = target
        self.resource = resource
        self.attribute = attribute
        self.isAbsolute = isAbsolute
    }

    /// A short human form used in diagnostics and export names: `Processing/Role.Arn`.
    public var display: String {
        let path = resource.isEmpty ? target : target + "/" + resource
        switch attribute {
        case .ref: return path
        case .getAtt(let name): return path + "." + name
        }
    }
}

/// The pseudo parameters CloudFormation provides.
public enum Pseudo: String, CaseIterable, Sendable {
    case accountId = "AWS::AccountId"
    case region = "AWS::Region"
    case partition = "AWS::Partition"
    case stackName = "AWS::StackName"
    case stackId = "AWS::StackId"
    case urlSuffix = "AWS::URLSuffix"
    case notificationARNs = "AWS::NotificationARNs"
    case noValue = "AWS::NoValue"

    public var value: TemplateValue { .ref(rawValue) }
}

extension TemplateValue {
    /// A map from a dictionary (sorted once, here).
    public static func map(_ fields: [String: TemplateValue]) -> TemplateValue { .map(TemplateMap(fields)) }

    public static let accountId = Pseudo.accountId.value
    public static let region = Pseudo.region.value
    public static let partition = Pseudo.partition.value
    public static let stackName = Pseudo.stackName.value
    public static let noValue = Pseudo.noValue.value

    /// True when the value (or anything inside it) is not a plain literal.
    public var isIntrinsic: Bool {
        switch self {
        case .string, .int, .double, .bool, .null: return false
        case .list(let items): return items.contains { $0.isIntrinsic }
        case .map(let fields): return fields.values.contains { $0.isIntrinsic }
        default: return true
        }
    }

    /// The literal string, if the value is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Looks up a key when the value is a map.
    public subscript(key: String) -> TemplateValue? {
        if case .map(let fields) = self { return fields[key] }
        return nil
    }

    /// An item by position when the value is a list (nil outside it).
    public subscript(index: Int) -> TemplateValue? {
        if case .list(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    /// The value and every value inside it, depth first (a map's entries in key order, `Fn::Sub`'s
    /// variables by name).
    public func forEachValue(_ body: (TemplateValue) -> Void) {
        body(self)
        switch self {
        case .string, .int, .double, .bool, .null, .ref, .getAtt, .condition, .token: return
        case .list(let items), .and(let items), .or(let items), .join(_, let items):
            for item in items { item.forEachValue(body) }
        case .map(let fields):
            for entry in fields.entries { entry.value.forEachValue(body) }
        case .sub(_, let vars):
            for key in vars.keys.sorted() { vars[key]!.forEachValue(body) }
        case .select(_, let v), .split(_, let v), .not(let v), .importValue(let v), .base64(let v), .getAZs(let v):
            v.forEachValue(body)
        case .if(_, let a, let b), .equals(let a, let b):
            a.forEachValue(body); b.forEachValue(body)
        case .findInMap(let a, let b, let c), .cidr(let a, let b, let c):
            a.forEachValue(body); b.forEachValue(body); c.forEachValue(body)
        }
    }

    /// Every token inside the value, depth first.
    public func forEachToken(_ body: (Token) -> Void) {
        switch self {
        case .token(let t): body(t)
        case .string, .int, .double, .bool, .null, .ref, .getAtt, .condition: return
        case .list(let items), .and(let items), .or(let items):
            for item in items { item.forEachToken(body) }
        case .join(_, let items):
            for item in items { item.forEachToken(body) }
        case .map(let fields):
            for entry in fields.entries { entry.value.forEachToken(body) }
        case .sub(_, let vars):
            for key in vars.keys.sorted() { vars[key]!.forEachToken(body) }
        case .select(_, let v), .split(_, let v), .not(let v), .importValue(let v), .base64(let v), .getAZs(let v):
            v.forEachToken(body)
        case .if(_, let a, let b), .equals(let a, let b):
            a.forEachToken(body); b.forEachToken(body)
        case .findInMap(let a, let b, let c), .cidr(let a, let b, let c):
            a.forEachToken(body); b.forEachToken(body); c.forEachToken(body)
        }
    }

    /// A copy with every token replaced by what `resolve` returns for it, or nil when the value holds no
    /// token (so that token-free values, the vast majority, are not copied).
    public func resolvedTokens(_ resolve: (Token) -> TemplateValue) -> TemplateValue? {
        resolvedTokens(resolve, references: { _ in })
    }

    /// A copy with every token replaced by what `resolve` returns for it.
    public func resolvingTokens(_ resolve: (Token) -> TemplateValue) -> TemplateValue {
        switch self {
        case .token(let t): return resolve(t)
        case .string, .int, .double, .bool, .null, .ref, .getAtt, .condition: return self
        case .list(let items): return .list(items.map { $0.resolvingTokens(resolve) })
        case .and(let items): return .and(items.map { $0.resolvingTokens(resolve) })
        case .or(let items): return .or(items.map { $0.resolvingTokens(resolve) })
        case .join(let sep, let items):
            let joined = TemplateValue.join(sep, items.map { $0.resolvingTokens(resolve) })
            return sep.isEmpty ? joined.flattenedJoin : joined
        case .map(let fields): return .map(fields.mapValues { $0.resolvingTokens(resolve) })
        case .sub(let format, let vars): return .sub(format, vars.mapValues { $0.resolvingTokens(resolve) })
        case .select(let i, let v): return .select(i, v.resolvingTokens(resolve))
        case .split(let sep, let v): return .split(sep, v.resolvingTokens(resolve))
        case .not(let v): return .not(v.resolvingTokens(resolve))
        case .importValue(let v): return .importValue(v.resolvingTokens(resolve))
        case .base64(let v): return .base64(v.resolvingTokens(resolve))
        case .getAZs(let v): return .getAZs(v.resolvingTokens(resolve))
        case .if(let c, let a, let b): return .if(c, a.resolvingTokens(resolve), b.resolvingTokens(resolve))
        case .equals(let a, let b): return .equals(a.resolvingTokens(resolve), b.resolvingTokens(resolve))
        case .findInMap(let a, let b, let c):
            return .findInMap(a.resolvingTokens(resolve), b.resolvingTokens(resolve), c.resolvingTokens(resolve))
        case .cidr(let a, let b, let c):
            return .cidr(a.resolvingTokens(resolve), b.resolvingTokens(resolve), c.resolvingTokens(resolve))
        }
    }

    /// An `Fn::Join ""` with nested `Fn::Join ""` parts spliced in and adjacent literals merged, as
    /// happens when a resolved reference is itself a join.
    public var flattenedJoin: TemplateValue {
        guard case .join("", let parts) = self else { return self }
        var out: [TemplateValue] = []
        func append(_ part: TemplateValue) {
            switch part {
            case .join("", let inner): inner.forEach(append)
            case .string(let s) where s.isEmpty: return
            case .string(let s):
                if case .string(let previous)? = out.last { out[out.count - 1] = .string(previous + s) } else { out.append(part) }
            default: out.append(part)
            }
        }
        parts.forEach(append)
        if out.isEmpty { return .string("") }
        if out.count == 1, case .string = out[0] { return out[0] }
        return .join("", out)
    }

    /// Whether the value contains any token (cheap check to skip resolution).
    public var containsToken: Bool {
        var found = false
        forEachToken { _ in found = true }
        return found
    }
}

// Literal syntax keeps construct code close to the template it produces.
extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .map(TemplateMap(elements))
    }
}

extension TemplateValue: ExpressibleByStringInterpolation {
    /// `"s3://\(bucket.name)/raw/"` becomes `Fn::Join` when it holds a non-literal part, a plain string otherwise.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [TemplateValue] = []
        var pending = ""

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { pending += literal }

        public mutating func appendInterpolation(_ value: TemplateValue) {
            if case .string(let s) = value {
                pending += s
                return
            }
            if case .join("", let inner) = value {  // splice: no join inside a join
                for part in inner { appendInterpolation(part) }
                return
            }
            if !pending.isEmpty { parts.append(.string(pending)); pending = "" }
            parts.append(value)
        }

        public mutating func appendInterpolation(_ value: String) { pending += value }
        public mutating func appendInterpolation(_ value: Int) { pending += String(value) }
    }

    public init(stringInterpolation: StringInterpolation) {
        var parts = stringInterpolation.parts
        if !stringInterpolation.pending.isEmpty { parts.append(.string(stringInterpolation.pending)) }
        if parts.isEmpty { self = .string(""); return }
        if parts.count == 1, case .string = parts[0] { self = parts[0]; return }
        self = .join("", parts)
    }
}
