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
        let physical = try physicalName(of: name, resource, in: stack, depth: depth)
        switch resource.type {
        case "AWS::SNS::Topic": return arn("sns", physical)
        case "AWS::SQS::Queue": return queueURL(physical)
        default: return physical
        }
    }

    func getAtt(_ attribute: String, of logicalID: String, in stack: SynthesizedStack, depth: Int) throws(Unresolvable) -> String {
        guard let resource = stack.template.resources[logicalID] else {
            throw Unresolvable("Fn::GetAtt \(logicalID).\(attribute): no resource \(logicalID) in \(stack.name)")
        }
        let name = try physicalName(of: logicalID, resource, in: stack, depth: depth)
        switch (resource.type, attribute) {
        case ("AWS::S3::Bucket", "Arn"): return "arn:\(partition):s3:::\(name)"
        case ("AWS::S3::Bucket", "DomainName"): return "\(name).s3.\(urlSuffix)"
        case ("AWS::S3::Bucket", "RegionalDomainName"): return "\(name).s3.\(settings.region).\(urlSuffix)"
        case ("AWS::DynamoDB::Table", "Arn"): return arn("dynamodb", "table/\(name)")
        case ("AWS::SNS::Topic", "TopicArn"): return arn("sns", name)
        case ("AWS::SNS::Topic", "TopicName"): return name
        case ("AWS::SQS::Queue", "Arn"): return arn("sqs", name)
        case ("AWS::SQS::Queue", "QueueName"): return name
        case ("AWS::SQS::Queue", "QueueUrl"): return queueURL(name)
        case ("AWS::Kinesis::Stream", "Arn"): return arn("kinesis", "stream/\(name)")
        case ("AWS::Lambda::Function", "Arn"): return arn("lambda", "function:\(name)")
        case ("AWS::Logs::LogGroup", "Arn"): return arn("logs", "log-group:\(name):*")
        case ("AWS::IAM::Role", "Arn"): return "arn:\(partition):iam::\(settings.account):role/\(name)"
        case ("AWS::Events::Rule", "Arn"): return arn("events", "rule/\(name)")
        case ("AWS::DynamoDB::Table", "StreamArn"):
            throw Unresolvable("Fn::GetAtt \(logicalID).StreamArn: a DynamoDB stream ARN ends in its creation time, known only once deployed")
        default:
            throw Unresolvable("Fn::GetAtt \(logicalID).\(attribute) (\(resource.type)) cannot be computed locally")
        }
    }

    func arn(_ service: String, _ resource: String) -> String {
        "arn:\(partition):\(service):\(settings.region):\(settings.account):\(resource)"
    }

    /// Against an emulator the queue lives at the emulator (as moto answers `GetQueueUrl`).
    func queueURL(_ name: String) -> String {
        if let endpoint { return "\(endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint)/\(settings.account)/\(name)" }
        return "https://sqs.\(settings.region).\(urlSuffix)/\(settings.account)/\(name)"
    }

    /// The property that carries a resource's physical name, per type.
    static let nameProperties: [String: [String]] = [
        "AWS::S3::Bucket": ["BucketName"], "AWS::DynamoDB::Table": ["TableName"], "AWS::SNS::Topic": ["TopicName"],
        "AWS::SQS::Queue": ["QueueName"], "AWS::Kinesis::Stream": ["Name"], "AWS::Lambda::Function": ["FunctionName"],
        "AWS::Logs::LogGroup": ["LogGroupName"], "AWS::IAM::Role": ["RoleName"], "AWS::Events::Rule": ["Name"],
        "AWS::Athena::WorkGroup": ["Name"], "AWS::Glue::Database": ["DatabaseInput", "Name"],
        "AWS::Glue::Table": ["TableInput", "Name"],
    ]

    func physicalName(of logicalID: String, _ resource: Resource, in stack: SynthesizedStack, depth: Int) throws(Unresolvable) -> String {
        guard let path = Self.nameProperties[resource.type] else {
            throw Unresolvable("Ref \(logicalID): \(resource.type) is not a type local invoke knows the physical name of")
        }
        var value: TemplateValue? = resource.properties[path[0]]
        for key in path.dropFirst() { value = value?[key] }
        guard let value else {
            throw Unresolvable("Ref \(logicalID): the template sets no \(path.joined(separator: ".")), so CloudFormation generates the name at deploy")
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
