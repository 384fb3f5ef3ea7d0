import StackTemplate

extension Scope {
    /// The deletion policy for stateful resources (buckets, tables, streams, queues, secrets, log groups):
    /// kept when the environment retains data, deleted with the stack otherwise.
    public var dataPolicy: DeletionPolicy { settings.retainData ? .retain : .delete }

    /// Adds a stateful resource with `DeletionPolicy` and `UpdateReplacePolicy` from the environment.
    @discardableResult
    public func statefulResource(_ name: String = "", type: String, properties: TemplateMap, dependsOn: [String] = []) -> String {
        resource(name, Resource(type: type, properties: properties, dependsOn: dependsOn,
                                deletionPolicy: dataPolicy, updateReplacePolicy: dataPolicy))
    }
}

/// ARNs built from names, for the places where `Fn::GetAtt` would create a dependency cycle.
public enum Arn {
    /// `arn:${AWS::Partition}:SERVICE:${AWS::Region}:${AWS::AccountId}:RESOURCE`; pass `regional: false`
    /// for global services (S3 bucket ARNs have neither region nor account).
    public static func build(service: String, resource: TemplateValue, regional: Bool = true, account: Bool = true) -> TemplateValue {
        let region: TemplateValue = regional ? .region : ""
        let acct: TemplateValue = account ? .accountId : ""
        return .join("", ["arn:", .partition, ":\(service):", region, ":", acct, ":", resource])
            .simplifiedJoin
    }
}

extension TemplateValue {
    /// Joins adjacent literal strings of a `Fn::Join ""` and drops empty ones; a join left with a
    /// single literal becomes that literal.
    public var simplifiedJoin: TemplateValue {
        guard case .join(let sep, let parts) = self, sep.isEmpty else { return self }
        var out: [TemplateValue] = []
        for part in parts {
            if case .string(let s) = part {
                if s.isEmpty { continue }
                if case .string(let prev)? = out.last { out[out.count - 1] = .string(prev + s); continue }
            }
            out.append(part)
        }
        if out.isEmpty { return "" }
        if out.count == 1, case .string = out[0] { return out[0] }
        return .join("", out)
    }
}
