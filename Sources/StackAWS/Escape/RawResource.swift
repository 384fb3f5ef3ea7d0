import StackCore
import StackTemplate

/// Escape hatch: a resource written out by hand, for a type or property stackctl has no construct
/// for yet. It still gets a logical ID from its path, path metadata, reference resolution and the
/// environment's retention policy when the catalogue says its type holds data (or, for a type the
/// catalogue does not know, when `stateful`).
public struct RawResource: Referenceable {
    public let id: String
    public var type: String
    public var properties: TemplateMap
    public var dependsOn: [String]
    /// Keep it (`DeletionPolicy`/`UpdateReplacePolicy`) where the environment retains data, for a type
    /// the catalogue does not know (a catalogued type holding data is kept anyway).
    public var stateful: Bool

    public init(_ id: String, type: String, properties: TemplateMap = [:], dependsOn: [String] = [], stateful: Bool = false) {
        self.id = id
        self.type = type
        self.properties = properties
        self.dependsOn = dependsOn
        self.stateful = stateful
    }

    public func synthesize(in scope: Scope) {
        let parts = type.split(separator: "::")
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            scope.error(.invalidResourceType, "'\(type)' is not a CloudFormation resource type",
                        hint: "write it as Service::Provider::Type, e.g. AWS::SSM::Parameter", property: "type")
            return
        }
        let policy: DeletionPolicy? = stateful ? scope.dataPolicy : nil
        scope.resource(Resource(type: type, properties: properties, dependsOn: dependsOn,
                                deletionPolicy: policy, updateReplacePolicy: policy))
    }
}

/// Escape hatch: sets (or removes, with `nil`) one property of a resource another construct made —
/// `Override("Tracing", on: processing, path: "TracingConfig.Mode", set: "Active")`. The path is
/// dotted, inside `Properties`; `resource` names a child (`Role`) instead of the primary resource.
public struct Override: Construct {
    public let id: String
    public var target: String
    public var resource: String
    public var path: [String]
    public var value: TemplateValue?

    public init(_ id: String, on target: some Construct, resource: String = "", path: String, set value: TemplateValue?) {
        self.id = id
        self.target = target.id
        self.resource = resource
        self.path = path.split(separator: ".").map(String.init)
        self.value = value
    }

    public func synthesize(in scope: Scope) {
        guard !path.isEmpty else {
            scope.error(.invalidOverride, "the override path is empty", hint: "name a property, e.g. TracingConfig.Mode", property: "path")
            return
        }
        let path = self.path, value = self.value
        scope.amend(target: target, resource: resource) { resource in
            resource.properties = Self.setting(path[...], to: value, in: resource.properties)
        }
    }

    static func setting(_ path: ArraySlice<String>, to value: TemplateValue?, in fields: TemplateMap) -> TemplateMap {
        var fields = fields
        guard let key = path.first else { return fields }
        if path.count == 1 {
            fields[key] = value
        } else {
            var inner = TemplateMap()
            if case .map(let existing)? = fields[key] { inner = existing }
            fields[key] = .map(setting(path.dropFirst(), to: value, in: inner))
        }
        return fields
    }
}
