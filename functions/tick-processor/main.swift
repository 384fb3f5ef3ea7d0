import Contracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FunctionClients
import LambdaRuntime
import TickLogic

// tick-processor: SQS ticks → processed JSON in S3, SNS alert at or above ALERT_THRESHOLD.
// Configuration first (a missing variable or a bad ALERT_THRESHOLD is reported as such), then one
// AWS context per cold start; a missing region or credentials ends the cold start in init/error.

guard let runtime = try? LambdaRuntime.fromEnvironment() else {
    LambdaProcess.notInLambda()
}
let outcome = await runtime.run(TickAlertsFunctions.processor) {
    let environment = ProcessInfo.processInfo.environment
    let config = try TickProcessorConfig(environment: environment)
    let aws = try FunctionAWS.context(environment: environment)
    return TickProcessorHandler(config: config,
                                store: S3JSONStore(context: aws, bucket: config.bucket),
                                publisher: SNSAlertPublisher(context: aws, topicArn: config.alertTopicArn))
}
LambdaProcess.exit(outcome.exitCode)
