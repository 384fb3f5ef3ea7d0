extension ResourceCatalogue {
    static let iam: [ResourceType] = [
        ResourceType(
            "AWS::IAM::Role", nameProperty: ["RoleName"], ref: .name,
            attributes: [
                "Arn": .pattern("arn:{partition}:iam::{account}:role/{name}"),
                "RoleId": .deployTime("a role's unique ID is assigned when it is created"),
            ],
            lists: ["Policies": .keyed("PolicyName"), "ManagedPolicyArns": .set],
            cleanup: "aws iam delete-role --role-name {id}   # detach its policies first", carriesPermissions: true),
        ResourceType(
            "AWS::IAM::Policy", ref: .deployTime("an inline policy's ID is generated when it is created"),
            lists: ["Roles": .set, "Users": .set, "Groups": .set], carriesPermissions: true),
        ResourceType(
            "AWS::IAM::ManagedPolicy", nameProperty: ["ManagedPolicyName"],
            ref: .pattern("arn:{partition}:iam::{account}:policy/{name}"),
            lists: ["Roles": .set, "Users": .set, "Groups": .set],
            cleanup: "aws iam delete-policy --policy-arn {id}", carriesPermissions: true),
        ResourceType(
            "AWS::IAM::User", nameProperty: ["UserName"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:iam::{account}:user/{name}")],
            lists: ["Policies": .keyed("PolicyName"), "ManagedPolicyArns": .set, "Groups": .set],
            carriesPermissions: true),
        ResourceType(
            "AWS::IAM::Group", nameProperty: ["GroupName"], ref: .name,
            attributes: ["Arn": .pattern("arn:{partition}:iam::{account}:group/{name}")],
            lists: ["Policies": .keyed("PolicyName"), "ManagedPolicyArns": .set], carriesPermissions: true),
    ]
}
