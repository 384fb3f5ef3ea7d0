import Foundation
import LambdaRuntime
import TickLogic

// tick-processor: SQS ticks → processed JSON in S3, SNS alert at or above ALERT_THRESHOLD.
//
// KNOWN GAP: the AWS clients (S3 PutObject, SNS Publish) come from the AWSClient module, which
// does not exist yet. Until it is wired here, `UnwiredAWSClient()` throws, so every cold start
// ends in init/error ("AWS client not wired yet") and the function handles no message (they
// stay in the queue, then go to the DLQ). The configuration is read first, so a missing
// variable or a bad ALERT_THRESHOLD is still reported as such.

guard let runtime = try? LambdaRuntime.fromEnvironment() else {
    FileHandle.standardError.write(Data("AWS_LAMBDA_RUNTIME_API is not set: run this inside Lambda\n".utf8))
    exit(1)
}
let outcome = await runtime.run {
    let config = try TickProcessorConfig(environment: ProcessInfo.processInfo.environment)
    let client = try UnwiredAWSClient()
    return TickProcessorHandler(config: config, store: client, publisher: client)
}
exit(outcome.exitCode)
