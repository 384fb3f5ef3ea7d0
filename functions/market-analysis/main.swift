import Foundation
import LambdaRuntime
import MarketLogic

// market-analysis: quotes-table stream → SMA-5/SMA-20 crosses → BUY/SELL alerts on SNS.
//
// KNOWN GAP: the AWS clients (DynamoDB Query/UpdateItem for quotes and the alert ledger, SNS
// Publish) come from the AWSClient module, which does not exist yet. Until it is wired here,
// `UnwiredAWSClient()` throws, so every cold start ends in init/error ("AWS client not wired
// yet") and the function handles no event. The configuration is read first, so a wrong
// environment is still reported as such.

guard let runtime = try? LambdaRuntime.fromEnvironment() else {
    FileHandle.standardError.write(Data("AWS_LAMBDA_RUNTIME_API is not set: run this inside Lambda\n".utf8))
    exit(1)
}
let outcome = await runtime.run {
    _ = try MarketAnalysisConfig(environment: ProcessInfo.processInfo.environment)
    let client = try UnwiredAWSClient()
    return MarketAnalysisHandler(quotes: client, ledger: client, publisher: client)
}
exit(outcome.exitCode)
