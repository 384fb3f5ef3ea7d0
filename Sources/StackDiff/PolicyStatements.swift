import StackTemplate

/// The permission documents of a resource, each as a set of statements: inline and attached policy
/// documents, trust policies, resource policies, managed policy ARNs and Lambda permissions (read as
/// the statement they add to the function's resource policy). Values are normalized.
enum PolicyStatements {
    struct Document {
        var source: String
        /// Statement identity (canonical text) → statement.
        var statements: [String: TemplateValue]
    }

    static func documents(of resource: NormalizedResource) -> [String: Document] {
        var out: [String: Document] = [:]
        func add(_ source: String, _ statements: [TemplateValue]) {
            var doc = out[source] ?? Document(source: source, statements: [:])
            for s in statements { doc.statements[CanonicalKey.of(s)] = s }
            out[source] = doc
        }
        let p = resource.properties
        for key in ["PolicyDocument", "AssumeRolePolicyDocument", "ResourcePolicy", "KeyPolicy"] {
            if let doc = p[key], doc.isPolicyDocument { add(key, statements(doc)) }
        }
        if resource.type == "AWS::Serverless::Function", let policies = p["Policies"] {
            // SAM: a managed policy name or ARN, a policy template (`S3ReadPolicy: {...}`), a policy
            // document, or a list of those. Each template or managed policy is one grant.
            for item in members(policies) {
                if item.isPolicyDocument { add("Policies", statements(item)) } else { add("Policies", [["Effect": "Allow", "ManagedPolicy": item]]) }
            }
        } else if case .list(let policies)? = p["Policies"] {
            for (i, policy) in policies.enumerated() {
                guard let doc = policy["PolicyDocument"], doc.isPolicyDocument else { continue }
                let name = policy["PolicyName"].map(ValueFormatter.format) ?? "[\(i)]"
                add("Policies[PolicyName=\(name)].PolicyDocument", statements(doc))
            }
        }
        if case .list(let arns)? = p["ManagedPolicyArns"] {
            add("ManagedPolicyArns", arns.map { ["Effect": "Allow", "ManagedPolicy": $0] })
        }
        if resource.type == "AWS::Lambda::Permission" {
            var statement: [String: TemplateValue] = ["Effect": "Allow"]
            statement["Action"] = .list([p["Action"] ?? .null])
            statement["Principal"] = p["Principal"] ?? p["PrincipalOrgID"] ?? .null
            statement["Resource"] = .list([p["FunctionName"] ?? .null])
            var condition: [String: TemplateValue] = [:]
            for key in ["SourceArn", "SourceAccount", "PrincipalOrgID", "EventSourceToken", "FunctionUrlAuthType"] {
                if let v = p[key] { condition[key] = v }
            }
            if !condition.isEmpty { statement["Condition"] = .map(condition) }
            add("Lambda permission", [.map(statement)])
        }
        return out
    }

    private static func statements(_ document: TemplateValue) -> [TemplateValue] {
        switch document["Statement"] {
        case .list(let items)?: return items
        case let single?: return [single]
        case nil: return []
        }
    }

    /// `Allow s3:GetObject, s3:PutObject on !GetAtt Raw.Arn; principal Service: lambda.amazonaws.com`.
    static func describe(_ statement: TemplateValue) -> String {
        if let policy = statement["ManagedPolicy"] { return "attach policy \(ValueFormatter.format(policy))" }
        var parts: [String] = []
        let effect = statement["Effect"].map(ValueFormatter.format) ?? "?"
        let actionKey = statement["NotAction"] != nil ? "NotAction" : "Action"
        let actions = members(statement[actionKey]).map(ValueFormatter.format).joined(separator: ", ")
        parts.append("\(effect) \(actionKey == "NotAction" ? "all but " : "")\(actions)")
        let resourceKey = statement["NotResource"] != nil ? "NotResource" : "Resource"
        if statement[resourceKey] != nil {
            let resources = members(statement[resourceKey]).map(ValueFormatter.format).joined(separator: ", ")
            parts.append("\(resourceKey == "NotResource" ? "on all but" : "on") \(resources)")
        }
        var text = parts.joined(separator: " ")
        for key in ["Principal", "NotPrincipal", "Condition", "Sid"] {
            if let v = statement[key] { text += "; \(key.lowercased()) \(ValueFormatter.format(v))" }
        }
        return text
    }

    static func members(_ value: TemplateValue?) -> [TemplateValue] {
        switch value {
        case .list(let items)?: return items
        case let v?: return [v]
        case nil: return []
        }
    }
}
