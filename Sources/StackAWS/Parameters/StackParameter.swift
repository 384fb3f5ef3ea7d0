import StackCore
import StackTemplate

/// A CloudFormation parameter of the stack, named by its id (`AlertEmail`): its value comes from the
/// environment file's `parameters:` section at deploy time (`parameters: { MarketStream: { AlertEmail: … } }`),
/// or from `defaultValue`. `value` is its `Ref`, usable in properties of constructs of the same stack.
///
/// The constraints (`allowedValues`, `allowedPattern`, lengths, bounds) are rendered into the template and
/// checked by stackctl against the environment's value before anything is sent. A `noEcho` value is never
/// printed (`****`), and CloudFormation masks it in its own answers.
public struct StackParameter: Referenceable {
    public enum Kind: Sendable, Equatable {
        case string
        case number
        /// `List<Number>`: a YAML list of numbers in the environment file.
        case numberList
        /// `CommaDelimitedList`: a YAML list of strings in the environment file.
        case commaDelimitedList
        /// An AWS-specific type written as is (`AWS::EC2::KeyPair::KeyName`, `List<AWS::EC2::Subnet::Id>`,
        /// `AWS::SSM::Parameter::Value<String>`): a string, or a list for `List<…>` types.
        case aws(String)

        public var cloudFormationType: String {
            switch self {
            case .string: return "String"
            case .number: return "Number"
            case .numberList: return "List<Number>"
            case .commaDelimitedList: return "CommaDelimitedList"
            case .aws(let type): return type
            }
        }
    }

    public let id: String
    public var type: Kind
    /// As CloudFormation takes it: a number or a comma-separated list is written as text.
    public var defaultValue: String?
    public var noEcho: Bool
    public var allowedValues: [String]
    public var allowedPattern: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var minValue: Int?
    public var maxValue: Int?
    public var description: String?

    public init(_ id: String, type: Kind = .string, defaultValue: String? = nil, noEcho: Bool = false,
                allowedValues: [String] = [], allowedPattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil,
                minValue: Int? = nil, maxValue: Int? = nil, description: String? = nil) {
        self.id = id
        self.type = type
        self.defaultValue = defaultValue
        self.noEcho = noEcho
        self.allowedValues = allowedValues
        self.allowedPattern = allowedPattern
        self.minLength = minLength
        self.maxLength = maxLength
        self.minValue = minValue
        self.maxValue = maxValue
        self.description = description
    }

    /// `Ref` of the parameter: its value (a list for list types).
    public var value: TemplateValue { ref() }

    public func synthesize(in scope: Scope) {
        if case .aws(let name) = type, !(name.hasPrefix("AWS::") || name.hasPrefix("List<AWS::")) {
            scope.error(.invalidParameter, "'\(name)' is not a CloudFormation parameter type",
                        hint: "use .string, .number, .numberList, .commaDelimitedList, or .aws(\"AWS::EC2::KeyPair::KeyName\") and the like",
                        property: "type")
        }
        let lengths = [minLength, maxLength].compactMap { $0 }, bounds = [minValue, maxValue].compactMap { $0 }
        if !lengths.isEmpty && type != .string {
            scope.error(.invalidParameter, "minLength/maxLength apply to String parameters only", hint: "remove them or use type: .string",
                        property: "minLength")
        }
        if !bounds.isEmpty && type != .number {
            scope.error(.invalidParameter, "minValue/maxValue apply to Number parameters only", hint: "remove them or use type: .number",
                        property: "minValue")
        }
        if let minLength, let maxLength, minLength > maxLength {
            scope.error(.outOfRange, "minLength \(minLength) is above maxLength \(maxLength)", hint: "swap them", property: "minLength")
        }
        if let minValue, let maxValue, minValue > maxValue {
            scope.error(.outOfRange, "minValue \(minValue) is above maxValue \(maxValue)", hint: "swap them", property: "minValue")
        }
        let parameter = Parameter(
            type: type.cloudFormationType, description: description, defaultValue: defaultValue.map(TemplateValue.string),
            allowedValues: allowedValues.map(TemplateValue.string), allowedPattern: allowedPattern, noEcho: noEcho,
            minLength: minLength, maxLength: maxLength, minValue: minValue, maxValue: maxValue)
        if let defaultValue, let problem = ParameterConstraints.violation(of: defaultValue, for: parameter) {
            scope.error(.invalidParameter, "the default value breaks the parameter's own constraints: \(problem)",
                        hint: "change defaultValue or the constraints", property: "defaultValue")
        }
        scope.parameter(id, parameter)
        scope.provide(.ref, value: .ref(id))
    }
}
