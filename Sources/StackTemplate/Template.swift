/// A CloudFormation template as a value. Renderers emit sections, resources and keys in a fixed order
/// (sections in CloudFormation's usual order, names sorted), so equal values give equal bytes.
public struct Template: Hashable, Sendable {
    public var formatVersion: String?
    public var description: String?
    /// `Transform` (e.g. `AWS::Serverless-2016-10-31`).
    public var transforms: [String]
    public var metadata: [String: TemplateValue]
    public var parameters: [String: Parameter]
    public var mappings: [String: TemplateValue]
    public var conditions: [String: TemplateValue]
    public var resources: [String: Resource]
    public var outputs: [String: Output]

    public init(
        formatVersion: String? = "2010-09-09", description: String? = nil, transforms: [String] = [],
        metadata: [String: TemplateValue] = [:], parameters: [String: Parameter] = [:],
        mappings: [String: TemplateValue] = [:], conditions: [String: TemplateValue] = [:],
        resources: [String: Resource] = [:], outputs: [String: Output] = [:]
    ) {
        self.formatVersion = formatVersion
        self.description = description
        self.transforms = transforms
        self.metadata = metadata
        self.parameters = parameters
        self.mappings = mappings
        self.conditions = conditions
        self.resources = resources
        self.outputs = outputs
    }
}

public enum DeletionPolicy: String, Hashable, Sendable, CaseIterable {
    case delete = "Delete"
    case retain = "Retain"
    case snapshot = "Snapshot"
    case retainExceptOnCreate = "RetainExceptOnCreate"
}

public struct Resource: Hashable, Sendable {
    public var type: String
    /// Kept sorted by name (a `TemplateMap`, like every map in a template): built without hashing and
    /// rendered without sorting.
    public var properties: TemplateMap
    public var dependsOn: [String]
    public var condition: String?
    public var deletionPolicy: DeletionPolicy?
    public var updateReplacePolicy: DeletionPolicy?
    public var metadata: TemplateMap

    public init(
        type: String, properties: TemplateMap = [:], dependsOn: [String] = [],
        condition: String? = nil, deletionPolicy: DeletionPolicy? = nil,
        updateReplacePolicy: DeletionPolicy? = nil, metadata: TemplateMap = [:]
    ) {
        self.type = type
        self.properties = properties
        self.dependsOn = dependsOn
        self.condition = condition
        self.deletionPolicy = deletionPolicy
        self.updateReplacePolicy = updateReplacePolicy
        self.metadata = metadata
    }

    /// The construct path stackctl records in every resource's metadata.
    public static let pathMetadataKey = "stackctl:path"

    public var constructPath: String? { metadata[Self.pathMetadataKey]?.stringValue }
}

public struct Parameter: Hashable, Sendable {
    public var type: String
    public var description: String?
    public var defaultValue: TemplateValue?
    public var allowedValues: [TemplateValue]
    public var allowedPattern: String?
    public var noEcho: Bool
    public var minLength: Int?
    public var maxLength: Int?
    public var minValue: Int?
    public var maxValue: Int?
    public var constraintDescription: String?

    public init(
        type: String = "String", description: String? = nil, defaultValue: TemplateValue? = nil,
        allowedValues: [TemplateValue] = [], allowedPattern: String? = nil, noEcho: Bool = false,
        minLength: Int? = nil, maxLength: Int? = nil, minValue: Int? = nil, maxValue: Int? = nil,
        constraintDescription: String? = nil
    ) {
        self.type = type
        self.description = description
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.allowedPattern = allowedPattern
        self.noEcho = noEcho
        self.minLength = minLength
        self.maxLength = maxLength
        self.minValue = minValue
        self.maxValue = maxValue
        self.constraintDescription = constraintDescription
    }
}

public struct Output: Hashable, Sendable {
    public var value: TemplateValue
    public var description: String?
    /// `Export.Name`, when other stacks import this output.
    public var exportName: TemplateValue?
    public var condition: String?

    public init(value: TemplateValue, description: String? = nil, exportName: TemplateValue? = nil, condition: String? = nil) {
        self.value = value
        self.description = description
        self.exportName = exportName
        self.condition = condition
    }
}
