import Contracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FunctionClients
import LambdaRuntime
import MarketLogic

// market-processing: Kinesis ticks → raw JSON in S3 + quote items in DynamoDB.
// Configuration first (a wrong environment is reported as such), then one AWS context per cold
// start; a missing region or credentials ends the cold start in init/error.

guard let runtime = try? LambdaRuntime.fromEnvironment() else {
    LambdaProcess.notInLambda()
}
let outcome = await runtime.run(MarketStreamFunctions.processing) {
    let environment = ProcessInfo.processInfo.environment
    let config = try MarketProcessingConfig(environment: environment)
    let aws = try FunctionAWS.context(environment: environment)
    return MarketProcessingHandler(config: config,
                                   rawStore: S3JSONStore(context: aws, bucket: config.rawBucket),
                                   quoteStore: DynamoDBQuoteStore(context: aws, table: config.quotesTable))
}
LambdaProcess.exit(outcome.exitCode)
