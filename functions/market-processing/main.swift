import Foundation
import LambdaRuntime
import MarketLogic

// market-processing: Kinesis ticks → raw JSON in S3 + quote items in DynamoDB.
//
// KNOWN GAP: the AWS clients (S3 PutObject, DynamoDB PutItem) come from the AWSClient module,
// which does not exist yet. Until it is wired here, `UnwiredAWSClient()` throws, so every cold
// start ends in init/error ("AWS client not wired yet") and the function handles no event.
// The configuration is read first, so a wrong environment is still reported as such.

guard let runtime = try? LambdaRuntime.fromEnvironment() else {
    FileHandle.standardError.write(Data("AWS_LAMBDA_RUNTIME_API is not set: run this inside Lambda\n".utf8))
    exit(1)
}
let outcome = await runtime.run {
    let config = try MarketProcessingConfig(environment: ProcessInfo.processInfo.environment)
    let client = try UnwiredAWSClient()
    return MarketProcessingHandler(config: config, rawStore: client, quoteStore: client)
}
exit(outcome.exitCode)
