import StackCore
import StackTemplate

/// A function's own log group (child `LogGroup`): `/stackctl/<namePrefix>/<construct path>`, the
/// environment's retention, and with a customer managed key encrypted by the stack's key — whose
/// policy then lets CloudWatch Logs use it for this log group only.
enum FunctionLogGroup {
    /// Returns the group's name (a delivery stream's logging options name it).
    @discardableResult
    static func add(in scope: Scope) -> String {
        let name = "/stackctl/\(scope.settings.namePrefix)/\(scope.fullPath)"
        var properties: TemplateMap = ["LogGroupName": .string(name), "RetentionInDays": .int(scope.settings.logRetentionDays)]
        if let key = scope.customerKey {
            properties["KmsKeyId"] = key
            // The ARN from the name, not Fn::GetAtt: the key would otherwise depend on the group it encrypts.
            let arn = Arn.build(service: "logs", resource: .string("log-group:\(name)"))
            scope.contribute([CustomerKey.serviceUse(.sub("logs.${AWS::Region}.amazonaws.com", [:]), actions: CustomerKey.logs,
                                                     sid: LogicalID.from(relativePath: scope.path) + "Logs",
                                                     condition: ["ArnEquals": ["kms:EncryptionContext:aws:logs:arn": arn]])],
                             toPolicyOf: DataKey.id)
        }
        scope.resource("LogGroup", Resource(type: "AWS::Logs::LogGroup", properties: properties))
        return name
    }
}
