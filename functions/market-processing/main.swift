import Contracts
import Foundation
import FunctionClients
import LambdaRuntime
import MarketLogic

// market-processing: Kinesis ticks → raw JSON in S3 + quote items in DynamoDB.
// Configuration first (a wrong environment is reported as such), then one AWS context per cold
// start; a missing region or credentials ends the cold start in init/error.

guard let runtime = try? LambdaRuntime.fromEnvironment() else {
    FileHandle.standardError.write(Data("AWS_LAMBDA_RUNTIME_API is not set: run this inside Lambda\n".utf8))
    exit(1)
}
let outcome = await runtime.run(MarketStreamFunctions.processing) {
    let environment = ProcessInfo.processInfo.environment
    let config = try MarketProcessingConfig(environment: environment)
    let aws = try FunctionAWS.context(environment: environment)
    return MarketProcessingHandler(config: config,
                                   rawStore: S3JSONStore(context: aws, bucket: config.rawBucket),
                                   quoteStore: DynamoDBQuoteStore(context: aws, table: config.quotesTable))
}
exit(outcome.exitCode)
