import Contracts
import Foundation
import FunctionClients
import LambdaRuntime
import MarketLogic

// market-analysis: quotes-table stream → SMA-5/SMA-20 crosses → BUY/SELL alerts on SNS.
// Configuration first (a wrong environment is reported as such), then one AWS context per cold
// start; a missing region or credentials ends the cold start in init/error.

guard let runtime = try? LambdaRuntime.fromEnvironment() else {
    FileHandle.standardError.write(Data("AWS_LAMBDA_RUNTIME_API is not set: run this inside Lambda\n".utf8))
    exit(1)
}
let outcome = await runtime.run(MarketStreamFunctions.analysis) {
    let environment = ProcessInfo.processInfo.environment
    let config = try MarketAnalysisConfig(environment: environment)
    let aws = try FunctionAWS.context(environment: environment)
    return MarketAnalysisHandler(quotes: DynamoDBQuoteStore(context: aws, table: config.quotesTable),
                                 ledger: DynamoDBAlertLedger(context: aws, table: config.quotesTable),
                                 publisher: SNSAlertPublisher(context: aws, topicArn: config.alertTopicArn))
}
exit(outcome.exitCode)
