import ResourceCatalogue
import StackCore
import StackTemplate

/// Turns a template value (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::ImportValue`) into the concrete
/// string CloudFormation would give it in an environment — without deploying anything.
///
/// That works because stackctl's constructs give their resources deterministic physical names
/// (`BucketName`, `TableName`, `TopicName`, `QueueName`, stream `Name`...), so every `Ref` and most ARNs
/// follow from the template itself, the account and the region. What only AWS knows at deploy time
/// (a DynamoDB stream ARN's timestamp, a generated name) is an error naming what cannot be resolved, never
/// an empty string.
public struct TemplateValueResolver: Sendable {
    public var settings: StackSettings
    /// Every stack of the environment: `Fn::ImportValue` reads another stack's export.
    public var stacks: [SynthesizedStack]
    /// The emulator endpoint functions talk to (queue URLs point at it), nil for AWS.
    public var endpoint: String?

    public init(settings: StackSettings, stacks: [SynthesizedStack], endpoint: String? = nil) {
        self.settings = settings
        self.stacks = stacks
        self.endpoint = endpoint
    }

    public struct Unresolvable: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
        init(_ reason: String) { self.reason = reason }
    }

    var partition: String {
        if settings.region.hasPrefix("cn-") { return "aws-cn" }
        if settings.region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    var urlSuffix: String { settings.region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com" }

    /// The value as a string, inside `stack`.
    public func resolve(_ value: TemplateValue, in stack: SynthesizedStack) throws(Unresolvable) -> String {
        try resolve(value, in: stack, depth: 0)
    }

    func resolve(_ value: TemplateValue, in stack: SynthesizedStack, depth: Int) throws(Unresolvable) -> String {
        // Names referring to names: a cycle would otherwise never end.
        guard depth < 16 else { throw Unresolvable("references nest too deeply (a cycle?)") }
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .ref(let name): return try ref(name, in: stack, depth: depth)
        case .getAtt(let logicalID, let attribute):
            return try getAtt(attribute, of: logicalID, in: stack, depth: depth)
        case .join(let separator, let items):
            var parts: [String] = []
            for item in items { parts.append(try resolve(item, in: stack, depth: depth + 1)) }
            return parts.joined(separator: separator)
        case .sub(let format, let variables):
            return try substitute(format, variables, in: stack, depth: depth)
        case .importValue(let name):
            return try importValue(try resolve(name, in: stack, depth: depth + 1), depth: depth)
        default:
            throw Unresolvable("\(Self.describe(value)) cannot be evaluated locally")
        }
    }

    // MARK: Ref and Fn::GetAtt

    func ref(_ name: String, in stack: SynthesizedStack, depth: Int) throws(Unresolvable) -> String {
        if let pseudo = Pseudo(rawValue: name) {
            switch pseudo {
            case .accountId: return settings.account
            case .region: return settings.region
            case .partition: return partition
            case .urlSuffix: return urlSuffix
            case .stackName: return stack.physicalName
            case .stackId, .notificationARNs, .noValue:
                throw Unresolvable("Ref \(name) is only known once the stack is deployed")
            }
        }
        if let parameter = stack.template.parameters[name] {
            guard let defaultValue = parameter.defaultValue else {
                throw Unresolvable("Ref \(name): the parameter has no default, and local invoke passes no parameters")
            }
            return try resolve(defaultValue, in: stack, depth: depth + 1)
        }
        guard let resource = stack.template.resources[name] else {
            throw Unresolvable("Ref \(name): no parameter or resource of that name in \(stack.name)")
        }
        let entry = try catalogued(resource, "Ref \(name)")
        return try value(entry.ref, of: name, resource, entry, what: "Ref \(name)", in: stack, depth: depth)
    }

    func getAtt(_ attribute: String, of logicalID: String, in stack: SynthesizedStack, depth: Int) throws(Unresolvable) -> String {
        let what = "Fn::GetAtt \(logicalID).\(attribute)"
        guard let resource = stack.template.resources[logicalID] else {
            throw Unresolvable("\(what): no resource \(logicalID) in \(stack.name)")
        }
        let entry = try catalogued(resource, what)
        guard let pattern = entry.attributes[attribute] else {
            throw Unresolvable("\(what) (\(resource.type)) cannot be computed locally")
        }
        return try value(pattern, of: logicalID, resource, entry, what: what, in: stack, depth: depth)
    }

    private func catalogued(_ resource: Resource, _ what: String) throws(Unresolvable) -> ResourceType {
        guard let entry = ResourceCatalogue.entry(resource.type) else {
            throw Unresolvable("\(what): \(resource.type) is not a type local invoke knows")
        }
        return entry
    }

    /// A catalogued reference value, its placeholders filled in from the physical name and the environment.
    func value(_ reference: ReferenceValue, of logicalID: String, _ resource: Resource, _ entry: ResourceType,
               what: String, in stack: SynthesizedStack, depth: Int) throws(Unresolvable) -> String {
        switch reference {
        case .deployTime(let reason):
            throw Unresolvable("\(what): known only once deployed (\(reason))")
        case .name:
            return try physicalName(of: logicalID, resource, entry, what: what, in: stack, depth: depth)
        case .pattern(let pattern):
            let name = pattern.contains("{name}")
                ? try physicalName(of: logicalID, resource, entry, what: what, in: stack, depth: depth) : ""
            return fill(pattern, name: name)
        }
    }

    /// A catalogued attribute of a resource of `type` whose physical name is known.
    func attribute(_ attribute: String, of type: String, named name: String) -> String? {
        guard case .pattern(let pattern)? = ResourceCatalogue.entry(type)?.attributes[attribute] else { return nil }
        return fill(pattern, name: name)
    }

    func fill(_ pattern: String, name: String) -> String {
        var out = "", rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let placeholder = rest[rest.index(after: open)..<close]
            switch placeholder {
            case "name": out += name
            case "partition": out += partition
            case "region": out += settings.region
            case "account": out += settings.account
            case "urlSuffix": out += urlSuffix
            default:
                if placeholder.hasPrefix("endpoint:") { out += serviceEndpoint(String(placeholder.dropFirst("endpoint:".count))) }
                else { out += rest[open...close] }
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Against an emulator every service lives at the emulator (as moto answers `GetQueueUrl`).
    func serviceEndpoint(_ service: String) -> String {
        if let endpoint { return endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint }
        return "https://\(service).\(settings.region).\(urlSuffix)"
    }

    func physicalName(of logicalID: String, _ resource: Resource, _ entry: ResourceType, what: String,
                      in stack: SynthesizedStack, depth: Int) throws(Unresolvable) -> String {
        guard let path = entry.nameProperty else {
            throw Unresolvable("\(what): \(resource.type) has no name property; CloudFormation generates its ID at deploy")
        }
        var value: TemplateValue? = resource.properties[path[0]]
        for key in path.dropFirst() { value = value?[key] }
        guard let value else {
            throw Unresolvable("\(what): the template sets no \(path.joined(separator: ".")), so CloudFormation generates the name at deploy")
        }
        return try resolve(value, in: stack, depth: depth + 1)
    }

    // MARK: Fn::Sub and Fn::ImportValue

    func substitute(_ format: String, _ variables: [String: TemplateValue], in stack: SynthesizedStack, depth: Int) throws(Unresolvable) -> String {
        var out = ""
        var rest = Substring(format)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw Unresolvable("Fn::Sub \"\(format)\": a ${ without its }")
            }
            let name = String(rest[open.upperBound..<close])
            rest = rest[rest.index(after: close)...]
            if name.hasPrefix("!") { out += "${" + name.dropFirst() + "}"; continue }  // ${!Literal}
            if let variable = variables[name] {
                out += try resolve(variable, in: stack, depth: depth + 1)
            } else if let dot = name.firstIndex(of: "."), Pseudo(rawValue: name) == nil {
                out += try getAtt(String(name[name.index(after: dot)...]), of: String(name[..<dot]), in: stack, depth: depth + 1)
            } else {
                out += try ref(name, in: stack, depth: depth + 1)
            }
        }
        return out + rest
    }

    func importValue(_ exportName: String, depth: Int) throws(Unresolvable) -> String {
        for stack in stacks {
            for output in stack.template.outputs.values {
                guard let name = output.exportName, (try? resolve(name, in: stack, depth: depth + 1)) == exportName else { continue }
                return try resolve(output.value, in: stack, depth: depth + 1)
            }
        }
        throw Unresolvable("Fn::ImportValue \(exportName): no stack of the environment exports it")
    }

    static func describe(_ value: TemplateValue) -> String {
        switch value {
        case .select: "Fn::Select"
        case .split: "Fn::Split"
        case .if: "Fn::If"
        case .base64: "Fn::Base64"
        case .getAZs: "Fn::GetAZs"
        case .findInMap: "Fn::FindInMap"
        case .cidr: "Fn::Cidr"
        case .list: "a list"
        case .map: "a map"
        case .null: "null"
        default: "this value"
        }
    }
}
